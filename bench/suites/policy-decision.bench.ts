// One policy decision (decide(): baseline check, Cedar request built from the guard's context, stateful
// Cedar evaluation over the policy set parsed once per load, reason words) against Cedar's one-shot
// isAuthorized over the same compiled policies and request, which re-parses the policy set on every call.
// The policy is realistic: environments and tenants restricted, an allow rule with ip_range, time_window,
// mfa_required and audit_logged, a deny rule, a route requirement. Goal from issue 9: p50 ≤ 100 µs.
import { loadCedar } from '../../electron/services/policy/cedar/cedar-engine';
import { compilePolicy } from '../../electron/services/policy/cedar/compile-policy';
import { createRequestMaker } from '../../electron/services/policy/cedar/request-context';
import { readPolicyDocument } from '../../electron/services/policy/document/read-document';
import { createPolicyService, createTextPolicySource, type PolicyRequest } from '../../electron/services/policy';
import { CHANNELS } from '../../shared/contract/channels';
import type { BenchSuite } from '../suite';

const TENANT = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
const POLICY = `version: 1
environments: [sandbox, AzureCloud]
tenants: ["${TENANT}"]
routes: { endpoint: private }
rules:
  - id: browse
    effect: allow
    actions: ["workspace.*"]
    resources: ["workspace:*"]
    conditions:
      ip_range: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]
      time_window: { days: [mon, tue, wed, thu, fri, sat, sun], from: "00:00", to: "24:00", timezone: Europe/Berlin }
      mfa_required: true
      audit_logged: true
  - id: sign-in
    effect: allow
    actions: ["auth.*", "app.*"]
  - id: no-secret
    effect: deny
    actions: ["workspace.*"]
    resources: ["workspace:secret-*"]
`;

const REQUEST: PolicyRequest = {
  channel: 'workspace.models',
  resource: { type: 'workspace', id: '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws' },
  account: { accountId: 'acc-1', tenantId: TENANT },
  environmentId: 'sandbox',
  mfa: { satisfied: true },
  machine: { addresses: ['192.168.1.20', '10.8.0.6', 'fd00::20'] },
  route: 'vpn',
  time: new Date(),
};

const suite: BenchSuite = {
  id: 'policy-decision',
  title: 'Policy decision (workspace.models, allowed)',
  goal: 'Airlock p50 ≤ 0.1 ms (100 µs)',
  goalMet: (_baseline, airlock) => airlock.p50 <= 0.1,
  iterations: 20_000,
  warmup: 2_000,
  async setup() {
    const service = await createPolicyService({ machine: createTextPolicySource({ text: POLICY, format: 'yaml', file: 'bench-policy.yaml', kind: 'file' }), watch: false });
    const first = service.decide(REQUEST);
    if (first.effect !== 'allow') throw new Error(`the bench request must be allowed: ${first.reason} ${service.effective().problem?.text ?? ''}`);
    const cedar = await loadCedar();
    const doc = readPolicyDocument(POLICY, { file: 'bench-policy.yaml', format: 'yaml' }, CHANNELS);
    if (!doc.ok) throw new Error(doc.problem.message);
    const compiled = compilePolicy(doc.document, CHANNELS);
    const makeRequest = createRequestMaker(compiled.ipSets, compiled.zones);
    const policies = { staticPolicies: { ...compiled.policies } };
    return {
      baseline: {
        name: 'Cedar one-shot isAuthorized',
        run: async () => {
          const answer = cedar.isAuthorized({ ...makeRequest(REQUEST, compiled.allNeeds), policies, entities: [] });
          if (answer.type !== 'success' || answer.response.decision !== 'allow') throw new Error('baseline must allow');
        },
      },
      airlock: {
        name: 'policy.decide (preparsed)',
        run: async () => {
          if (service.decide(REQUEST).effect !== 'allow') throw new Error('decide must allow');
        },
      },
      teardown: async () => service.dispose(),
    };
  },
};

export default suite;
