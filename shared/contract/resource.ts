// What an action acts on, as the policy decision point and the audit trail see it: a type and an id, taken
// from the validated request by the channel's own `resource` function in the contract. Never a token, a key
// or a payload — an id shown in the audit trail and matched by admin rules (`workspace:<id>`).

export const RESOURCE_TYPES = ['app', 'environment', 'account', 'workspace', 'model', 'endpoint', 'audit', 'policy', 'history'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

export interface ResourceRef {
  readonly type: ResourceType;
  readonly id: string;
}

/** Airlock itself (version, health, diagnostics, links, the sign-in in progress). */
export const APP_RESOURCE: ResourceRef = Object.freeze({ type: 'app', id: 'airlock' });
/** Every account signed in on this device (the account list, forget this device). */
export const DEVICE_ACCOUNTS: ResourceRef = Object.freeze({ type: 'account', id: 'device' });
/** The active account, whichever it is when the action runs (its session, unlock, a step-up for it). */
export const ACTIVE_ACCOUNT: ResourceRef = Object.freeze({ type: 'account', id: 'active' });
/**
 * The active account's environment, whichever it is when the action runs (its private routes and forwards).
 * The guard's context keeps the active environment for it (it names no environment of its own).
 */
export const ACTIVE_ENVIRONMENT: ResourceRef = Object.freeze({ type: 'environment', id: 'active' });
/** Every workspace the active account can see (the workspace list). */
export const ALL_WORKSPACES: ResourceRef = Object.freeze({ type: 'workspace', id: '*' });

/** The admin policy in force on this machine (showing and explaining it). */
export const EFFECTIVE_POLICY: ResourceRef = Object.freeze({ type: 'policy', id: 'effective' });
/** This device's local audit trail (its status, records, verify, exports, anomaly hints). */
export const AUDIT_TRAIL: ResourceRef = Object.freeze({ type: 'audit', id: 'trail' });

/** This device's local history of test inferences (listing it, clearing it); one entry is `history:<entry id>`. */
export const INVOKE_HISTORY: ResourceRef = Object.freeze({ type: 'history', id: 'local' });

/** `workspace:<id>`: how a resource is written in audit records and admin rules. */
export function resourceName(resource: ResourceRef): string {
  return `${resource.type}:${resource.id}`;
}
