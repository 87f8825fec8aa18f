// The composition root wires the policy's effects: a machine policy's load lands in the real audit trail as a
// 'policy.loaded' record naming its source. (With an audit port a test gave the guard there is no trail to
// record in: startPolicyEffects' own tests cover a null trail.)
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Airlock } from '../../../electron/services';
import { createTextPolicySource } from '../../../electron/services/policy';
import { testAirlock } from '../../support/test-airlock';

const POLICY = `version: 1
environments: ["*"]
tenants: ["*"]
idleLockMinutes: 5
rules:
  - id: all
    effect: allow
    actions: ["*"]
`;

let airlock: Airlock | undefined;
afterEach(async () => {
  await airlock?.dispose();
  airlock = undefined;
});

describe('policy effects in the composition root', () => {
  it("records the machine policy's load in the audit trail", async () => {
    airlock = testAirlock({ guard: { policySource: createTextPolicySource({ text: POLICY, format: 'yaml', file: '/etc/airlock/policy.yaml', kind: 'file' }) } });
    const trail = await airlock.services.audit!;
    await vi.waitFor(async () => {
      const { records } = await trail.query({ action: 'policy.loaded' }, { limit: 5 });
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({ kind: 'system', resource: 'policy:file', rule: 'ok' });
    }, { timeout: 30_000, interval: 50 }); // Cedar and SQLite start cold on a busy machine
  });
});
