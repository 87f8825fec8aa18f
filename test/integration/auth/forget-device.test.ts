// Forget this device through the whole composition (createAirlock, the real msal-node, the sandbox IdP): a
// sign-in still waiting in the browser is given up first, so finishing it afterwards brings back no key and no
// file; and a vault the idle lock has closed does not keep WAM's accounts (the fake broker) signed in.
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAirlock, createMemoryKeychain, type Airlock } from '../../../electron/services';
import type { BrokerPluginLoader } from '../../../electron/services/auth';
import { createFakeBrokerPlugin } from '../../support/fake-broker-plugin';
import { createIdleLockTime } from '../../support/idle-lock-time';
import { useSandboxIdp } from '../../support/sandbox/use-sandbox-idp';
import { capturingLogger, through } from '../../support/test-airlock';

const sandbox = useSandboxIdp();

function build(openBrowser: (url: string) => Promise<void>, options: { brokerPlugin?: BrokerPluginLoader } = {}) {
  const keychain = createMemoryKeychain();
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'airlock-forget-'));
  const vaultFiles = () => (existsSync(path.join(userDataDir, 'vault')) ? readdirSync(path.join(userDataDir, 'vault')) : []);
  const { clock, scheduler, idleFor: idleLockNow } = createIdleLockTime();
  const airlock: Airlock = createAirlock(
    { runtime: { version: '0.1.0', build: 'development', runtime: 'node', platform: 'linux', arch: 'x64' }, extraEnvironments: [sandbox.environment] },
    {
      clock,
      logger: capturingLogger(),
      identity: { openBrowser, keychain, userDataDir, scheduler, ...(options.brokerPlugin ? { brokerPlugin: options.brokerPlugin } : {}) },
    },
  );
  return { airlock, keychain, vaultFiles, idleLockNow };
}

describe('forget this device', () => {
  it('gives up a sign-in waiting in the browser: finishing it afterwards brings back no key and no file', async () => {
    sandbox.ctx.advance(30_000); // a fresh one-time code for the scripted user
    const opened: string[] = [];
    const { airlock, keychain, vaultFiles } = build(async (url) => void opened.push(url));
    try {
      const signingIn = through(airlock).auth.signIn({ environmentId: 'Sandbox', method: 'browser' });
      signingIn.catch(() => undefined);
      // The first guarded call waits for the policy engine and the audit trail to start (a cold start on a busy machine).
      await expect.poll(() => opened.length, { timeout: 10_000 }).toBe(1);

      await through(airlock).auth.forgetDevice();
      // The user finishes in the browser afterwards.
      const finishing = await sandbox.browserAs('alice').visit(opened[0]!).then(() => 'finished', (e: NodeJS.ErrnoException) => e.code);
      const [signedIn] = await Promise.allSettled([signingIn]);
      await airlock.dispose(); // flushes whatever a save had queued

      // The audit trail's keys stay: forgetting the device must not erase the evidence of what was done on it.
      expect([...keychain.entries.keys()].filter((k) => !k.startsWith('audit-trail/'))).toEqual([]);
      expect(vaultFiles()).toEqual([]);
      expect(finishing).toBe('ECONNREFUSED'); // the sign-in's loopback listener closed with the cancel
      expect(signedIn).toMatchObject({ status: 'rejected', reason: { code: 'E_AUTH_REQUIRED', message: 'Sign-in was cancelled.' } });
    } finally {
      await airlock.dispose();
    }
  });

  it('signs WAM accounts out even while the vault is idle-locked', async () => {
    const alice = sandbox.user('alice');
    const plugin = createFakeBrokerPlugin({ interactive: [{ user: { oid: alice.oid, tenantId: sandbox.ctx.seed.tenant.id, username: alice.username } }] });
    const { airlock, keychain, vaultFiles, idleLockNow } = build(async () => Promise.reject(new Error('no browser: WAM signs in')), { brokerPlugin: async () => plugin });
    try {
      const { accountId } = await through(airlock).auth.signIn({ environmentId: 'Sandbox', method: 'browser' });
      await airlock.services.auth.accessToken(accountId, 'arm'); // the environment's cache has been read and saved
      idleLockNow();
      await expect(airlock.services.auth.accessToken(accountId, 'arm')).rejects.toMatchObject({ code: 'E_AUTH_REQUIRED' }); // locked

      await through(airlock).auth.forgetDevice();
      expect(plugin.calls.filter((c) => c.method === 'signOut')).toHaveLength(1);
      expect(plugin.accounts).toEqual([]);
      expect((await through(airlock).auth.accounts()).accounts).toEqual([]);
      // The audit trail's keys stay: forgetting the device must not erase the evidence of what was done on it.
      expect([...keychain.entries.keys()].filter((k) => !k.startsWith('audit-trail/'))).toEqual([]);
      expect(vaultFiles()).toEqual([]);
    } finally {
      await airlock.dispose();
    }
  });
});
