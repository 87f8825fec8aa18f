// The route composition's display shapes: a Test connection result and a local forward as the contract carries
// them, and the audit trail's system records of host-key and forward events. Display-safe facts only: host
// names, fingerprints, addresses, counts — never a key, a token, a passphrase or a body.
import { randomUUID } from 'node:crypto';
import type { ForwardView, TestConnectionView } from '../../../../shared/contract/schemas/route';
import type { AuditEvent } from '../../audit';
import type { ConnectionTestResult, ForwardView as LocalForwardView } from '../../routes';

export function connectionTestView(result: ConnectionTestResult): TestConnectionView {
  return {
    via: result.via,
    host: result.host,
    ok: result.ok,
    at: result.startedAt,
    totalMs: result.totalMs,
    steps: result.steps.map((step) => ({
      name: step.name,
      ok: step.ok,
      ms: step.ms,
      ...(step.skipped ? { skipped: true } : {}),
      ...(step.detail === undefined ? {} : { detail: step.detail.slice(0, 1024) }),
      ...(step.cause === undefined ? {} : { cause: step.cause.slice(0, 1024) }),
      ...(step.code === undefined ? {} : { code: step.code }),
      ...(step.status === undefined ? {} : { status: step.status }),
    })),
  };
}

export function forwardView(view: LocalForwardView): ForwardView {
  return { id: view.id, address: view.address, target: view.target, via: view.via, openedAt: view.openedAt, bytesIn: view.bytesIn, bytesOut: view.bytesOut };
}

/** A system record (no decision, no outcome): what happened to a host key or a forward, in words. */
export function systemEvent(action: string, resource: string, who: { accountId: string | null; environmentId: string } | null, rule: string, reason: string): AuditEvent {
  return {
    kind: 'system',
    correlationId: randomUUID(),
    action,
    resource,
    accountId: who?.accountId ?? null,
    username: null,
    tenantId: null,
    environmentId: who?.environmentId ?? null,
    rule,
    reason: reason.slice(0, 1024),
  };
}
