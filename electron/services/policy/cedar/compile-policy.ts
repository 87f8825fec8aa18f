// The applied policy document → Cedar: one policy per admin rule (allow → permit, deny → forbid, its
// conditions as `when` clauses), Airlock's own forbids for the document-wide settings (allowed environments
// and tenants, required routes, blocking anomalies), the schema they are validated against, and "probes":
// one permit per allow rule's scope and per condition, evaluated only to explain a denial (which allow rule
// almost matched and which condition did not hold) — never to decide. Cedar gives deny-wins (a satisfied
// forbid overrides every permit) and deny-by-default (no satisfied permit) by its own semantics.
import type { PolicyDocument, PolicyRule } from '../document/policy-document';
import { conditionExprs, resourcesExpr, type ConditionName } from './cedar-conditions';
import { cedarSchema } from './cedar-schema';
import { actionRef, entityType, stringSet } from './cedar-text';

export const ENVIRONMENTS_RULE = 'airlock-environments';
export const TENANTS_RULE = 'airlock-tenants';
export const ANOMALIES_RULE = 'airlock-anomalies';
export const routeRule = (type: string): string => `airlock-route-${type}`;

export interface CompiledPolicy {
  /** Policy id → Cedar text; the admin's rule ids and Airlock's airlock-* forbids. */
  readonly policies: Readonly<Record<string, string>>;
  /** `<rule>#scope` and `<rule>#<condition>` → Cedar text, for explaining denials only. */
  readonly probes: Readonly<Record<string, string>>;
  readonly schema: string;
  /** Context attribute tz<i> holds the local time in zones[i]. */
  readonly zones: readonly string[];
  /** The admin's rules by id, in document order. */
  readonly rules: ReadonlyMap<string, PolicyRule>;
  /** What each allow rule's probes are called, condition by condition. */
  readonly conditionsOf: ReadonlyMap<string, readonly ConditionName[]>;
  /** The whole policy set as text, for Settings → Policy and `airlock policy show`. */
  readonly text: string;
}

function scope(rule: PolicyRule): string {
  const actions = rule.actions.length === 1 ? `action == ${actionRef(rule.actions[0] as string)}` : `action in [${rule.actions.map(actionRef).join(', ')}]`;
  return `principal, ${actions}, resource`;
}

function whenClauses(exprs: readonly string[]): string {
  return exprs.map((e) => `\nwhen { ${e} }`).join('');
}

function documentForbids(doc: PolicyDocument): Record<string, string> {
  const forbids: Record<string, string> = {};
  if (doc.environments[0] !== '*') {
    forbids[ENVIRONMENTS_RULE] = `forbid(principal, action, resource)\nwhen { context.hasEnvironment && !${stringSet(doc.environments)}.contains(context.environment) };`;
  }
  if (doc.tenants[0] !== '*') {
    forbids[TENANTS_RULE] = `forbid(principal, action, resource)\nwhen { context.hasTenant && !${stringSet(doc.tenants)}.contains(context.tenant) };`;
  }
  for (const [type, routes] of Object.entries(doc.routes)) {
    if (routes && routes.length > 0) {
      forbids[routeRule(type)] = `forbid(principal, action, resource is ${entityType(type as Parameters<typeof entityType>[0])})\nunless { ${stringSet(routes)}.contains(context.route) };`;
    }
  }
  if (doc.anomalies.block.length > 0) {
    forbids[ANOMALIES_RULE] = `forbid(principal, action, resource)\nwhen { context.anomalies.containsAny(${stringSet(doc.anomalies.block)}) };`;
  }
  return forbids;
}

export function compilePolicy(doc: PolicyDocument, channels: readonly string[]): CompiledPolicy {
  const zones: string[] = [];
  const tzOf = (zone: string): string => {
    if (!zones.includes(zone)) zones.push(zone);
    return `tz${zones.indexOf(zone)}`;
  };
  const policies: Record<string, string> = {};
  const probes: Record<string, string> = {};
  const conditionsOf = new Map<string, ConditionName[]>();
  for (const rule of doc.rules) {
    const resources = rule.resources ? [resourcesExpr(rule.resources)] : [];
    const conditions = conditionExprs(rule.conditions, rule.effect, tzOf);
    const effect = rule.effect === 'allow' ? 'permit' : 'forbid';
    policies[rule.id] = `${effect}(${scope(rule)})${whenClauses([...resources, ...conditions.map(([, e]) => e)])};`;
    if (rule.effect === 'allow') {
      probes[`${rule.id}#scope`] = `permit(${scope(rule)})${whenClauses(resources)};`;
      for (const [name, expr] of conditions) probes[`${rule.id}#${name}`] = `permit(principal, action, resource)\nwhen { ${expr} };`;
      conditionsOf.set(rule.id, conditions.map(([name]) => name));
    }
  }
  Object.assign(policies, documentForbids(doc));
  const text = Object.entries(policies)
    .map(([id, body]) => `@id(${JSON.stringify(id)})\n${body}`)
    .join('\n\n');
  return {
    policies,
    probes,
    schema: cedarSchema(channels, zones.length),
    zones,
    rules: new Map(doc.rules.map((r) => [r.id, r])),
    conditionsOf,
    text,
  };
}
