// Which sign-ins a serialized MSAL cache holds (its accounts and refresh tokens, by cache key), so the vault
// can tell a save that removes one (a sign-out) from an ordinary save and advance its generation. Reads keys
// only; never logs, never looks at a secret. A cache that does not parse holds no sign-ins here (MSAL owns
// its format).

function signInKeys(serialized: string | null): Set<string> {
  if (serialized === null) return new Set();
  let cache: { Account?: unknown; RefreshToken?: unknown };
  try {
    cache = JSON.parse(serialized) as typeof cache;
  } catch {
    return new Set();
  }
  const keys = new Set<string>();
  for (const [section, entries] of [['Account', cache.Account], ['RefreshToken', cache.RefreshToken]] as const) {
    if (typeof entries === 'object' && entries !== null) for (const key of Object.keys(entries)) keys.add(`${section} ${key}`);
  }
  return keys;
}

/** True when `after` lacks an account or refresh token that `before` held. */
export function removesSignIn(before: string | null, after: string): boolean {
  const had = signInKeys(before);
  if (had.size === 0) return false;
  const has = signInKeys(after);
  for (const key of had) if (!has.has(key)) return true;
  return false;
}
