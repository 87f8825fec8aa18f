// Role-based access control from the seed: each built-in role name maps to Azure-style action patterns
// (`*` wildcards, NotActions), and an assignment at a scope covers that scope and everything under it
// (subscription → resource group → workspace → child). It decides only; it must never consult the
// resource index, so a denied caller learns nothing about which resources exist.
import type { Seed, SeedRoleAssignment } from '../seed/seed-schema';

const ML = 'Microsoft.MachineLearningServices';

export const Actions = {
  resourceGroupsRead: 'Microsoft.Resources/subscriptions/resourceGroups/read',
  workspacesRead: `${ML}/workspaces/read`,
  modelsRead: `${ML}/workspaces/models/read`,
  modelVersionsRead: `${ML}/workspaces/models/versions/read`,
  endpointsRead: `${ML}/workspaces/onlineEndpoints/read`,
  endpointToken: `${ML}/workspaces/onlineEndpoints/token/action`,
  endpointListKeys: `${ML}/workspaces/onlineEndpoints/listKeys/action`,
  deploymentsRead: `${ML}/workspaces/onlineEndpoints/deployments/read`,
  deploymentGetLogs: `${ML}/workspaces/onlineEndpoints/deployments/getLogs/action`,
  registriesRead: `${ML}/registries/read`,
  registryModelsRead: `${ML}/registries/models/read`,
  registryModelVersionsRead: `${ML}/registries/models/versions/read`,
} as const;

interface RoleDefinition {
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
}

/**
 * Close to the Azure built-ins. Sandbox choices where Azure differs or the docs are silent:
 * - AzureML Data Scientist also gets `workspaces/read` and registry reads (in Azure the pattern
 *   `workspaces/*\/read` does not cover the workspace itself and registries need "AzureML Registry User";
 *   the demo data scientist has no other role).
 * - "AzureML Endpoint Invoker" is not an Azure built-in: it may read endpoints and deployments, get AML
 *   tokens, list keys and score.
 */
export const ROLES: Readonly<Record<SeedRoleAssignment['role'], RoleDefinition>> = {
  Owner: { actions: ['*'], notActions: [] },
  Contributor: { actions: ['*'], notActions: ['Microsoft.Authorization/*/Delete', 'Microsoft.Authorization/*/Write'] },
  Reader: { actions: ['*/read'], notActions: [] },
  'AzureML Data Scientist': {
    actions: [
      `${ML}/workspaces/read`,
      `${ML}/workspaces/*/read`,
      `${ML}/workspaces/*/action`,
      `${ML}/workspaces/*/delete`,
      `${ML}/workspaces/*/write`,
      `${ML}/registries/read`,
      `${ML}/registries/*/read`,
    ],
    notActions: [
      `${ML}/workspaces/delete`,
      `${ML}/workspaces/write`,
      `${ML}/workspaces/computes/*/write`,
      `${ML}/workspaces/computes/*/delete`,
      `${ML}/workspaces/computes/listKeys/action`,
      `${ML}/workspaces/listKeys/action`,
    ],
  },
  'AzureML Endpoint Invoker': {
    actions: [
      `${ML}/workspaces/onlineEndpoints/read`,
      `${ML}/workspaces/onlineEndpoints/deployments/read`,
      `${ML}/workspaces/onlineEndpoints/token/action`,
      `${ML}/workspaces/onlineEndpoints/listKeys/action`,
      `${ML}/workspaces/onlineEndpoints/score/action`,
    ],
    notActions: [],
  },
};

const patternCache = new Map<string, RegExp>();
function matches(pattern: string, action: string): boolean {
  let re = patternCache.get(pattern);
  if (!re) {
    re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*')}$`, 'i');
    patternCache.set(pattern, re);
  }
  return re.test(action);
}

export function roleAllows(role: SeedRoleAssignment['role'], action: string): boolean {
  const def = ROLES[role];
  return def.actions.some((p) => matches(p, action)) && !def.notActions.some((p) => matches(p, action));
}

const normalize = (scope: string) => scope.toLowerCase().replace(/\/+$/, '');

/** True when `outer` is `inner` or an ancestor of it, on path-segment boundaries. */
export function scopeCovers(outer: string, inner: string): boolean {
  const o = normalize(outer);
  const i = normalize(inner);
  return i === o || i.startsWith(`${o}/`);
}

export interface Rbac {
  /** May `oid` perform `action` on `scope` (through an assignment at the scope or above)? */
  allows(oid: string, action: string, scope: string): boolean;
  /** Does `oid` hold any assignment at, above or below `scope`? (ARM shows a subscription to anyone with a foothold in it.) */
  hasFoothold(oid: string, scope: string): boolean;
  /** Does `oid` hold `action` anywhere at or below `scope`? (Lists are then filtered item by item.) */
  allowsBelow(oid: string, action: string, scope: string): boolean;
}

export function createRbac(seed: Seed): Rbac {
  const byOid = new Map<string, readonly SeedRoleAssignment[]>();
  for (const user of seed.users) byOid.set(user.oid.toLowerCase(), user.roles);
  const roles = (oid: string) => byOid.get(oid.toLowerCase()) ?? [];
  return {
    allows: (oid, action, scope) => roles(oid).some((a) => scopeCovers(a.scope, scope) && roleAllows(a.role, action)),
    hasFoothold: (oid, scope) => roles(oid).some((a) => scopeCovers(a.scope, scope) || scopeCovers(scope, a.scope)),
    allowsBelow: (oid, action, scope) => roles(oid).some((a) => (scopeCovers(a.scope, scope) || scopeCovers(scope, a.scope)) && roleAllows(a.role, action)),
  };
}
