// The applied policy document → Cedar: one policy per admin rule (allow → permit, deny → forbid, its
// conditions as `when` clauses), Airlock's own forbids for the document-wide settings (allowed environments
// and tenants, required routes, blocking anomalies), the schema they are validated against, and "probes":
// one permit per allow rule's scope and per condition, evaluated only to explain a denial (which allow rule
// almost matched and which condition did not hold) — never to decide. Cedar gives deny-wins (a satisfied
// forbid overrides every permit) and deny-by-default (no satisfied permit) by its own semantics.
// For speed the decision set is also cut per action: each action's slice holds only the policies that can
// apply to it (scope `action == <it>`), with the context attributes those read.
import type { PolicyDocument, PolicyRule } from '../document/policy-document';
import { conditionExprs, resourcesExpr, resourcesNeeds, type ConditionName, type ContextSlots } from './cedar-conditions';
import { cedarSchema } from './cedar-schema';
import { actionRef, entityType, stringSet } from './cedar-text';
import { mergeNeeds, NO_NEEDS, type ContextFact, type ContextNeeds } from './context-needs';

export const ENVIRONMENTS_RULE = 'airlock-environments';
export const TENANTS_RULE = 'airlock-tenants';
export const ANOMALIES_RULE = 'airlock-anomalies';
export const routeRule = (type: string): string => `airlock-route-${type}`;

interface CedarPolicy {
  readonly effect: 'permit' | 'forbid';
  /** null: every action. */
  readonly actions: readonly string[] | null;
  readonly resource: string;
  readonly clauses: readonly string[];
  readonly needs: ContextNeeds;
}

export interface ActionSlice {
  readonly policies: Readonly<Record<string, string>>;
  readonly needs: ContextNeeds;
}

export interface CompiledPolicy {
  /** Policy id → Cedar text; the admin's rule ids and Airlock's airlock-* forbids. */
  readonly policies: Readonly<Record<string, string>>;
  /** The same policies cut per action (what decisions evaluate). */
  readonly slices: ReadonlyMap<string, ActionSlice>;
  /** `<rule>#scope` and `<rule>#<condition>` → Cedar text, for explaining denials only. */
  readonly probes: Readonly<Record<string, string>>;
  /** Everything any policy or probe reads (the probes' request). */
  readonly allNeeds: ContextNeeds;
  readonly ipSets: readonly (readonly string[])[];
  readonly zones: readonly string[];
  readonly schema: string;
  /** The admin's rules by id, in document order. */
  readonly rules: ReadonlyMap<string, PolicyRule>;
  /** What each allow rule's probes are called, condition by condition. */
  readonly conditionsOf: ReadonlyMap<string, readonly ConditionName[]>;
  /** The whole policy set as text, for Settings → Policy and `airlock policy show`. */
  readonly text: string;
}

function render(policy: CedarPolicy, only?: string): string {
  const actions = only !== undefined ? `action == ${actionRef(only)}` : policy.actions === null ? 'action' : policy.actions.length === 1 ? `action == ${actionRef(policy.actions[0] as string)}` : `action in [${policy.actions.map(actionRef).join(', ')}]`;
  return `${policy.effect}(principal, ${actions}, ${policy.resource})${policy.clauses.map((c) => `\n${c}`).join('')};`;
}

const when = (expr: string): string => `when { ${expr} }`;
const facts = (...names: ContextFact[]): ContextNeeds => ({ facts: new Set(names), ip: [], tz: [] });

