// The session knows the active account in memory (who the guard's request context names), kept up to date by
// sign-in, the account list, switching, step-up and sign-out — without reading the vault to answer.
import { describe, expect, it } from 'vitest';
import type { AccountSummary, AuthService } from '../../../../../electron/services/auth';
import { createEnvironmentsService } from '../../../../../electron/services/environments';
import { createSessionService } from '../../../../../electron/services/session';
import type { Vault } from '../../../../../electron/services/vault';
import { capturingLogger, fixedClock } from '../../../../support/test-airlock';

const summary = (name: string, authMethods = ['pwd']): AccountSummary => ({
  accountId: `${name}.tid`,
  environmentId: 'Sandbox',
  username: `${name}@contoso.test`,
  name,
  tenantId: 'tid',
  authMethods,
  signedInAt: null,
});

function setup() {
  let listed: AccountSummary[] = [];
  let reads = 0;
  const auth = {
    accounts: async () => {
      reads += 1;
      return listed;
    },
    signInInteractive: async () => {
      const account = summary('dana');
      listed = [...listed, account];
      return account;
    },
    stepUp: async () => summary('dana', ['pwd', 'mfa']),
    signOut: async (id: string) => void (listed = listed.filter((a) => a.accountId !== id)),
    signOutAll: async () => void (listed = []),
    cancelSignIn: () => false,
  } as unknown as AuthService;
  const vault = { signOut: async () => undefined, forgetDevice: async () => undefined } as unknown as Vault;
  const session = createSessionService({ auth, environments: createEnvironmentsService([]), vaultFor: () => vault, clock: fixedClock(), logger: capturingLogger() });
  return { session, setListed: (a: AccountSummary[]) => void (listed = a), reads: () => reads };
}

describe('session: the active account, in memory', () => {
  it('is nobody until a sign-in or the account list names one', async () => {
    const { session, setListed } = setup();
    expect(session.activeAccount()).toBeNull();
    setListed([summary('erin')]);
    await session.accounts();
    expect(session.activeAccount()).toMatchObject({ accountId: 'erin.tid', username: 'erin@contoso.test' });
  });

  it('follows sign-in, step-up (new MFA facts) and switching, answering without reading the accounts', async () => {
    const { session, setListed, reads } = setup();
    await session.signIn({ environmentId: 'Sandbox', method: 'browser' });
    const before = reads();
    expect(session.activeAccount()).toMatchObject({ accountId: 'dana.tid', authMethods: ['pwd'] });
    await session.stepUp('6f1c2a4e-0b6f-4c53-9a59-3f1d2c4b5a6e');
    expect(session.activeAccount()).toMatchObject({ accountId: 'dana.tid', authMethods: ['pwd', 'mfa'] });
    expect(reads()).toBe(before);
    setListed([summary('dana', ['pwd', 'mfa']), summary('erin')]);
    await session.switchAccount('erin.tid');
    expect(session.activeAccount()).toMatchObject({ accountId: 'erin.tid' });
  });

  it('is nobody again after signing the last account out, or forgetting the device', async () => {
    const { session } = setup();
    await session.signIn({ environmentId: 'Sandbox', method: 'browser' });
    await session.signOut('dana.tid');
    expect(session.activeAccount()).toBeNull();
    await session.signIn({ environmentId: 'Sandbox', method: 'browser' });
    await session.forgetDevice();
    expect(session.activeAccount()).toBeNull();
  });
});
