// The settings a policy manages, each with its value and whether the organization set it (Settings shows
// "Managed by your organization" and locks the control). A default source manages nothing. A broken machine
// policy manages everything, at its most restrictive value: the organization meant to decide, and Airlock
// cannot read what it decided (retention stays long — a broken policy must never prune the audit trail).
import type { ManagedSettings, PolicySourceKind } from './decision';
import { SETTING_DEFAULTS, type PolicyDocument, type SettingKey } from './document/policy-document';

const MAX_RETENTION_DAYS = 3650;

export function managedSettings(doc: PolicyDocument, kind: PolicySourceKind): ManagedSettings {
  const managed = (key: SettingKey): boolean => kind !== 'default' && doc.set.has(key);
  return {
    idleLockMinutes: { value: doc.idleLockMinutes, managed: managed('idleLockMinutes') },
    maxPayloadBytes: { value: doc.maxPayloadBytes, managed: managed('maxPayloadBytes') },
    auditRetentionDays: { value: doc.retention.auditDays, managed: managed('retention.auditDays') },
    historyRetentionDays: { value: doc.retention.historyDays, managed: managed('retention.historyDays') },
    allowLocalForwards: { value: doc.localForwards, managed: managed('localForwards') },
    hostKeyFirstUse: { value: doc.hostKeyFirstUse, managed: managed('hostKeyFirstUse') },
    endpointAuthModes: { value: doc.endpointAuthModes, managed: managed('endpointAuthModes') },
    routes: { value: doc.routes, managed: managed('routes') },
    forwarding: { value: doc.forwarding, managed: managed('forwarding') },
    environments: { value: doc.environments, managed: managed('environments') },
    tenants: { value: doc.tenants, managed: managed('tenants') },
    anomalyBlock: { value: doc.anomalies.block, managed: managed('anomalies') },
    updates: { value: doc.updates, managed: managed('updates') },
  };
}

export const BROKEN_POLICY_SETTINGS: ManagedSettings = Object.freeze({
  idleLockMinutes: { value: SETTING_DEFAULTS.idleLockMinutes, managed: true },
  maxPayloadBytes: { value: SETTING_DEFAULTS.maxPayloadBytes, managed: true },
  // The longest retention a policy may set: nothing is pruned because a policy could not be read.
  auditRetentionDays: { value: MAX_RETENTION_DAYS, managed: true },
  historyRetentionDays: { value: MAX_RETENTION_DAYS, managed: true },
  allowLocalForwards: { value: false, managed: true },
  hostKeyFirstUse: { value: false, managed: true },
  endpointAuthModes: { value: [], managed: true },
  routes: { value: {}, managed: true },
  forwarding: { value: null, managed: true },
  environments: { value: [], managed: true },
  tenants: { value: [], managed: true },
  anomalyBlock: { value: [], managed: true },
  updates: { value: SETTING_DEFAULTS.updates, managed: true },
});