function documentForbids(doc: PolicyDocument): Record<string, CedarPolicy> {
  const forbids: Record<string, CedarPolicy> = {};
  const all = { effect: 'forbid', actions: null, resource: 'resource' } as const;
  if (doc.environments[0] !== '*') {
    // '' = no environment (ids are never empty): nothing to check then.
    forbids[ENVIRONMENTS_RULE] = { ...all, clauses: [when(`context.environment != "" && !${stringSet(doc.environments)}.contains(context.environment)`)], needs: facts('environment') };
  }
  if (doc.tenants[0] !== '*') {
    forbids[TENANTS_RULE] = { ...all, clauses: [when(`context.tenant != "" && !${stringSet(doc.tenants)}.contains(context.tenant)`)], needs: facts('tenant') };
  }
  for (const [type, routes] of Object.entries(doc.routes)) {
    if (routes && routes.length > 0) {
      const resource = `resource is ${entityType(type as Parameters<typeof entityType>[0])}`;
      forbids[routeRule(type)] = { ...all, resource, clauses: [`unless { ${stringSet(routes)}.contains(context.route) }`], needs: facts('route') };
    }
  }
  if (doc.anomalies.block.length > 0) {
    forbids[ANOMALIES_RULE] = { ...all, clauses: [when(`context.anomalies.containsAny(${stringSet(doc.anomalies.block)})`)], needs: facts('anomalies') };
  }
  return forbids;
}

export function compilePolicy(doc: PolicyDocument, channels: readonly string[]): CompiledPolicy {
  const ipSets: string[][] = [];
  const zones: string[] = [];
  const slots: ContextSlots = {
    ipSet(ranges) {
      const found = ipSets.findIndex((set) => set.join(',') === ranges.join(','));
      return found >= 0 ? found : ipSets.push([...ranges]) - 1;
    },
    zone(window) {
      const found = zones.indexOf(window.timezone);
      return found >= 0 ? found : zones.push(window.timezone) - 1;
    },
  };
  const cedar: Record<string, CedarPolicy> = {};
  const probes: Record<string, string> = {};
  const probeNeeds: ContextNeeds[] = [];
  const conditionsOf = new Map<string, ConditionName[]>();
  for (const rule of doc.rules) {
    const resources = rule.resources ? [resourcesExpr(rule.resources)] : [];
    const conditions = conditionExprs(rule.conditions, slots);
    const needs = mergeNeeds([resourcesNeeds(rule.resources), ...conditions.map((c) => c.needs)]);
    const effect = rule.effect === 'allow' ? 'permit' : 'forbid';
    cedar[rule.id] = { effect, actions: rule.actions, resource: 'resource', clauses: [...resources, ...conditions.map((c) => c.expr)].map(when), needs };
    if (rule.effect === 'allow') {
      probes[`${rule.id}#scope`] = render({ effect: 'permit', actions: rule.actions, resource: 'resource', clauses: resources.map(when), needs: NO_NEEDS });
      for (const c of conditions) probes[`${rule.id}#${c.name}`] = render({ effect: 'permit', actions: null, resource: 'resource', clauses: [when(c.expr)], needs: NO_NEEDS });
      conditionsOf.set(rule.id, conditions.map((c) => c.name));
      probeNeeds.push(needs);
    }
  }
  Object.assign(cedar, documentForbids(doc));
  const policies = Object.fromEntries(Object.entries(cedar).map(([id, p]) => [id, render(p)]));
  const slices = new Map<string, ActionSlice>();
  for (const action of channels) {
    const applying = Object.entries(cedar).filter(([, p]) => p.actions === null || p.actions.includes(action));
    slices.set(action, { policies: Object.fromEntries(applying.map(([id, p]) => [id, render(p, action)])), needs: mergeNeeds(applying.map(([, p]) => p.needs)) });
  }
  const text = Object.entries(policies)
    .map(([id, body]) => `@id(${JSON.stringify(id)})\n${body}`)
    .join('\n\n');
  return {
    policies,
    slices,
    probes,
    allNeeds: mergeNeeds([...Object.values(cedar).map((p) => p.needs), ...probeNeeds]),
    ipSets,
    zones,
    schema: cedarSchema(channels, ipSets.length, zones.length),
    rules: new Map(doc.rules.map((r) => [r.id, r])),
    conditionsOf,
    text,
  };
}
