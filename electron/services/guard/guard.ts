// The guard: the one seam every contract call passes between "payload parsed" and "handler". It builds the
// request context, asks the policy decision point, records the decision, runs the handler with the context,
// and records the outcome (with the hashes and sizes the handler attached through its context: never a body).
// It never throws and never lets a handler run without a decision; a denial names the rule and its reason
// (E_POLICY_DENIED, source 'policy'); a record the policy requires but the audit trail cannot write refuses the
// action (E_AUDIT_UNAVAILABLE). It never records or logs the payload or the result.
import type { Channel } from '../../../shared/contract/channels';
import type { ResourceRef } from '../../../shared/contract/resource';
import { failed, type IpcResult } from '../../../shared/contract/result';
import { AirlockError, errorShape, type ErrorShape } from '../../../shared/errors/airlock-error';
import type { Clock, Logger } from '../ports';
import { decisionEvent, outcomeEvent } from './audit-events';
import type { AuditAppender, AuditEvent } from './audit-port';
import type { GuardDecision, PolicyDecisionPoint } from './policy-port';
import type { CallerHost, OutcomeFacts, RequestContext } from './request-context';

/** What the gateway knows of a call once its payload is valid. */
export interface GuardedCall {
  readonly channel: Channel;
  readonly resource: ResourceRef;
  readonly host: CallerHost;
}

export interface GuardDeps {
  /** Builds the context of a call (see context-builder.ts); must not throw. */
  readonly context: (call: GuardedCall) => Promise<RequestContext>;
  /** The decision point, or its start (the engine loads asynchronously): calls wait for it; failing to start denies. */
  readonly policy: PolicyDecisionPoint | Promise<PolicyDecisionPoint>;
  /** The audit trail, or its opening: calls wait for it; failing to open is an append that fails. */
  readonly audit: AuditAppender | Promise<AuditAppender>;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface Guard {
  /** `perform` runs the handler (and checks its result); it is called only after an allow that was recorded as required. */
  run(call: GuardedCall, perform: (ctx: RequestContext) => Promise<IpcResult<unknown>>): Promise<IpcResult<unknown>>;
}

/** Fail closed: a decision point that throws has decided nothing, so nothing is allowed. */
const UNDECIDABLE: GuardDecision = {
  effect: 'deny',
  rule: null,
  reason: 'Airlock could not evaluate its policy for this action, so it refused it.',
  auditRequired: false,
};

const MAX_REASON = 256;
const MAX_RULE = 128;

export function deniedShape(decision: GuardDecision): ErrorShape {
  const reason = decision.reason.slice(0, MAX_REASON) || 'No rule allows this action.';
  const rule = decision.rule === null ? undefined : decision.rule.slice(0, MAX_RULE);
  return errorShape('E_POLICY_DENIED', {
    message: `Your organization's Airlock policy does not allow this: ${reason}`,
    hint: `${rule === undefined ? 'No rule allows it (Airlock denies by default).' : `Rule '${rule}' decided this.`} Ask your administrator if you think you need access.`,
    details: { ...(rule === undefined ? {} : { rule }), reason, source: 'policy' },
  });
}

const OUTCOME_UNRECORDED = (): ErrorShape =>
  errorShape('E_AUDIT_UNAVAILABLE', { message: 'The audit trail could not record how this action ended, so Airlock did not hand back its result.' });

/** Fail closed: a decision point that could not start has decided nothing either. */
const NO_POLICY: GuardDecision = {
  effect: 'deny',
  rule: null,
  reason: "Airlock's policy engine could not start, so Airlock refused this action. Restart Airlock; if it keeps happening, tell your administrator.",
  auditRequired: false,
};

export function createGuard(deps: GuardDeps): Guard {
  const { logger } = deps;
  const kindOf = (thrown: unknown) => (thrown instanceof Error ? thrown.name : typeof thrown);
  // Settled once; awaiting a settled promise costs a microtask, not a wait.
  const policy = Promise.resolve(deps.policy).catch((thrown: unknown) => {
    logger.log('error', 'guard.policy_unavailable', { kind: kindOf(thrown) });
    return null;
  });
  const audit = Promise.resolve(deps.audit);
  audit.catch(() => undefined); // reported per append below, where it matters

  async function decide(ctx: RequestContext): Promise<GuardDecision> {
    const pdp = await policy;
    if (!pdp) return NO_POLICY;
    try {
      return pdp.decide(ctx);
    } catch (thrown) {
      logger.log('error', 'guard.decide_failed', { channel: ctx.channel, kind: kindOf(thrown) });
      return UNDECIDABLE;
    }
  }

  /** True when recorded; false (logged) when the audit trail refused or failed. */
  async function record(event: AuditEvent, required: boolean): Promise<boolean> {
    try {
      await (await audit).append(event);
      return true;
    } catch (thrown) {
      const code = thrown instanceof AirlockError ? thrown.code : 'unknown';
      logger.log(required ? 'error' : 'warn', 'guard.audit_unavailable', { channel: event.action, kind: event.kind, code, required });
      return false;
    }
  }

  return {
    async run(call, perform) {
      let ctx: RequestContext;
      // Hashes and sizes the handler adds through its context (endpoint.score's), for the outcome record only.
      let facts: OutcomeFacts = {};
      try {
        ctx = { ...(await deps.context(call)), attachOutcomeFacts: (more) => void (facts = { ...facts, ...more }) };
      } catch (thrown) {
        logger.log('error', 'guard.context_failed', { channel: call.channel, kind: thrown instanceof Error ? thrown.name : typeof thrown });
        return failed(errorShape('E_INTERNAL'));
      }
      const decision = await decide(ctx);
      const required = decision.auditRequired;
      const decisionRecorded = await record(decisionEvent(ctx, decision), required);

      if (decision.effect !== 'allow') {
        // A denial stands whether or not it could be recorded: refusing is always safe.
        await record(outcomeEvent(ctx, { errorCode: 'E_POLICY_DENIED', durationMs: 0 }), false);
        logger.log('info', 'guard.denied', { channel: ctx.channel, rule: decision.rule });
        return failed(deniedShape(decision));
      }
      if (!decisionRecorded && required) return failed(errorShape('E_AUDIT_UNAVAILABLE'));

      const started = deps.clock.monotonicMs();
      let result: IpcResult<unknown>;
      try {
        result = await perform(ctx);
      } catch (thrown) {
        // The gateway's perform never throws; if it ever did, this is our bug and the caller sees E_INTERNAL.
        logger.log('error', 'guard.perform_threw', { channel: ctx.channel, kind: thrown instanceof Error ? thrown.name : typeof thrown });
        result = failed(errorShape('E_INTERNAL'));
      }
      const durationMs = Math.max(0, deps.clock.monotonicMs() - started);
      const outcomeRecorded = await record(outcomeEvent(ctx, { errorCode: result.ok ? null : result.error.code, durationMs, facts }), required);
      if (!outcomeRecorded && required) return failed(OUTCOME_UNRECORDED());
      return result;
    },
  };
}
