// What the guard needs of the policy decision point: one synchronous decision per call. The policy service
// (electron/services/policy, its face) satisfies this shape; the guard depends on nothing else of it, so the
// two can change apart. A decision never carries the request's payload.
import type { RequestContext } from './request-context';

export interface GuardDecision {
  readonly effect: 'allow' | 'deny';
  /** The admin rule id that decided; null when nothing allowed it (deny by default). */
  readonly rule: string | null;
  /** Plain words for the user, shown with a denial and kept in the audit record. */
  readonly reason: string;
  /** The rule's `audit_logged`: refuse the action when its record cannot be written. */
  readonly auditRequired: boolean;
}

export interface PolicyDecisionPoint {
  decide(ctx: RequestContext): GuardDecision;
}
