// Keeps MSAL's access tokens short-lived inside the serialized cache: an access token is dropped once expired
// and its expiry is capped at cached_at + the vault's maximum lifetime, so MSAL refreshes silently instead of
// using an older one. Refresh tokens, accounts and id tokens are MSAL's business and are left alone. A cache
// that does not parse is returned unchanged (MSAL owns its format). Never logs.

type Entry = Record<string, unknown>;

function seconds(value: unknown): number | null {
  const n = typeof value === 'string' ? Number(value) : typeof value === 'number' ? value : NaN;
  return Number.isFinite(n) ? n : null;
}

/** The cache with short-lived access tokens; the same string (identity kept) when nothing had to change. */
export function capMsalAccessTokens(serialized: string, nowMs: number, maxLifetimeMs: number): string {
  let cache: { AccessToken?: Record<string, Entry> };
  try {
    cache = JSON.parse(serialized) as typeof cache;
  } catch {
    return serialized;
  }
  const tokens = cache.AccessToken;
  if (typeof tokens !== 'object' || tokens === null) return serialized;

  const now = Math.floor(nowMs / 1000);
  const maxSeconds = Math.floor(maxLifetimeMs / 1000);
  let changed = false;
  for (const [key, entry] of Object.entries(tokens)) {
    const cachedAt = seconds(entry['cached_at']);
    const expiresOn = seconds(entry['expires_on']);
    if (cachedAt === null || expiresOn === null || cachedAt > now) {
      delete tokens[key];
      changed = true;
      continue;
    }
    const cap = cachedAt + maxSeconds;
    if (Math.min(expiresOn, cap) <= now) {
      delete tokens[key];
      changed = true;
      continue;
    }
    for (const field of ['expires_on', 'extended_expires_on', 'refresh_on']) {
      const value = seconds(entry[field]);
      if (value !== null && value > cap) {
        entry[field] = String(cap);
        changed = true;
      }
    }
  }
  return changed ? JSON.stringify(cache) : serialized;
}

/**
 * When the next access token in an already capped cache expires (epoch ms), i.e. the earliest moment
 * capMsalAccessTokens could change it again; Infinity when it holds none. Lets reads skip re-parsing the
 * cache on the hot path.
 */
export function nextAccessTokenEndMs(serialized: string, maxLifetimeMs: number): number {
  let cache: { AccessToken?: Record<string, Entry> };
  try {
    cache = JSON.parse(serialized) as typeof cache;
  } catch {
    return 0; // unparseable: check every time, as before
  }
  const maxSeconds = Math.floor(maxLifetimeMs / 1000);
  let earliest = Infinity;
  for (const entry of Object.values(cache.AccessToken ?? {})) {
    const cachedAt = seconds(entry['cached_at']);
    const expiresOn = seconds(entry['expires_on']);
    if (cachedAt === null || expiresOn === null) return 0;
    earliest = Math.min(earliest, Math.min(expiresOn, cachedAt + maxSeconds) * 1000);
  }
  return earliest;
}
