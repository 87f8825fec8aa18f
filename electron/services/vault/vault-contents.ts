// What the vault keeps: the MSAL cache (an opaque string) and endpoint tokens, plus their (de)serialization and
// the "short-lived by construction" rule: an endpoint token lives until its own expiry and at most the vault's
// maximum lifetime from when it was stored; a clock that moved backwards before storage also ends it.
// Pure data; never logs.
import { z } from 'zod';

export interface StoredEndpointToken {
  readonly endpointId: string;
  readonly token: string;
  readonly expiresAtMs: number;
  readonly storedAtMs: number;
}

export interface VaultContents {
  msalCache: string | null;
  readonly endpointTokens: Map<string, StoredEndpointToken>;
}

const CONTENTS_VERSION = 1;

const contentsSchema = z.strictObject({
  v: z.literal(CONTENTS_VERSION),
  msalCache: z.string().nullable(),
  endpointTokens: z.array(
    z.strictObject({
      endpointId: z.string().min(1),
      token: z.string().min(1),
      expiresAtMs: z.number().finite(),
      storedAtMs: z.number().finite(),
    }),
  ),
});

export function emptyContents(): VaultContents {
  return { msalCache: null, endpointTokens: new Map() };
}

export function isEmptyContents(contents: VaultContents): boolean {
  return contents.msalCache === null && contents.endpointTokens.size === 0;
}

export function encodeContents(contents: VaultContents): Buffer {
  const body = { v: CONTENTS_VERSION, msalCache: contents.msalCache, endpointTokens: [...contents.endpointTokens.values()] };
  return Buffer.from(JSON.stringify(body), 'utf8');
}

/** The contents, or null when the (authenticated) bytes do not hold what this version writes. */
export function decodeContents(bytes: Buffer): VaultContents | null {
  try {
    const parsed = contentsSchema.safeParse(JSON.parse(bytes.toString('utf8')));
    if (!parsed.success) return null;
    return {
      msalCache: parsed.data.msalCache,
      endpointTokens: new Map(parsed.data.endpointTokens.map((t) => [t.endpointId, t])),
    };
  } catch {
    return null;
  }
}

export function isLive(token: StoredEndpointToken, nowMs: number, maxLifetimeMs: number): boolean {
  return token.storedAtMs <= nowMs && nowMs < Math.min(token.expiresAtMs, token.storedAtMs + maxLifetimeMs);
}

/** Drops every endpoint token that is no longer live; returns how many went. */
export function dropExpired(contents: VaultContents, nowMs: number, maxLifetimeMs: number): number {
  let dropped = 0;
  for (const [id, token] of contents.endpointTokens) {
    if (!isLive(token, nowMs, maxLifetimeMs)) {
      contents.endpointTokens.delete(id);
      dropped += 1;
    }
  }
  return dropped;
}
