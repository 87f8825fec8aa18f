// AML tokens (ARM `POST .../token`) kept until their refreshAfter, not their expiry, and renewed a little
// before it: Azure says when to refresh, and a token used up to its last second fails requests in flight.
// Concurrent invokes of one endpoint share one getToken (single flight), so 1,000 invokes in a refreshAfter
// window cost one ARM call. Kept in memory and, when the composition gives one, in the environment's vault
// (which encrypts it at rest and drops it on idle lock); evict() drops the memory copy with the vault's.
import type { Logger } from '../ports';
import type { AmlToken, EndpointTokenStore } from './invoke-types';

/** Renew this long before refreshAfter (or a tenth of the time left, when that is shorter). */
export const RENEW_MARGIN_MS = 60_000;

interface Held {
  readonly token: string;
  readonly renewAt: number;
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

/** When to fetch a new token: before refreshAfter; ARM's 0 or a refreshAfter past expiry means halfway to expiry. */
export function renewAtOf(token: Pick<AmlToken, 'expiresAt' | 'refreshAfter'>, now: number): number {
  if (!(token.expiresAt > now)) return now; // already expired by our clock: use once, keep nothing
  const refresh = token.refreshAfter > now && token.refreshAfter <= token.expiresAt ? token.refreshAfter : now + (token.expiresAt - now) / 2;
  return refresh - Math.min(RENEW_MARGIN_MS, (refresh - now) / 10);
}

export function createAmlTokenCache(deps: { now: () => number; store?: (environmentId: string) => EndpointTokenStore; logger: Logger }): AmlTokenCache {
  const held = new Map<string, Held>();
  const inFlight = new Map<string, Promise<string>>();
  const idOf = (scope: TokenScope) => `${scope.environmentId}\u0000${scope.key}`;

  async function fromStore(scope: TokenScope): Promise<Held | null> {
    if (!deps.store) return null;
    try {
      const stored = await deps.store(scope.environmentId).get(scope.key);
      // The vault keeps it only until its renew time, so what it still has is fresh enough to send.
      return stored && stored.renewAt > deps.now() ? { token: stored.token, renewAt: stored.renewAt, expiresAt: stored.renewAt } : null;
    } catch {
      return null; // locked or unreadable: fetch a new one (the vault reports its own state)
    }
  }

  async function renew(scope: TokenScope, fetch: () => Promise<AmlToken>, previous: Held | undefined): Promise<string> {
    const id = idOf(scope);
    const stored = previous ? null : await fromStore(scope);
    if (stored) {
      held.set(id, stored);
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
    const next: Held = { token: fresh.accessToken, renewAt: renewAtOf(fresh, now), expiresAt: fresh.expiresAt };
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
      if (current && current.renewAt > deps.now()) return Promise.resolve(current.token);
      const pending = inFlight.get(id);
      if (pending) return pending;
      const started = renew(scope, fetch, current).finally(() => inFlight.delete(id));
      inFlight.set(id, started);
      return started;
    },
    async invalidate(scope) {
      held.delete(idOf(scope));
      if (deps.store) await deps.store(scope.environmentId).delete(scope.key).catch(() => undefined);
    },
    evict(environmentId) {
      for (const id of [...held.keys()]) if (id.startsWith(`${environmentId}\u0000`)) held.delete(id);
    },
  };
}
