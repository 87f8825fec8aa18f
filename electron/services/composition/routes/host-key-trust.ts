// First-use trust of a jump host key as a pending confirmation: a connect that meets an unknown key records the
// fingerprint it saw (per environment and route) and fails E_HOST_KEY_UNKNOWN with it; route.trustHostKey with
// that same fingerprint remembers it in that environment's known hosts (never another's); the next connect matches it. Only the fingerprint
// main saw can be trusted — never one the renderer makes up — and policy can forbid first-use trust altogether.
import { AirlockError } from '../../../../shared/errors/airlock-error';
import type { HostKeyConfirm, KnownHosts, RouteVia } from '../../routes';

interface Pending {
  readonly host: string;
  readonly port: number;
  readonly fingerprint: string;
}

export interface HostKeyTrust {
  /** The confirm port for one environment's route: records what was presented and says "not yet". */
  confirmFor(environmentId: string, via: RouteVia): HostKeyConfirm;
  pending(environmentId: string, via: RouteVia): Pending | null;
  /** Remembers the pending key if `fingerprint` is the one presented; E_NOT_FOUND otherwise. */
  trust(environmentId: string, via: RouteVia, fingerprint: string): Promise<Pending>;
  /** Drops the route's pending key (policy now forbids first use: nothing may be offered for trust). */
  forget(environmentId: string, via: RouteVia): void;
  clear(): void;
}

export function createHostKeyTrust(store: KnownHosts): HostKeyTrust {
  const pending = new Map<string, Pending>();
  const key = (environmentId: string, via: RouteVia) => `${environmentId}\u0000${via}`;
  return {
    confirmFor: (environmentId, via) => async ({ host, port, fingerprint }) => {
      pending.set(key(environmentId, via), { host, port, fingerprint });
      return false; // the user answers with route.trustHostKey, then connects again
    },
    pending: (environmentId, via) => pending.get(key(environmentId, via)) ?? null,
    async trust(environmentId, via, fingerprint) {
      const seen = pending.get(key(environmentId, via));
      if (!seen || seen.fingerprint !== fingerprint) {
        throw new AirlockError('E_NOT_FOUND', {
          message: 'Airlock has no jump host key with that fingerprint waiting for your confirmation. Connect again to see the key the jump host presents now.',
        });
      }
      await store.forEnvironment(environmentId).remember(seen.host, seen.port, seen.fingerprint);
      pending.delete(key(environmentId, via));
      return seen;
    },
    forget: (environmentId, via) => void pending.delete(key(environmentId, via)),
    clear: () => pending.clear(),
  };
}
