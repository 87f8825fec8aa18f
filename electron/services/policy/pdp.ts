// The decision point over one loaded policy: Cedar decides (statefully, the policy set parsed once per load),
// this file turns Cedar's answer into a decision with the rule and its reason. Fails closed everywhere: an
// unknown action or resource type, an engine error, or an evaluation error in any policy is a denial.
// Explaining a denial evaluates the probe set (never the decision itself) to name the allow rule that
// almost matched and the condition that did not hold.
import { RESOURCE_TYPES } from '../../../shared/contract/resource';
import type { CedarApi, DetailedError } from './cedar/cedar-engine';
import type { ConditionName } from './cedar/cedar-conditions';
import type { CompiledPolicy } from './cedar/compile-policy';
import { createRequestMaker, type CedarRequest } from './cedar/request-context';
import type { PolicyExplanation, PolicyRequest, PolicySourceInfo } from './decision';
import type { PolicyDocument } from './document/policy-document';
import type { PolicyProblem } from './document/policy-problem';
import { words } from './reasons';

export interface Pdp {
  decide(request: PolicyRequest): PolicyExplanation;
}

export interface PdpIds {
  /** Prefix of Cedar's names for the preparsed per-action sets (`<prefix>:<action>`); replaced on every load. */
  readonly policies: string;
  readonly probes: string;
}

function failureText(errors: readonly DetailedError[]): string {
  return errors.map((e) => [e.message, e.help].filter(Boolean).join(' — ')).join('; ');
}

/**
 * Validates (Cedar's strict validator, against Airlock's schema) and preparses a compiled policy; a problem names
 * the rule (and its line) Cedar refused. `validate: false` only for a set already known to validate (the bundled
 * default, checked by its own test): validation is most of a policy's load time (~0.3 s here, at every start of
 * the app and of every CLI command), parsing the sets ~15 ms.
 */
export function preparePolicy(cedar: CedarApi, compiled: CompiledPolicy, ids: PdpIds, file: string, options: { readonly validate: boolean } = { validate: true }): PolicyProblem | null {
  const problemFor = (policyId: string | null, why: string): PolicyProblem => {
    const rule = policyId === null ? undefined : compiled.rules.get(policyId.split('#')[0] ?? '');
    const where = rule ? `rule '${rule.id}'` : policyId ? `Airlock's rule '${policyId}'` : 'the policy';
    return { file, line: rule?.line ?? null, message: `Airlock could not compile ${where} for its policy engine: ${why}` };
  };
  if (options.validate) {
    const validation = cedar.validate({ schema: compiled.schema, policies: { staticPolicies: { ...compiled.policies, ...compiled.probes } }, validationSettings: { mode: 'strict' } });
    if (validation.type === 'failure') return problemFor(null, failureText(validation.errors));
    const invalid = validation.validationErrors[0];
    if (invalid) return problemFor(invalid.policyId, failureText([invalid.error]));
  }
  const sets: [string, Readonly<Record<string, string>>][] = [[ids.probes, compiled.probes], ...[...compiled.slices].map(([action, slice]): [string, Readonly<Record<string, string>>] => [`${ids.policies}:${action}`, slice.policies])];
  for (const [id, set] of sets) {
    const parsed = cedar.preparsePolicySet(id, { staticPolicies: { ...set } });
    if (parsed.type === 'failure') return problemFor(null, failureText(parsed.errors));
  }
  return null;
}

interface AuthorizeAnswer {
  readonly ok: true;
  readonly decision: 'allow' | 'deny';
  readonly reasons: readonly string[];
  readonly errored: readonly string[];
}

/** Distinct requests remembered per policy: a user's channels × resources × routes in a session fit many times over. */
const MAX_REMEMBERED_ANSWERS = 1024;

