// The policy's route settings at the composition root: hostKeyFirstUse: false refuses route.trustHostKey (only
// pinned or remembered keys), localForwards: false refuses forward.open — each E_POLICY_DENIED in words, before
// anything is looked up or dialled.
import { afterEach, describe, expect, it } from 'vitest';
import type { Airlock } from '../../../../../../electron/services';
import { createTextPolicySource } from '../../../../../../electron/services/policy';
import { CHANNEL_EXAMPLES } from '../../../../../support/channel-examples';
import { testAirlock } from '../../../../../support/test-airlock';

const POLICY = `version: 1
hostKeyFirstUse: false
localForwards: false
rules:
  - { id: all, effect: allow, actions: ["*"] }
`;

let airlock: Airlock | null = null;
afterEach(async () => {
  await airlock?.dispose();
  airlock = null;
});

function withPolicy(text: string): Airlock {
  airlock = testAirlock({ guard: { policySource: createTextPolicySource({ text, format: 'yaml', file: '/etc/airlock/policy.yaml', kind: 'file' }) } });
  return airlock;
}

describe('route settings of the policy', () => {
  it('hostKeyFirstUse: false refuses to trust a new jump host key', async () => {
    const door = withPolicy(POLICY).inProcess('cli');
    await airlock!.services.policy;
    const result = await door.call('route.trustHostKey', CHANNEL_EXAMPLES['route.trustHostKey']);
    expect(result).toMatchObject({ ok: false, error: { code: 'E_POLICY_DENIED', message: expect.stringContaining('only pinned jump host keys') as unknown } });
  }, 30_000); // the first test of the file starts Cedar and SQLite cold: seconds on a busy machine

  it('localForwards: false refuses a local forward', async () => {
    const door = withPolicy(POLICY).inProcess('cli');
    await airlock!.services.policy;
    const result = await door.call('forward.open', CHANNEL_EXAMPLES['forward.open']);
    expect(result).toMatchObject({ ok: false, error: { code: 'E_POLICY_DENIED', message: expect.stringContaining('local port forwards') as unknown } });
  });

  it('the built-in default policy does not refuse it (here nobody is signed in: E_AUTH_REQUIRED)', async () => {
    airlock = testAirlock();
    await airlock.services.policy;
    const result = await airlock.inProcess('cli').call('route.trustHostKey', CHANNEL_EXAMPLES['route.trustHostKey']);
    expect(result).toMatchObject({ ok: false, error: { code: 'E_AUTH_REQUIRED' } });
  });
});
