// The request context's anomaly hints: asked of the detector for the context's own account (null when nobody
// is signed in), copied and frozen; a detector that throws is "no hints", never a failed call; without a
// detector the field is absent.
import { describe, expect, it } from 'vitest';
import { createContextBuilder, type ActiveIdentity, type GuardedCall } from '../../../../../electron/services/guard';
import { fixedClock } from '../../../../support/test-airlock';

const ANA: ActiveIdentity = { account: { accountId: 'oid.tid', username: 'ana@contoso.test', tenantId: 'tid', environmentId: 'Sandbox' }, amr: ['pwd'], acrs: [], mfaAuthContextId: null };
const CALL: GuardedCall = { channel: 'workspace.list', resource: { type: 'workspace', id: '*' }, host: 'test' };

function build(identity: ActiveIdentity | null, anomalies?: (accountId: string | null) => readonly string[] | Promise<readonly string[]>) {
  return createContextBuilder({
    identity: async () => identity,
    defaultEnvironmentId: () => 'AzureCloud',
    addresses: { current: () => ['10.1.2.3'] },
    clock: fixedClock(),
    ...(anomalies ? { anomalies } : {}),
  })(CALL);
}

describe('request context anomalies', () => {
  it("carries the hints active for the context's account, or for nobody-signed-in", async () => {
    const asked: (string | null)[] = [];
    const detector = (accountId: string | null) => (asked.push(accountId), accountId === null ? ['repeated-failures'] : ['new-network']);
    const signedIn = await build(ANA, detector);
    expect(signedIn.anomalies).toEqual(['new-network']);
    expect(Object.isFrozen(signedIn.anomalies)).toBe(true);
    expect((await build(null, detector)).anomalies).toEqual(['repeated-failures']);
    expect(asked).toEqual(['oid.tid', null]);
  });

  it('waits for a detector that answers later (its history still loading while the policy blocks a kind)', async () => {
    expect((await build(ANA, async () => ['unusual-hours'])).anomalies).toEqual(['unusual-hours']);
    expect((await build(ANA, () => Promise.reject(new Error('broken')))).anomalies).toEqual([]);
  });

  it('a detector that throws gives no hints; no detector, no field', async () => {
    const ctx = await build(ANA, () => {
      throw new Error('broken');
    });
    expect(ctx.anomalies).toEqual([]);
    expect('anomalies' in (await build(ANA))).toBe(false);
  });
});
