// TEMPORARY stand-ins for the policy decision point and the audit trail, used by the composition root only
// until electron/services/policy and electron/services/audit are wired (issue 9, same change). They are loud
// about what they are: the policy stand-in allows everything under the rule 'temporary-allow-all' with a
// reason that says so, and logs a warning when created; the audit stand-in keeps records in memory only (lost
// on exit). Never use them where a real policy or audit trail exists; delete this file once both are wired.
import type { Logger } from '../ports';
import type { AuditAppender, AuditEvent } from './audit-port';
import type { GuardDecision, PolicyDecisionPoint } from './policy-port';

export const TEMPORARY_ALLOW_ALL_RULE = 'temporary-allow-all';

const ALLOW_ALL: GuardDecision = Object.freeze({
  effect: 'allow',
  rule: TEMPORARY_ALLOW_ALL_RULE,
  reason: 'No admin policy engine is wired into this build yet, so Airlock allows every action (temporary, development only).',
  auditRequired: false,
});

export function createTemporaryAllowAllPolicy(logger: Logger): PolicyDecisionPoint {
  logger.log('warn', 'guard.temporary_policy', { rule: TEMPORARY_ALLOW_ALL_RULE });
  return { decide: () => ALLOW_ALL };
}

export interface TemporaryMemoryAuditTrail extends AuditAppender {
  readonly records: readonly (AuditEvent & { readonly seq: number })[];
}

/** Keeps the newest `limit` records in memory; nothing survives the process. */
export function createTemporaryMemoryAuditTrail(logger: Logger, limit = 10_000): TemporaryMemoryAuditTrail {
  logger.log('warn', 'guard.temporary_audit', { storage: 'memory' });
  const records: (AuditEvent & { seq: number })[] = [];
  let seq = 0;
  return {
    records,
    async append(event) {
      seq += 1;
      records.push({ ...event, seq });
      if (records.length > limit) records.shift();
      return { seq };
    },
  };
}
