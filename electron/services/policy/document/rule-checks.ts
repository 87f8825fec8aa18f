// What a rule's values mean, checked one by one so each problem names the line of the value at fault:
// the id (unique, not reserved), the actions (known, expanded), the resources, the conditions (address
// ranges, a time window with real hours and a real time zone), and what a deny rule may not carry.
import { BASELINE_ACTIONS, expandActionPattern, isBaselineAction } from './action-names';
import type { RawRule } from './document-schema';
import { normalizeRange } from './ip-ranges';
import type { JsonPath } from './json-text';
import type { PolicyRule, ResourcePattern, RuleConditions, TimeWindow } from './policy-document';
import { parseResourcePattern } from './resource-patterns';
import { canonicalTimeZone, minutesOfDay } from './time-window';

export interface Complaint {
  readonly path: JsonPath;
  readonly at: 'key' | 'value';
  readonly message: string;
  /** A required field that is not there (reported where its parent starts). */
  readonly missing?: boolean;
}

const RULE_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
// eslint-disable-next-line no-control-regex -- a reason is shown to users and written to the audit trail
const CONTROL = /[\u0000-\u001f\u007f]/;

function checkActions(rule: RawRule, at: JsonPath, channels: readonly string[], complain: (c: Complaint) => void): string[] {
  const actions: string[] = [];
  rule.actions.forEach((pattern, i) => {
    const expanded = expandActionPattern(pattern, channels);
    if (!expanded.ok) return complain({ path: [...at, 'actions', i], at: 'value', message: `rule '${rule.id}': ${expanded.message}` });
    if (rule.effect === 'deny' && expanded.actions.length === 1 && expanded.actions[0] === pattern && isBaselineAction(pattern)) {
      return complain({
        path: [...at, 'actions', i],
        at: 'value',
        message: `rule '${rule.id}': '${pattern}' is always allowed (Airlock's baseline: ${BASELINE_ACTIONS.join(', ')}), so a deny rule cannot name it`,
      });
    }
    // A deny rule's glob leaves the baseline out: it stays allowed whatever a rule says.
    for (const action of expanded.actions) if (!actions.includes(action) && !(rule.effect === 'deny' && isBaselineAction(action))) actions.push(action);
  });
  if (actions.length === 0 && rule.effect === 'deny' && rule.actions.length > 0) {
    complain({ path: [...at, 'actions'], at: 'value', message: `rule '${rule.id}' names only actions that are always allowed (Airlock's baseline), so it would deny nothing` });
  }
  return actions;
}

function checkTimeWindow(rule: RawRule, at: JsonPath, complain: (c: Complaint) => void): TimeWindow | undefined {
  const raw = rule.conditions?.time_window;
  if (!raw) return undefined;
  const where = [...at, 'conditions', 'time_window'];
  const from = minutesOfDay(raw.from, false);
  const to = minutesOfDay(raw.to, true);
  const timezone = canonicalTimeZone(raw.timezone);
  if (from === null) return void complain({ path: [...where, 'from'], at: 'value', message: `rule '${rule.id}': time_window.from '${raw.from}' must be a time written HH:MM (00:00 to 23:59)` });
  if (to === null) return void complain({ path: [...where, 'to'], at: 'value', message: `rule '${rule.id}': time_window.to '${raw.to}' must be a time written HH:MM (00:00 to 24:00)` });
  if (from === to) return void complain({ path: where, at: 'value', message: `rule '${rule.id}': time_window from and to are the same time, so the window is empty or the whole day; leave time_window out for the whole day` });
  if (timezone === null) return void complain({ path: [...where, 'timezone'], at: 'value', message: `rule '${rule.id}': time zone '${raw.timezone.slice(0, 64)}' is not an IANA time zone Airlock knows (like Europe/Berlin or UTC)` });
  return { days: [...new Set(raw.days)], from, to, timezone };
}

function checkConditions(rule: RawRule, at: JsonPath, complain: (c: Complaint) => void): RuleConditions {
  const raw = rule.conditions ?? {};
  const ranges: string[] = [];
  raw.ip_range?.forEach((text, i) => {
    const range = normalizeRange(text);
    if (range === null) complain({ path: [...at, 'conditions', 'ip_range', i], at: 'value', message: `rule '${rule.id}': '${text}' is not an IP address range (write 10.0.0.0/8, fd00::/8 or one address)` });
    else if (!ranges.includes(range)) ranges.push(range);
  });
  if (rule.effect === 'deny') {
    for (const name of ['mfa_required', 'audit_logged'] as const) {
      if (raw[name] !== undefined) {
        complain({ path: [...at, 'conditions', name], at: 'key', message: `rule '${rule.id}': ${name} belongs on allow rules (an allow rule with ${name} refuses the action when it does not hold)` });
      }
    }
  }
  const timeWindow = checkTimeWindow(rule, at, complain);
  return {
    ...(raw.ip_range ? { ip_range: ranges } : {}),
    ...(timeWindow ? { time_window: timeWindow } : {}),
    ...(raw.mfa_required !== undefined ? { mfa_required: raw.mfa_required } : {}),
    ...(raw.audit_logged !== undefined ? { audit_logged: raw.audit_logged } : {}),
  };
}

/** The rule as applied, or undefined after complaining about what is wrong in it. */
export function checkRule(rule: RawRule, index: number, seenIds: Set<string>, channels: readonly string[], line: number | null): { rule?: PolicyRule; complaints: Complaint[] } {
  const complaints: Complaint[] = [];
  const complain = (c: Complaint): void => void complaints.push(c);
  const at: JsonPath = ['rules', index];
  if (!RULE_ID.test(rule.id)) complain({ path: [...at, 'id'], at: 'value', message: `rule id '${rule.id.slice(0, 64)}' must be letters, digits, '-', '_' or '.', starting with a letter or digit` });
  else if (rule.id.toLowerCase().startsWith('airlock-')) complain({ path: [...at, 'id'], at: 'value', message: `rule id '${rule.id}': ids starting with 'airlock-' are reserved for Airlock's own rules` });
  else if (seenIds.has(rule.id)) complain({ path: [...at, 'id'], at: 'value', message: `rule id '${rule.id}' is used twice; each rule needs its own id` });
  seenIds.add(rule.id);
  const actions = checkActions(rule, at, channels, complain);
  const resources: ResourcePattern[] = [];
  rule.resources?.forEach((text, i) => {
    const parsed = parseResourcePattern(text);
    if (parsed.ok) resources.push(parsed.pattern);
    else complain({ path: [...at, 'resources', i], at: 'value', message: `rule '${rule.id}': ${parsed.message}` });
  });
  if (rule.reason !== undefined && CONTROL.test(rule.reason)) complain({ path: [...at, 'reason'], at: 'value', message: `rule '${rule.id}': reason must be one line of plain text` });
  const conditions = checkConditions(rule, at, complain);
  if (complaints.length > 0) return { complaints };
  return {
    complaints,
    rule: { id: rule.id, effect: rule.effect, actions, ...(rule.resources ? { resources } : {}), conditions, ...(rule.reason ? { reason: rule.reason } : {}), line },
  };
}
