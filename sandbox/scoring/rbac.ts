// RBAC for AADToken endpoints: may this user invoke `Microsoft.MachineLearningServices/workspaces/
// onlineEndpoints/score/action` on this endpoint? Decided from the seed's role assignments (role + ARM
// scope at subscription, resource group, workspace or endpoint level). Unknown users and roles that lack
// the action (Reader) are denied; it must never allow by default.
import type { Seed } from '../seed/seed-schema';

export const SCORE_ACTION = 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/score/action';

/** Built-in roles whose actions include SCORE_ACTION (Owner and Contributor by `*`). */
const ROLES_THAT_SCORE: ReadonlySet<string> = new Set(['Owner', 'Contributor', 'AzureML Data Scientist', 'AzureML Endpoint Invoker']);

const normalize = (scope: string) => scope.toLowerCase().replace(/\/+$/, '');

/** True when `scope` is the resource itself or one of its ancestors, matching on whole path segments. */
export function scopeCovers(scope: string, resourceId: string): boolean {
  const s = normalize(scope);
  const r = normalize(resourceId);
  return s.length > 0 && (r === s || r.startsWith(`${s}/`));
}

export function canScore(seed: Seed, oid: string, endpointId: string): boolean {
  const user = seed.users.find((u) => u.oid === oid.toLowerCase());
  if (!user) return false;
  return user.roles.some((assignment) => ROLES_THAT_SCORE.has(assignment.role) && scopeCovers(assignment.scope, endpointId));
}
