// The audit record of a policy (re)load: which source is in force and whether it is usable. A broken policy
// that fails closed is recorded too, with its one-line problem ("file, line N: message"). Names the source by
// its label only: never the document text (it is the administrator's, and the Settings screen shows it).
import { randomUUID } from 'node:crypto';
import type { AuditEvent } from '../../audit';
import type { EffectivePolicy } from '../../policy';

const MAX_REASON = 1024;

export function policyLoadedEvent(effective: EffectivePolicy): AuditEvent {
  const { source, status, problem } = effective;
  const reason =
    status === 'ok'
      ? `The policy from ${source.label} is in force.`
      : `The policy from ${source.label} is broken, so Airlock fails closed (only its baseline is allowed): ${problem?.text ?? 'no detail'}`;
  return {
    kind: 'system',
    correlationId: randomUUID(),
    action: 'policy.loaded',
    resource: `policy:${source.kind}`,
    accountId: null,
    username: null,
    tenantId: null,
    environmentId: null,
    rule: status,
    reason: reason.slice(0, MAX_REASON),
  };
}
