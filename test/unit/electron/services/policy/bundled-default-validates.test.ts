// The bundled default policy is loaded without Cedar's strict validation (most of a policy's load time): that
// is sound only because this test runs the validator on exactly what the service would have validated — the
// default compiled for the contract's channels — and fails when it would not pass. Every other policy (a
// machine policy, even with the same text; the default compiled for other channels) is still validated.
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../../../shared/contract/channels';
import { createPolicyService, createTextPolicySource, type PolicyService } from '../../../../../electron/services/policy';
import { loadCedar, type CedarApi } from '../../../../../electron/services/policy/cedar/cedar-engine';
import { compilePolicy } from '../../../../../electron/services/policy/cedar/compile-policy';
import { validateDocument } from '../../../../../electron/services/policy/document/validate-document';
import { BUNDLED_DEFAULT_POLICY, createBundledDefaultSource } from '../../../../../electron/services/policy/sources/bundled-default';

const clock = { now: () => new Date('2026-12-04T10:00:00Z'), monotonicMs: () => 0 };

/** Cedar with its validate calls counted. */
async function countingCedar(): Promise<{ cedar: CedarApi; validations: () => number }> {
  const real = await loadCedar();
  let validations = 0;
  return { cedar: { ...real, validate: (...args: Parameters<CedarApi['validate']>) => (validations++, real.validate(...args)) }, validations: () => validations };
}

async function service(options: Partial<Parameters<typeof createPolicyService>[0]>, cedar: CedarApi): Promise<PolicyService> {
  return createPolicyService({ machine: null, clock, watch: false, loadCedar: async () => cedar, ...options });
}

describe('the bundled default policy', () => {
  it("passes Cedar's strict validation, compiled for the contract's channels (policies and probes)", async () => {
    const read = await createBundledDefaultSource().read();
    if (read.state !== 'present') throw new Error('the bundled default did not read');
    const doc = validateDocument(read.value, read.locate, CHANNELS);
    if (!doc.ok) throw new Error(doc.problem.message);
    const compiled = compilePolicy(doc.document, CHANNELS);
    const cedar = await loadCedar();
    const answer = cedar.validate({ schema: compiled.schema, policies: { staticPolicies: { ...compiled.policies, ...compiled.probes } }, validationSettings: { mode: 'strict' } });
    expect(answer.type).toBe('success');
    expect(answer.type === 'success' ? answer.validationErrors : ['failure']).toEqual([]);
  });

  it('is loaded without validating it again, and decides as before', async () => {
    const { cedar, validations } = await countingCedar();
    const s = await service({}, cedar);
    expect(s.effective()).toMatchObject({ status: 'ok', source: { kind: 'default' } });
    expect(validations()).toBe(0);
    expect(s.decide({ channel: 'workspace.list', resource: { type: 'app', id: 'airlock' }, account: null, environmentId: 'Sandbox', mfa: { satisfied: false }, machine: { addresses: [] }, route: 'none', time: clock.now() })).toMatchObject({ effect: 'allow' });
    s.dispose();
  });

  it('a machine policy with the same text is validated, and so is the default compiled for other channels', async () => {
    const { cedar, validations } = await countingCedar();
    const machine = createTextPolicySource({ text: BUNDLED_DEFAULT_POLICY, format: 'yaml', file: '/etc/airlock/policy.yaml', kind: 'file' });
    const a = await service({ machine }, cedar);
    expect(a.effective()).toMatchObject({ status: 'ok', source: { kind: 'file' } });
    expect(validations()).toBe(1);
    a.dispose();
    const b = await service({ channels: CHANNELS.filter((channel) => channel !== 'endpoint.score') }, cedar);
    expect(b.effective()).toMatchObject({ status: 'ok', source: { kind: 'default' } });
    expect(validations()).toBe(2);
    b.dispose();
  });
});
