// The applied policy back in the admin's own form (times as HH:MM, resources as type:id), for Settings →
// Policy and `airlock policy show`: what is in force, defaults filled in, globs expanded. Plain JSON data.
import type { PolicyDocument, PolicyRule } from './document/policy-document';
import { clockText } from './document/time-window';

function ruleView(rule: PolicyRule): Record<string, unknown> {
  const c = rule.conditions;
  const conditions: Record<string, unknown> = {
    ...(c.ip_range ? { ip_range: [...c.ip_range] } : {}),
    ...(c.time_window ? { time_window: { days: [...c.time_window.days], from: clockText(c.time_window.from), to: clockText(c.time_window.to), timezone: c.time_window.timezone } } : {}),
    ...(c.mfa_required !== undefined ? { mfa_required: c.mfa_required } : {}),
    ...(c.audit_logged !== undefined ? { audit_logged: c.audit_logged } : {}),
  };
  return {
    id: rule.id,
    effect: rule.effect,
    actions: [...rule.actions],
    ...(rule.resources ? { resources: rule.resources.map((r) => `${r.type}:${r.id}`) } : {}),
    ...(Object.keys(conditions).length > 0 ? { conditions } : {}),
    ...(rule.reason ? { reason: rule.reason } : {}),
  };
}

export function documentView(doc: PolicyDocument): Record<string, unknown> {
  return {
    version: doc.version,
    environments: [...doc.environments],
    tenants: [...doc.tenants],
    idleLockMinutes: doc.idleLockMinutes,
    maxPayloadBytes: doc.maxPayloadBytes,
    endpointAuthModes: [...doc.endpointAuthModes],
    routes: Object.fromEntries(Object.entries(doc.routes).map(([type, routes]) => [type, [...(routes ?? [])]])),
    localForwards: doc.localForwards,
    hostKeyFirstUse: doc.hostKeyFirstUse,
    retention: { ...doc.retention },
    forwarding: doc.forwarding ? { ...doc.forwarding } : null,
    anomalies: { block: [...doc.anomalies.block] },
    updates: { ...doc.updates },
    rules: doc.rules.map(ruleView),
  };
}