export function createPdp(cedar: CedarApi, compiled: CompiledPolicy, doc: PolicyDocument, ids: PdpIds, channels: readonly string[], source: PolicySourceInfo): Pdp {
  const makeRequest = createRequestMaker(compiled.ipSets, compiled.zones);
  const setOf = new Map(channels.map((action) => [action, `${ids.policies}:${action}`]));
  const order = [...compiled.rules.keys()];
  // Airlock's own forbids (environments, tenants, routes, anomalies) first, then the admin's rules in document order.
  const rank = (id: string): number => (compiled.rules.has(id) ? 1 + order.indexOf(id) : 0);
  const ordered = (policyIds: readonly string[]): string[] => [...policyIds].sort((a, b) => rank(a) - rank(b));

  const decision = (effect: 'allow' | 'deny', rule: string | null, reason: string, matched: readonly string[], auditRequired = false): PolicyExplanation => ({
    effect,
    rule,
    reason,
    auditRequired,
    source,
    matched,
  });

  /**
   * Cedar's answers to requests already asked of this policy. A request carries every fact a decision can
   * depend on (the facts the channel's rules need, time to the minute) and no entities, so the same request
   * against the same policy set gets the same answer: asking Cedar again is ~0.1 ms of wasm per decision
   * on the invoke path for nothing. A new policy makes a new PDP, so nothing outlives the policy it came
   * from. Bounded; emptied when full. A failure is not remembered (asked again next time).
   */
  const answers = new Map<string, AuthorizeAnswer>();

  function authorize(request: CedarRequest, setId: string): AuthorizeAnswer | { ok: false } {
    const key = `${setId}\u0000${JSON.stringify(request)}`;
    const known = answers.get(key);
    if (known) return known;
    try {
      const answer = cedar.statefulIsAuthorized({ ...request, preparsedPolicySetId: setId, entities: [] });
      if (answer.type === 'failure') return { ok: false };
      const { decision: d, diagnostics } = answer.response;
      const answered: AuthorizeAnswer = Object.freeze({ ok: true, decision: d, reasons: Object.freeze([...diagnostics.reason]), errored: Object.freeze(diagnostics.errors.map((e) => e.policyId)) });
      if (answers.size >= MAX_REMEMBERED_ANSWERS) answers.clear();
      answers.set(key, answered);
      return answered;
    } catch {
      return { ok: false };
    }
  }

  function explainDenial(request: PolicyRequest): PolicyExplanation {
    const probed = authorize(makeRequest(request, compiled.allNeeds), ids.probes);
    const held = new Set(probed.ok ? probed.reasons : []);
    for (const id of order) {
      if (!held.has(`${id}#scope`)) continue;
      const failed = (compiled.conditionsOf.get(id) ?? []).filter((name: ConditionName) => !held.has(`${id}#${name}`));
      const rule = compiled.rules.get(id);
      if (rule && failed.length > 0) return decision('deny', id, words.nearMiss(rule, failed, request), [id]);
    }
    return decision('deny', null, words.defaultDeny(request), []);
  }

  return {
    decide(request) {
      const setId = setOf.get(request.channel);
      const slice = compiled.slices.get(request.channel);
      if (setId === undefined || slice === undefined) return decision('deny', null, words.unknownAction(request), []);
      if (!(RESOURCE_TYPES as readonly string[]).includes(request.resource.type)) return decision('deny', null, words.unknownResource(request), []);
      let cedarRequest: CedarRequest;
      try {
        cedarRequest = makeRequest(request, slice.needs);
      } catch {
        return decision('deny', null, words.notEvaluated([]), []);
      }
      const answer = authorize(cedarRequest, setId);
      if (!answer.ok) return decision('deny', null, words.notEvaluated([]), []);
      // A policy that errored might have been a forbid that applies: never let an error allow.
      if (answer.errored.length > 0) return decision('deny', answer.errored[0] ?? null, words.notEvaluated(answer.errored), answer.errored);
      const matched = ordered(answer.reasons);
      if (answer.decision === 'allow') {
        const audit = matched.some((id) => compiled.rules.get(id)?.conditions.audit_logged === true);
        return decision('allow', matched[0] ?? null, words.allowed(matched[0] ?? ''), matched, audit);
      }
      const first = matched[0];
      if (first === undefined) return explainDenial(request);
      const rule = compiled.rules.get(first);
      return decision('deny', first, rule ? words.deniedByRule(rule, request) : words.deniedByAirlockRule(first, doc, request), matched);
    },
  };
}

/** A policy that could not be loaded: every action outside the baseline is denied, saying why. */
export function createBrokenPdp(problem: PolicyProblem, source: PolicySourceInfo): Pdp {
  const where = problem.line === null ? problem.file : `${problem.file}, line ${problem.line}`;
  return {
    decide: () => ({ effect: 'deny', rule: null, reason: words.broken(where, problem.message), auditRequired: false, source, matched: [] }),
  };
}
