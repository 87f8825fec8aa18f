// What the guard knows about one call when it asks the policy decision point: who (the active account, its
// tenant and environment, the MFA facts of its tokens), from where (this machine's addresses, the route),
// when, through which host, and on what (the contract's resource). Handlers receive it as their second
// argument, so no service picks the active account itself. Display-safe facts only: never a token, a key,
// a claim value beyond amr/acrs, or the request's payload.
import type { Channel } from '../../../shared/contract/channels';
import type { ResourceRef } from '../../../shared/contract/resource';

export type { ResourceRef, ResourceType } from '../../../shared/contract/resource';

/** Which product host the call came through (the CLI calls in-process, as a trusted caller). */
export type CallerHost = 'electron' | 'preview' | 'cli' | 'test';

/** How this machine reaches the resource; 'none' until routes exist (issue 10). */
export type RouteKind = 'none' | 'direct' | 'vpn' | 'ssh' | 'bastion';

export interface ContextAccount {
  readonly accountId: string;
  readonly username: string;
  readonly tenantId: string;
  readonly environmentId: string;
}

export interface MfaFacts {
  /** The token's `amr` (methods used, e.g. pwd, mfa). */
  readonly amr: readonly string[];
  /** The token's `acrs` (Conditional Access auth contexts satisfied, e.g. c1). */
  readonly acrs: readonly string[];
  /** `amr` has mfa, or `acrs` has the auth context the environment requires for MFA. */
  readonly satisfied: boolean;
}

/**
 * Hashes and sizes a handler may add to its call's outcome record (endpoint.score: the request body's SHA-256
 * and size, the response's status and size). Numbers and a hex digest only: never a body, a token or words.
 */
export interface OutcomeFacts {
  readonly payload?: { readonly sha256: string; readonly bytes: number };
  readonly response?: { readonly status: number; readonly bytes: number };
}

export interface RequestContext {
  /** Ties the decision record and the outcome record of this one call. */
  readonly correlationId: string;
  /** The action, e.g. 'workspace.models'. */
  readonly channel: Channel;
  readonly resource: ResourceRef;
  /** The active account; null when nobody is signed in (or the session does not know one yet). */
  readonly account: ContextAccount | null;
  /** The environment the call is about: the one an environment action names (sign-in), else the active account's, else the default one. */
  readonly environmentId: string | null;
  readonly mfa: MfaFacts;
  /** This machine's non-internal IP addresses. */
  readonly machine: { readonly addresses: readonly string[] };
  readonly route: RouteKind;
  readonly time: Date;
  readonly host: CallerHost;
  /** Anomaly hints active for this account now (unusual-hours, volume-spike, ...); absent where no detector runs. */
  readonly anomalies?: readonly string[];
  /** Adds facts to this call's outcome record; the guard gives it to the handler (absent where no guard runs). */
  readonly attachOutcomeFacts?: (facts: OutcomeFacts) => void;
}

export const NO_MFA: MfaFacts = Object.freeze({ amr: Object.freeze([]), acrs: Object.freeze([]), satisfied: false });
