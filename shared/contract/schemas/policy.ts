// Schemas of the `policy.*` channels: the effective admin policy as Settings → Policy and `airlock policy show`
// display it, and one explained decision. Display data only: where the policy came from, its settings in
// words, the document as YAML — never a token, key or password (a policy holds none).
import { z } from 'zod';

/** A channel name ('workspace.models'), as admin rules name actions. */
const ActionName = z.string().min(1).max(128).regex(/^[a-z][A-Za-z0-9]*\.[a-z][A-Za-z0-9]*$/, 'a channel name like workspace.models');
/** 'workspace:<id>', 'app:airlock', …: a type, a colon and an id. */
const ResourceName = z.string().min(3).max(512).regex(/^[a-z][a-z-]{0,31}:\S.*$/, "a resource like 'workspace:<id>' or 'app:airlock'");

export const PolicySourceView = z.strictObject({
  kind: z.enum(['file', 'registry', 'managed-preferences', 'default']),
  /** The file path, registry key, managed-preferences file, or 'built in'. */
  location: z.string().max(4096),
  /** In words: "Policy file /etc/airlock/policy.yaml". */
  label: z.string().max(4200),
});
export type PolicySourceView = z.infer<typeof PolicySourceView>;

export const POLICY_SETTING_NAMES = [
  'idleLockMinutes',
  'maxPayloadBytes',
  'auditRetentionDays',
  'historyRetentionDays',
  'allowLocalForwards',
  'hostKeyFirstUse',
  'endpointAuthModes',
  'routes',
  'forwarding',
  'environments',
  'tenants',
  'anomalyBlock',
  'updates',
] as const;

export const PolicySettingView = z.strictObject({
  name: z.enum(POLICY_SETTING_NAMES),
  /** "Idle lock", "Largest request payload", … */
  label: z.string().max(128),
  /** The value in display words ("15 minutes", "1 MB", "Not allowed"). */
  value: z.string().max(2048),
  /** Set by the organization's policy: shown as "Managed by your organization". */
  managed: z.boolean(),
});
export type PolicySettingView = z.infer<typeof PolicySettingView>;

export const PolicyView = z.strictObject({
  status: z.enum(['ok', 'broken']),
  source: PolicySourceView,
  loadedAt: z.iso.datetime(),
  /** e.g. 'cedar 4.13.0'; null when the engine could not load. */
  engine: z.string().max(128).nullable(),
  /** When broken: one line, "file, line N: message". */
  problem: z.string().max(2048).nullable(),
  /** The effective document as YAML (defaults filled in), for display; null when broken. */
  documentText: z.string().max(1_000_000).nullable(),
  settings: z.array(PolicySettingView).max(POLICY_SETTING_NAMES.length),
});
export type PolicyView = z.infer<typeof PolicyView>;

export const PolicyExplainRequest = z.strictObject({
  action: ActionName,
  resource: ResourceName,
});
export type PolicyExplainRequest = z.infer<typeof PolicyExplainRequest>;

export const PolicyExplanationView = z.strictObject({
  effect: z.enum(['allow', 'deny']),
  /** The rule that decided; null: nothing allowed it (deny by default). */
  rule: z.string().max(128).nullable(),
  reason: z.string().max(1024),
  /** Every rule that matched. */
  matched: z.array(z.string().max(128)).max(1000),
  auditRequired: z.boolean(),
  /** Where the policy came from, in words. */
  source: z.string().max(4200),
});
export type PolicyExplanationView = z.infer<typeof PolicyExplanationView>;
