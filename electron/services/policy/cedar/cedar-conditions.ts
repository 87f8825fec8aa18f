// The conditions of a rule as Cedar expressions over the request context that request-context.ts builds,
// each with the context attributes it reads.
// ip_range: Cedar has no "any element of a set is in a range", and every ip value handed to the wasm engine
// costs about as much as the rest of a decision, so the context carries one boolean per distinct range list
// (`ipN`: some address of this machine is in one of the list's ranges), computed exactly with node:net's
// BlockList over all addresses — no slot limit, nothing dropped. Cedar still decides with it, like mfa.
// time_window: the local minute of the week in the rule's zone (`tzNWeek`), one attribute per zone.
import { WEEKDAYS, type ResourcePattern, type RuleConditions, type TimeWindow } from '../document/policy-document';
import { cedarLikePattern, cedarString, entityType } from './cedar-text';
import type { ContextNeeds } from './context-needs';

const WEEK = 7 * 1440;

/**
 * Inside the window, over the local minute of the week (Monday 00:00 = 0 … Sunday 23:59 = 10079): one
 * interval per listed day, [day·1440 + from, day·1440 + to), touching intervals merged. A window that
 * crosses midnight runs into the next day (Sunday's into Monday's start): the part after midnight belongs
 * to the day it started.
 */
export function timeWindowExpr(window: TimeWindow, zone: number): string {
  const m = `context.tz${zone}Week`;
  const spans: [number, number][] = [];
  for (const day of window.days) {
    const start = WEEKDAYS.indexOf(day) * 1440 + window.from;
    const end = WEEKDAYS.indexOf(day) * 1440 + (window.from < window.to ? window.to : window.to + 1440);
    if (end <= WEEK) spans.push([start, end]);
    else spans.push([start, WEEK], [0, end - WEEK]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([...span]);
  }
  return merged
    .map(([start, end]) => {
      if (start === 0 && end === WEEK) return 'true';
      if (start === 0) return `${m} < ${end}`;
      if (end === WEEK) return `${m} >= ${start}`;
      return `(${m} >= ${start} && ${m} < ${end})`;
    })
    .join(' || ');
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

export function resourcesNeeds(resources: readonly ResourcePattern[] | undefined): ContextNeeds {
  const like = resources?.some((p) => p.id !== '*' && p.id.includes('*')) === true;
  return { facts: new Set(like ? (['resourceId'] as const) : []), ip: [], tz: [] };
}

export type ConditionName = 'ip_range' | 'time_window' | 'mfa_required';

/** Where a rule's ranges and zone live in the context. */
export interface ContextSlots {
  ipSet(ranges: readonly string[]): number;
  zone(window: TimeWindow): number;
}

export interface ConditionExpr {
  readonly name: ConditionName;
  readonly expr: string;
  readonly needs: ContextNeeds;
}

/** Each condition that constrains the decision (audit_logged is an obligation, not a condition). */
export function conditionExprs(conditions: RuleConditions, slots: ContextSlots): ConditionExpr[] {
  const out: ConditionExpr[] = [];
  if (conditions.ip_range) {
    const i = slots.ipSet(conditions.ip_range);
    out.push({ name: 'ip_range', expr: `context.ip${i}`, needs: { facts: new Set(), ip: [i], tz: [] } });
  }
  if (conditions.time_window) {
    const i = slots.zone(conditions.time_window);
    out.push({ name: 'time_window', expr: timeWindowExpr(conditions.time_window, i), needs: { facts: new Set(), ip: [], tz: [i] } });
  }
  if (conditions.mfa_required) out.push({ name: 'mfa_required', expr: 'context.mfa', needs: { facts: new Set(['mfa'] as const), ip: [], tz: [] } });
  return out;
}
