// The two audit records of one guarded call, built from its context: the decision (before the handler) and
// the outcome (after). Same correlation id, same who/what/where. Never the request or the result itself.
import { resourceName } from '../../../shared/contract/resource';
import type { ErrorCode } from '../../../shared/errors/codes';
import type { AuditEvent } from './audit-port';
import type { GuardDecision } from './policy-port';
import type { OutcomeFacts, RequestContext } from './request-context';

const MAX_RESOURCE = 480;
/** The trail keeps at most this many addresses per record (a machine with many virtual interfaces has more). */
const MAX_ADDRESSES = 32;

/** `type:id` with whitespace and control characters percent-encoded, so any id a request names can be recorded. */
function recordedResource(ctx: RequestContext): string {
  return resourceName(ctx.resource)
    .replace(/[\s\p{Cc}%]/gu, (c) => encodeURIComponent(c))
    .slice(0, MAX_RESOURCE);
}

function common(ctx: RequestContext) {
  return {
    correlationId: ctx.correlationId,
    action: ctx.channel,
    resource: recordedResource(ctx),
    accountId: ctx.account?.accountId ?? null,
    username: ctx.account?.username ?? null,
    tenantId: ctx.account?.tenantId ?? null,
    environmentId: ctx.environmentId,
  };
}

export function decisionEvent(ctx: RequestContext, decision: GuardDecision): AuditEvent {
  return {
    kind: 'decision',
    ...common(ctx),
    decision: decision.effect,
    rule: decision.rule,
    reason: decision.reason,
    route: ctx.route,
    host: ctx.host,
    addresses: ctx.machine.addresses.slice(0, MAX_ADDRESSES),
  };
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const isSize = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/**
 * The facts as the trail's schema takes them, rebuilt field by field: a fact that does not fit is left out
 * (logged by nobody: it is a handler's bug, and the record without it is still true), so a handler's slip can
 * never make the outcome unrecordable — or carry anything but a digest and numbers.
 */
function recordedFacts(facts: OutcomeFacts | undefined): Pick<AuditEvent, 'payload' | 'response'> {
  const out: { payload?: AuditEvent['payload']; response?: AuditEvent['response'] } = {};
  const p = facts?.payload;
  if (p && typeof p.sha256 === 'string' && SHA256_HEX.test(p.sha256) && isSize(p.bytes)) out.payload = { sha256: p.sha256, bytes: p.bytes };
  const r = facts?.response;
  if (r && Number.isInteger(r.status) && r.status >= 100 && r.status <= 599 && isSize(r.bytes)) out.response = { status: r.status, bytes: r.bytes };
  return out;
}

export function outcomeEvent(ctx: RequestContext, outcome: { readonly errorCode: ErrorCode | null; readonly durationMs: number; readonly facts?: OutcomeFacts }): AuditEvent {
  return {
    kind: 'outcome',
    ...common(ctx),
    outcome: outcome.errorCode === null ? 'ok' : 'error',
    ...(outcome.errorCode === null ? {} : { errorCode: outcome.errorCode }),
    durationMs: outcome.durationMs,
    route: ctx.route,
    host: ctx.host,
    ...recordedFacts(outcome.facts),
  };
}
