// The policy service's shapes: what it is asked (a request: the guard's RequestContext satisfies it), what
// it answers (a decision naming the rule and the reason in plain words), and what it shows (the effective
// policy, the settings it manages). Display-safe data only; never a token, a key or a payload.
import type { EndpointAuthMode, ForwardingTarget, RequiredRoute, UpdatePolicy } from './document/policy-document';

/** What a decision is about. electron/services/guard's RequestContext is one (structurally). */
export interface PolicyRequest {
  readonly channel: string;
  readonly resource: { readonly type: string; readonly id: string };
  readonly account: { readonly accountId: string; readonly tenantId: string } | null;
  readonly environmentId: string | null;
  readonly mfa: { readonly satisfied: boolean };
  readonly machine: { readonly addresses: readonly string[] };
  readonly route: string;
  readonly time: Date;
  /** Anomaly hints active for this user now (from the audit trail); absent = none. */
  readonly anomalies?: readonly string[];
}

export type PolicySourceKind = 'file' | 'registry' | 'managed-preferences' | 'default';

export interface PolicySourceInfo {
  readonly kind: PolicySourceKind;
  /** The file path, registry key, managed-preferences file, or 'built in'. */
  readonly location: string;
  /** In words, for Settings → Policy: "Policy file /etc/airlock/policy.yaml". */
  readonly label: string;
}

export interface PolicyDecision {
  readonly effect: 'allow' | 'deny';
  /** The rule that decided: an admin rule id, an airlock-* rule, or null (nothing allowed it: deny by default). */
  readonly rule: string | null;
  /** Plain words naming the rule and why; at most 256 characters. */
  readonly reason: string;
  /** The allowing rule has audit_logged: refuse the action when its audit record cannot be written. */
  readonly auditRequired: boolean;
  readonly source: PolicySourceInfo;
}

export interface PolicyExplanation extends PolicyDecision {
  /** Every rule that matched (the permits of an allow, the forbids of a deny, or the allow rule that almost did). */
  readonly matched: readonly string[];
}

export interface PolicyProblemView {
  readonly file: string;
  readonly line: number | null;
  readonly message: string;
  /** `file, line N: message` in one line. */
  readonly text: string;
}

export interface EffectivePolicy {
  readonly status: 'ok' | 'broken';
  readonly source: PolicySourceInfo;
  /** ISO time of the last (re)load. */
  readonly loadedAt: string;
  /** The document as applied (admin form, defaults filled in); null when broken. */
  readonly document: Record<string, unknown> | null;
  /** The settings the source set itself (the rest are defaults). */
  readonly managed: readonly string[];
  readonly problem: PolicyProblemView | null;
  /** The compiled Cedar policy set; null when broken. */
  readonly cedar: string | null;
  /** e.g. 'cedar 4.13.0'; null when the engine could not load. */
  readonly engine: string | null;
}

export interface Managed<T> {
  readonly value: T;
  /** Set by the organization's policy: the user cannot change it ("Managed by your organization"). */
  readonly managed: boolean;
}

export interface ManagedSettings {
  readonly idleLockMinutes: Managed<number>;
  readonly maxPayloadBytes: Managed<number>;
  readonly auditRetentionDays: Managed<number>;
  readonly historyRetentionDays: Managed<number>;
  readonly allowLocalForwards: Managed<boolean>;
  /** First-use trust of an unpinned jump host key (after the user confirms it); false: pinned or remembered keys only. */
  readonly hostKeyFirstUse: Managed<boolean>;
  readonly endpointAuthModes: Managed<readonly EndpointAuthMode[]>;
  /** Routes allowed per resource type; a type not listed may use any route. */
  readonly routes: Managed<Readonly<Record<string, readonly RequiredRoute[]>>>;
  readonly forwarding: Managed<ForwardingTarget | null>;
  readonly environments: Managed<readonly string[]>;
  readonly tenants: Managed<readonly string[]>;
  readonly anomalyBlock: Managed<readonly string[]>;
  /** Self-update: off unless the policy turns it on (this version has no updater; see UpdatePolicy). */
  readonly updates: Managed<UpdatePolicy>;
}

export interface PolicyService {
  /** Synchronous and fast (p50 well under 100 µs); never throws — anything unexpected is a denial. */
  decide(request: PolicyRequest): PolicyDecision;
  explain(action: string, resource: { readonly type: string; readonly id: string }, request?: Partial<PolicyRequest>): PolicyExplanation;
  effective(): EffectivePolicy;
  settings(): ManagedSettings;
  /** Called after the effective policy changed (content or status); returns the unsubscribe. */
  onChange(listener: () => void): () => void;
  /** Reads the sources again now (the watchers call it too); resolves when the new policy is in force. */
  reload(): Promise<void>;
  dispose(): void;
}
