// What the admin policy's settings say about a route or a local forward that is open now: the words of why the
// policy no longer allows it (its environment, the tenant of the account that opened it, its route kind for
// endpoints, local forwards at all), or null. Used when the policy changes while Airlock runs, so what the new
// policy forbids is closed at once rather than left carrying traffic the guard would now refuse. Mirrors the
// Cedar rules compile-policy.ts builds from the same settings; never a decision of its own beyond them.
import type { ManagedSettings } from '../../policy';
import type { RouteVia } from '../../routes';

/** Airlock's route names in the policy's words (Airlock's jump host is the policy's ssh). */
export const POLICY_KIND: Readonly<Record<RouteVia, 'vpn' | 'ssh' | 'bastion'>> = { vpn: 'vpn', jump: 'ssh', bastion: 'bastion' };

const ROUTE_WORDS: Readonly<Record<RouteVia, string>> = { vpn: 'VPN', jump: 'SSH jump host', bastion: 'Azure Bastion' };

/** The policy's routes for endpoints (a type not listed may use any route; `direct` covers Airlock's VPN/direct route). */
export function routeKindAllowed(settings: ManagedSettings | null, via: RouteVia): boolean {
  const allowed = settings?.routes.value['endpoint'];
  return !allowed || allowed.length === 0 || allowed.includes(POLICY_KIND[via]) || (via === 'vpn' && allowed.includes('direct'));
}

/** `['*']` allows any; otherwise only those listed (as compile-policy.ts forbids the rest). */
const listed = (list: readonly string[], value: string): boolean => list[0] === '*' || list.includes(value);

export interface OpenThing {
  readonly environmentId: string;
  /** The tenant of the account that opened it; null when Airlock does not know (then the tenant rule does not apply). */
  readonly tenantId: string | null;
  readonly via: RouteVia;
}

/** Why the policy no longer allows this open route, in words; null while it does. */
export function routeForbidden(settings: ManagedSettings | null, open: OpenThing): string | null {
  if (!settings) return null;
  if (!listed(settings.environments.value, open.environmentId)) return `the policy no longer allows the environment '${open.environmentId.slice(0, 64)}'.`;
  if (open.tenantId && !listed(settings.tenants.value, open.tenantId)) return `the policy no longer allows the tenant of the account that opened it (${open.tenantId.slice(0, 64)}).`;
  if (!routeKindAllowed(settings, open.via)) return `the policy no longer allows the ${ROUTE_WORDS[open.via]} route for endpoints.`;
  return null;
}

/** Why the policy no longer allows this open local forward, in words; null while it does. */
export function forwardForbidden(settings: ManagedSettings | null, open: OpenThing): string | null {
  if (!settings) return null;
  if (!settings.allowLocalForwards.value) return 'the policy no longer allows local port forwards.';
  return routeForbidden(settings, open);
}
