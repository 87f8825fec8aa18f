// The four conditions of a rule as Cedar expressions over the request context that request-context.ts
// builds. ip_range: Cedar has no "any element of a set is in a range", so the context carries this
// machine's addresses in ADDRESS_SLOTS optional slots (addr0..addr15) and the expression asks each present
// slot; a machine with more addresses sets addrOverflow, which makes every deny rule with ip_range apply
// (fail closed) and lets allow rules look only at the first slots (they can only deny more).
import type { ResourcePattern, RuleConditions, TimeWindow } from '../document/policy-document';
import { cedarLikePattern, cedarString, entityType, stringSet } from './cedar-text';

export const ADDRESS_SLOTS = 16;

export function addressSlot(i: number): string {
  return `addr${i}`;
}

export function ipRangeExpr(ranges: readonly string[], effect: 'allow' | 'deny'): string {
  const inAny = (slot: string): string => ranges.map((r) => `context.${slot}.isInRange(ip(${cedarString(r)}))`).join(' || ');
  const slots = Array.from({ length: ADDRESS_SLOTS }, (_, i) => addressSlot(i)).map((slot) => `(context has ${slot} && (${inAny(slot)}))`);
  return effect === 'deny' ? `context.addrOverflow || ${slots.join(' || ')}` : slots.join(' || ');
}

/** `tz` is the context attribute holding the zone's {minute, day, prevDay}. */
export function timeWindowExpr(window: TimeWindow, tz: string): string {
  const days = stringSet(window.days);
  const m = `context.${tz}.minute`;
  if (window.from < window.to) return `${days}.contains(context.${tz}.day) && ${m} >= ${window.from} && ${m} < ${window.to}`;
  // Crosses midnight: the part after midnight belongs to the day the window started.
  return `(${days}.contains(context.${tz}.day) && ${m} >= ${window.from}) || (${days}.contains(context.${tz}.prevDay) && ${m} < ${window.to})`;
}

export function resourcesExpr(resources: readonly ResourcePattern[]): string {
  return resources
    .map(({ type, id }) => {
      if (id === '*') return `resource is ${entityType(type)}`;
      if (!id.includes('*')) return `resource == ${entityType(type)}::${cedarString(id)}`;
      return `(resource is ${entityType(type)} && context.resourceId like ${cedarLikePattern(id)})`;
    })
    .join(' || ');
}

export type ConditionName = 'ip_range' | 'time_window' | 'mfa_required';

/** Each condition that constrains the decision, as its own expression (audit_logged is an obligation, not a condition). */
export function conditionExprs(conditions: RuleConditions, effect: 'allow' | 'deny', tzOf: (zone: string) => string): [ConditionName, string][] {
  const out: [ConditionName, string][] = [];
  if (conditions.ip_range) out.push(['ip_range', ipRangeExpr(conditions.ip_range, effect)]);
  if (conditions.time_window) out.push(['time_window', timeWindowExpr(conditions.time_window, tzOf(conditions.time_window.timezone))]);
  if (conditions.mfa_required) out.push(['mfa_required', 'context.mfa']);
  return out;
}
