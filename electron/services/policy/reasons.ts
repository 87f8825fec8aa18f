// The words of every decision: which rule decided and why, in plain language a user can act on or pass to
// an administrator. Each reason fits the 256 characters an E_POLICY_DENIED detail holds. Quotes only ids,
// action names, ranges, zones and times — never a token, a claim or a payload.
import type { ConditionName } from './cedar/cedar-conditions';
import { ANOMALIES_RULE, ENVIRONMENTS_RULE, TENANTS_RULE } from './cedar/compile-policy';
import { createZonedClock } from './cedar/zoned-time';
import type { PolicyRequest } from './decision';
import type { PolicyDocument, PolicyRule, TimeWindow } from './document/policy-document';
import { clockText } from './document/time-window';

export const MAX_REASON = 256;

export function bounded(text: string): string {
  return text.length <= MAX_REASON ? text : `${text.slice(0, MAX_REASON - 1)}…`;
}

function short(text: string, max = 64): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function listed(items: readonly string[], max = 3): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

function resourceText(request: PolicyRequest): string {
  return `${request.resource.type}:${short(request.resource.id, 48)}`;
}

const ROUTE_WORDS: Record<string, string> = { none: 'no route', direct: 'direct', vpn: 'VPN', ssh: 'SSH', bastion: 'Bastion' };

function windowText(window: TimeWindow): string {
  const days = window.days.length === 7 ? 'every day' : `on ${window.days.join(', ')}`;
  return `between ${clockText(window.from)} and ${clockText(window.to)} ${days} (${window.timezone})`;
}

function conditionText(rule: PolicyRule, name: ConditionName, request: PolicyRequest): string {
  const c = rule.conditions;
  if (name === 'ip_range') return `from the networks ${listed(c.ip_range ?? [])}, and this computer has no address in them`;
  if (name === 'mfa_required') return 'after a multi-factor sign-in (MFA); sign in again with MFA to continue';
  const window = c.time_window as TimeWindow;
  const now = createZonedClock(window.timezone)(request.time);
  return `${windowText(window)}; it is ${now.day} ${clockText(now.minute)} there`;
}

export const words = {
  baseline: (request: PolicyRequest): string =>
    bounded(`Allowed: '${request.channel}' is a baseline action Airlock always allows, so it can explain itself and you can reduce what it holds.`),

  allowed: (rule: string): string => bounded(`Allowed by rule '${rule}'.`),

  defaultDeny: (request: PolicyRequest): string =>
    bounded(`Denied: no rule in the policy allows '${request.channel}' on ${resourceText(request)}, and Airlock denies what the policy does not allow.`),

  nearMiss: (rule: PolicyRule, failed: readonly ConditionName[], request: PolicyRequest): string => {
    const first = failed[0] as ConditionName;
    const more = failed.length > 1 ? ` (and ${failed.length - 1} more condition${failed.length > 2 ? 's' : ''})` : '';
    return bounded(`Denied by rule '${rule.id}': it allows '${request.channel}' only ${conditionText(rule, first, request)}${more}.`);
  },

  deniedByRule: (rule: PolicyRule, request: PolicyRequest): string => {
    if (rule.reason) return bounded(`Denied by rule '${rule.id}': ${rule.reason}`);
    const c = rule.conditions;
    const when = [c.time_window ? windowText(c.time_window) : null, c.ip_range ? `from the networks ${listed(c.ip_range)}` : null].filter((w) => w !== null);
    return bounded(`Denied by rule '${rule.id}': it forbids '${request.channel}'${when.length > 0 ? ` ${when.join(' and ')}` : ''}.`);
  },

  deniedByAirlockRule: (id: string, doc: PolicyDocument, request: PolicyRequest): string => {
    if (id === ENVIRONMENTS_RULE) {
      return bounded(`Denied by rule '${id}': the policy allows only the environments ${listed(doc.environments)}, not '${short(request.environmentId ?? '', 64)}'.`);
    }
    if (id === TENANTS_RULE) return bounded(`Denied by rule '${id}': the policy does not allow accounts of the tenant ${short(request.account?.tenantId ?? '', 64)}.`);
    if (id === ANOMALIES_RULE) {
      const blocked = (request.anomalies ?? []).filter((a) => (doc.anomalies.block as readonly string[]).includes(a));
      return bounded(`Denied by rule '${id}': Airlock noticed ${listed(blocked)}, and the policy blocks actions while that lasts.`);
    }
    const type = id.replace(/^airlock-route-/, '');
    const routes = (doc.routes[type as keyof PolicyDocument['routes']] ?? []).map((r) => ROUTE_WORDS[r] ?? r);
    return bounded(`Denied by rule '${id}': ${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type} may be reached only over ${routes.join(' or ')}, and this request would go over ${ROUTE_WORDS[request.route] ?? 'an unknown route'}.`);
  },

  unknownAction: (request: PolicyRequest): string => bounded(`Denied: '${short(request.channel)}' is not an action this version of Airlock knows.`),

  unknownResource: (request: PolicyRequest): string => bounded(`Denied: '${short(request.resource.type, 32)}' is not a kind of resource the policy knows.`),

  notEvaluated: (ids: readonly string[]): string =>
    bounded(`Denied: ${ids.length > 0 ? `rule '${ids[0]}'` : 'the policy'} could not be evaluated for this request, so Airlock refused to be safe.`),

  broken: (where: string, message: string): string =>
    bounded(`Denied: the policy (${short(where, 96)}) cannot be used, so Airlock allows only its baseline actions until it is fixed: ${message}`),
};
