// The session tells its listener every change of the sign-in progress (what the auth.signInProgress event
// carries), so the renderer waits for pushes instead of polling: the method, the device code once issued,
// idle again when the prompt ends — however it ends.
import { describe, expect, it } from 'vitest';
import type { AccountSummary, AuthService } from '../../../../../electron/services/auth';
import { createEnvironmentsService } from '../../../../../electron/services/environments';
import { createSessionService } from '../../../../../electron/services/session';
import type { Vault } from '../../../../../electron/services/vault';
import { AirlockError } from '../../../../../shared/errors/airlock-error';
import { capturingLogger, fixedClock } from '../../../../support/test-airlock';

const account: AccountSummary = { accountId: 'dana.tid', environmentId: 'Sandbox', username: 'dana@contoso.test', name: 'dana', tenantId: 'tid', authMethods: ['pwd'], signedInAt: null };

function setup(fail = false) {
  const auth = {
    accounts: async () => [account],
    signInInteractive: async () => {
      if (fail) throw new AirlockError('E_TIMEOUT');
      return account;
    },
    signInWithDeviceCode: async (_env: string, show: (p: { userCode: string; verificationUri: string; message: string; expiresInSeconds: number }) => void) => {
      show({ userCode: 'ABCD-EFGH', verificationUri: 'https://login.sandbox.test/device', message: 'Enter ABCD-EFGH', expiresInSeconds: 900 });
      return account;
    },
    stepUp: async () => account,
    cancelSignIn: () => false,
  } as unknown as AuthService;
  const seen: unknown[] = [];
  const session = createSessionService({
    auth,
    environments: createEnvironmentsService([]),
    vaultFor: () => ({}) as Vault,
    clock: fixedClock('2026-11-23T12:00:00.000Z'),
    logger: capturingLogger(),
    onSignInProgress: (progress) => void seen.push(progress),
  });
  return { session, seen };
}

const IDLE = { state: 'idle', environmentId: null, deviceCode: null };

describe('session: sign-in progress is pushed, not polled', () => {
  it('tells the browser wait, then idle', async () => {
    const { session, seen } = setup();
    await session.signIn({ environmentId: 'Sandbox', method: 'browser' });
    expect(seen).toEqual([{ state: 'browser', environmentId: 'Sandbox', deviceCode: null }, IDLE]);
  });

  it('tells the device code once issued', async () => {
    const { session, seen } = setup();
    await session.signIn({ environmentId: 'Sandbox', method: 'device-code' });
    expect(seen).toEqual([
      { state: 'device-code', environmentId: 'Sandbox', deviceCode: null },
      {
        state: 'device-code',
        environmentId: 'Sandbox',
        deviceCode: { userCode: 'ABCD-EFGH', verificationUri: 'https://login.sandbox.test/device', message: 'Enter ABCD-EFGH', expiresAt: '2026-11-23T12:15:00.000Z' },
      },
      IDLE,
    ]);
  });

  it('tells idle when the sign-in fails, and tells a step-up prompt too', async () => {
    const failing = setup(true);
    await expect(failing.session.signIn({ environmentId: 'Sandbox', method: 'browser' })).rejects.toMatchObject({ code: 'E_TIMEOUT' });
    expect(failing.seen.at(-1)).toEqual(IDLE);
    const { session, seen } = setup();
    await session.stepUp('6f1c2a4e-0b6f-4c53-9a59-3f1d2c4b5a6e');
    expect(seen).toEqual([{ state: 'browser', environmentId: null, deviceCode: null }, IDLE]);
  });
});
