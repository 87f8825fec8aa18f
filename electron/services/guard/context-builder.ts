// Builds the RequestContext of one call from what the session already holds in memory: the active account
// and the MFA facts of its tokens, this machine's addresses (cached port), the route the call's environment uses,
// the time, and the anomaly hints active for the account (the detector answers from memory). It never reads
// the vault, asks for a token or touches the network (a context must neither count as use of a locked vault
// nor fail because of it), and it never throws: an identity that cannot be read is "nobody signed in", which
// the policy and the handlers treat as such.
import { randomUUID } from 'node:crypto';
import { ACTIVE_ENVIRONMENT } from '../../../shared/contract/resource';
import type { Clock } from '../ports';
import type { GuardedCall } from './guard';
import type { MachineAddresses } from './machine-addresses';
import { NO_MFA, type ContextAccount, type MfaFacts, type RequestContext, type RouteKind } from './request-context';

/** The active account as the session knows it, with its tokens' MFA facts. */
export interface ActiveIdentity {
  readonly account: ContextAccount;
  readonly amr: readonly string[];
  readonly acrs: readonly string[];
  /** The auth context the account's environment counts as MFA (an `acrs` value, e.g. c1); null: amr only. */
  readonly mfaAuthContextId: string | null;
}

export interface ContextBuilderDeps {
  readonly identity: () => Promise<ActiveIdentity | null>;
  /** The environment chosen when no account is active and the request names none. */
  readonly defaultEnvironmentId: () => string | null;
  readonly addresses: MachineAddresses;
  readonly clock: Clock;
  /** The route the environment's requests go over now, in the policy's words ('none' when none is up there). */
  readonly route?: (environmentId: string | null) => RouteKind;
  /** The anomaly hints active for an account now (null: nobody signed in), from the detector's memory. */
  readonly anomalies?: (accountId: string | null) => readonly string[] | Promise<readonly string[]>;
}

function mfaOf(identity: ActiveIdentity): MfaFacts {
  const amr = Object.freeze([...identity.amr]);
  const acrs = Object.freeze([...identity.acrs]);
  const byContext = identity.mfaAuthContextId !== null && acrs.includes(identity.mfaAuthContextId);
  return Object.freeze({ amr, acrs, satisfied: amr.includes('mfa') || byContext });
}

/** A detector that fails is "no hints": a hint never blocks by itself, and the context must never throw. */
async function anomaliesOf(deps: ContextBuilderDeps, accountId: string | null): Promise<{ anomalies?: readonly string[] }> {
  if (!deps.anomalies) return {};
  try {
    return { anomalies: Object.freeze([...(await deps.anomalies(accountId))]) };
  } catch {
    return { anomalies: Object.freeze([]) };
  }
}

export function createContextBuilder(deps: ContextBuilderDeps): (call: GuardedCall) => Promise<RequestContext> {
  return async (call) => {
    const identity = await deps.identity().catch(() => null);
    // ACTIVE_ENVIRONMENT (routes, forwards) names none: it is the active account's.
    const named = call.resource.type === 'environment' && call.resource.id !== ACTIVE_ENVIRONMENT.id ? call.resource.id : null;
    const anomalies = await anomaliesOf(deps, identity?.account.accountId ?? null);
    // An action on an environment (sign-in) is about that one, not the active account's: the policy's
    // allowed environments must see where the call goes.
    const environmentId = named ?? identity?.account.environmentId ?? deps.defaultEnvironmentId();
    return Object.freeze({
      correlationId: randomUUID(),
      channel: call.channel,
      resource: call.resource,
      account: identity ? Object.freeze({ ...identity.account }) : null,
      environmentId,
      mfa: identity ? mfaOf(identity) : NO_MFA,
      machine: Object.freeze({ addresses: deps.addresses.current() }),
      // That environment's route, never another environment's that happens to be up.
      route: deps.route?.(environmentId) ?? 'none',
      time: deps.clock.now(),
      host: call.host,
      ...anomalies,
    });
  };
}
