// AML tokens (ARM `POST .../token`) sent until their refreshAfter, not their expiry, and renewed a little
// before it: Azure says when to refresh, and a token used up to its last second fails requests in flight.
// The renewal runs behind the invokes: from the renew time to refreshAfter the token in hand is still sent
// and nobody waits on ARM; only an invoke with no token it may send waits. Concurrent invokes of one endpoint
// share one getToken (single flight), so 1,000 invokes in a refreshAfter window cost one ARM call. Kept in
// memory and, when the composition gives one, in the environment's vault (which encrypts it at rest and drops
// it on idle lock); evict() drops the memory copy with the vault's.
import type { Logger } from '../ports';
import type { AmlToken, EndpointTokenStore } from './invoke-types';

/** Renew this long before refreshAfter (or a tenth of the time left, when that is shorter). */
export const RENEW_MARGIN_MS = 60_000;

interface Held {
  readonly token: string;
  readonly renewAt: number;
  /** Until when it is sent while its renewal runs in the background (refreshAfter). */
  readonly sendUntil: number;
  /** When the token stops working: a failed renewal may still use it until then. */
  readonly expiresAt: number;
}

export interface TokenScope {
  readonly environmentId: string;
  /** Unique per account and endpoint (the store is already per environment). */
  readonly key: string;
}

export interface AmlTokenCache {
  /** The token to send now: cached, from the store, or fetched once for every caller waiting on it. */
  token(scope: TokenScope, fetch: () => Promise<AmlToken>): Promise<string>;
  /** The endpoint refused it (401): the next token() fetches a fresh one. */
  invalidate(scope: TokenScope): Promise<void>;
  /** Drops every token of the environment from memory (its vault locked or was wiped). */
  evict(environmentId: string): void;
}

/** When Azure says to refresh: refreshAfter; ARM's 0 or a refreshAfter past expiry means halfway to expiry. */
export function refreshAtOf(token: Pick<AmlToken, 'expiresAt' | 'refreshAfter'>, now: number): number {
  if (!(token.expiresAt > now)) return now; // already expired by our clock: use once, keep nothing
  return token.refreshAfter > now && token.refreshAfter <= token.expiresAt ? token.refreshAfter : now + (token.expiresAt - now) / 2;
}

/** When to fetch a new token: a little before the refresh time. */
export function renewAtOf(token: Pick<AmlToken, 'expiresAt' | 'refreshAfter'>, now: number): number {
  const refresh = refreshAtOf(token, now);
  return refresh - Math.min(RENEW_MARGIN_MS, (refresh - now) / 10);
}

export function createAmlTokenCache(deps: { now: () => number; store?: (environmentId: string) => EndpointTokenStore; logger: Logger }): AmlTokenCache {
  const held = new Map<string, Held>();
  const inFlight = new Map<string, Promise<string>>();
  /** Bumped by evict(): a renewal that started before it must not put its token back. */
  const generations = new Map<string, number>();
  const idOf = (scope: TokenScope) => `${scope.environmentId}\u0000${scope.key}`;

  async function fromStore(scope: TokenScope): Promise<Held | null> {
    if (!deps.store) return null;
    try {
      const stored = await deps.store(scope.environmentId).get(scope.key);
      // The vault keeps it only until its renew time, so what it still has is fresh enough to send.
      return stored && stored.renewAt > deps.now() ? { token: stored.token, renewAt: stored.renewAt, sendUntil: stored.renewAt, expiresAt: stored.renewAt } : null;
    } catch {
      return null; // locked or unreadable: fetch a new one (the vault reports its own state)
    }
  }

  async function renew(scope: TokenScope, fetch: () => Promise<AmlToken>, previous: Held | undefined): Promise<string> {
    const id = idOf(scope);
    const generation = generations.get(scope.environmentId) ?? 0;
    const evictedMeanwhile = () => generation !== (generations.get(scope.environmentId) ?? 0);
    const stored = previous ? null : await fromStore(scope);
    if (stored) {
      if (!evictedMeanwhile()) held.set(id, stored); // else this caller's only
      return stored.token;
    }
    let fresh: AmlToken;
    try {
      fresh = await fetch();
    } catch (error) {
      // Renewal failed but the old token still works: send it, try again next time.
      if (previous && previous.expiresAt > deps.now()) {
        deps.logger.log('warn', 'invoke.aml_token_renew_failed', { usingPrevious: true });
        return previous.token;
      }
      throw error;
    }
    const now = deps.now();
    const next: Held = { token: fresh.accessToken, renewAt: renewAtOf(fresh, now), sendUntil: refreshAtOf(fresh, now), expiresAt: fresh.expiresAt };
    if (evictedMeanwhile()) return next.token; // this caller's only: the environment's tokens were dropped meanwhile
    if (next.renewAt > now) {
      held.set(id, next);
      if (deps.store) await deps.store(scope.environmentId).put(scope.key, next.token, next.renewAt).catch(() => deps.logger.log('info', 'invoke.aml_token_memory_only', {}));
    } else held.delete(id);
    return next.token;
  }

  return {
    token(scope, fetch) {
      const id = idOf(scope);
      const current = held.get(id);
      const now = deps.now();
      if (current && current.renewAt > now) return Promise.resolve(current.token);
      const sendable = current !== undefined && current.sendUntil > now;
      let renewal = inFlight.get(id);
      if (!renewal) {
        const started = renew(scope, fetch, current).finally(() => inFlight.delete(id));
        // Started behind an invoke that goes on with the token in hand: nobody may await it, so its failure is
        // said here (once); an invoke that needs the next token meets the failure itself.
        if (sendable) started.catch(() => deps.logger.log('warn', 'invoke.aml_token_renew_failed', { usingPrevious: true }));
        inFlight.set(id, started);
        renewal = started;
      }
      return sendable ? Promise.resolve(current.token) : renewal;
    },
    async invalidate(scope) {
      held.delete(idOf(scope));
      if (deps.store) await deps.store(scope.environmentId).delete(scope.key).catch(() => undefined);
    },
    evict(environmentId) {
      generations.set(environmentId, (generations.get(environmentId) ?? 0) + 1);
      for (const id of [...held.keys()]) if (id.startsWith(`${environmentId}\u0000`)) held.delete(id);
    },
  };
}
