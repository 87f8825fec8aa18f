// The admin policy document as Airlock applies it: validated, normalized (globs expanded, ranges and times
// parsed, defaults filled in) and remembering which top-level settings the admin actually set (`set`), so
// Settings can say "Managed by your organization" only for those. Pure data; never evaluated here.
import type { ResourceType } from '../../../../shared/contract/resource';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const ROUTE_KINDS = ['direct', 'vpn', 'ssh', 'bastion'] as const;
export type RequiredRoute = (typeof ROUTE_KINDS)[number];
/** `private` in the document: any route that keeps traffic off the public internet. */
export const PRIVATE_ROUTES: readonly RequiredRoute[] = ['vpn', 'ssh', 'bastion'];

export const ENDPOINT_AUTH_MODES = ['AMLToken', 'Key', 'AADToken'] as const;
export type EndpointAuthMode = (typeof ENDPOINT_AUTH_MODES)[number];

/** The anomaly hints an admin can make blocking (the audit trail computes them; they never block by default). */
export const ANOMALY_KINDS = ['unusual-hours', 'volume-spike', 'repeated-failures', 'new-network'] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

/** Release channels an update feed may be pinned to. */
export const UPDATE_CHANNELS = ['stable', 'beta'] as const;
export type UpdateChannel = (typeof UPDATE_CHANNELS)[number];

/**
 * Self-update under the organization's control: off unless the policy turns it on, from the feed it names,
 * on the channel it pins. This version of Airlock has no updater: the setting exists so admins can switch
 * updates off (or leave them off) now, and a later updater obeys it.
 */
export interface UpdatePolicy {
  readonly enabled: boolean;
  readonly channel: UpdateChannel;
  /** https URL of the update feed; null: none set (updates stay off). */
  readonly feedUrl: string | null;
}

export interface TimeWindow {
  readonly days: readonly Weekday[];
  /** Minutes after local midnight; `to` may be 1440 (24:00). A window with from > to crosses midnight. */
  readonly from: number;
  readonly to: number;
  /** IANA time zone, e.g. Europe/Berlin. */
  readonly timezone: string;
}

export interface RuleConditions {
  /** Normalized CIDR ranges; the rule holds when any machine address is in any range. */
  readonly ip_range?: readonly string[];
  readonly time_window?: TimeWindow;
  readonly mfa_required?: boolean;
  readonly audit_logged?: boolean;
}

/** `workspace:*` (any of a type), `workspace:abc` (exactly), `workspace:abc*` (id pattern). */
export interface ResourcePattern {
  readonly type: ResourceType;
  readonly id: string;
}

export interface PolicyRule {
  readonly id: string;
  readonly effect: 'allow' | 'deny';
  /** Known channel names, globs expanded, in the order written. */
  readonly actions: readonly string[];
  /** Absent: any resource. */
  readonly resources?: readonly ResourcePattern[];
  readonly conditions: RuleConditions;
  /** The admin's own words for a denial, shown to the user. */
  readonly reason?: string;
  /** Where the rule starts in its source (null where the source has no lines). */
  readonly line: number | null;
}

export interface ForwardingTarget {
  readonly host: string;
  readonly port: number;
  readonly format: 'cef' | 'json';
  readonly caCertPath?: string;
}

export const TOP_LEVEL_SETTINGS = [
  'version',
  'environments',
  'tenants',
  'idleLockMinutes',
  'maxPayloadBytes',
  'endpointAuthModes',
  'routes',
  'localForwards',
  'hostKeyFirstUse',
  'retention',
  'forwarding',
  'anomalies',
  'updates',
  'rules',
] as const;
export type TopLevelSetting = (typeof TOP_LEVEL_SETTINGS)[number];
/** A setting the source can set on its own: a top-level one, or one of the two retention periods. */
export type SettingKey = TopLevelSetting | 'retention.auditDays' | 'retention.historyDays';

export interface PolicyDocument {
  readonly version: 1;
  /** Allowed environment ids; ['*'] = any. */
  readonly environments: readonly string[];
  /** Allowed tenant ids (lower case); ['*'] = any. */
  readonly tenants: readonly string[];
  readonly idleLockMinutes: number;
  readonly maxPayloadBytes: number;
  readonly endpointAuthModes: readonly EndpointAuthMode[];
  /** Routes a resource type may be reached over; a type not listed may use any route. */
  readonly routes: Readonly<Partial<Record<ResourceType, readonly RequiredRoute[]>>>;
  readonly localForwards: boolean;
  /** May a jump host key nobody pinned be trusted on first use, after the user confirms its fingerprint? */
  readonly hostKeyFirstUse: boolean;
  readonly retention: { readonly auditDays: number; readonly historyDays: number };
  readonly forwarding: ForwardingTarget | null;
  readonly anomalies: { readonly block: readonly AnomalyKind[] };
  readonly updates: UpdatePolicy;
  readonly rules: readonly PolicyRule[];
  /** The settings the source actually set (the rest are defaults). */
  readonly set: ReadonlySet<SettingKey>;
}

/** What a setting is when the document does not say. */
export const SETTING_DEFAULTS = {
  environments: ['*'],
  tenants: ['*'],
  idleLockMinutes: 15,
  maxPayloadBytes: 1_048_576,
  endpointAuthModes: [...ENDPOINT_AUTH_MODES],
  routes: {},
  localForwards: false,
  hostKeyFirstUse: true,
  retention: { auditDays: 365, historyDays: 30 },
  forwarding: null,
  anomalies: { block: [] },
  updates: { enabled: false, channel: 'stable', feedUrl: null },
} as const satisfies Omit<PolicyDocument, 'version' | 'rules' | 'set'>;
