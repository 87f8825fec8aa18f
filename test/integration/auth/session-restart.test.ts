// The whole composition (createAirlock) against the sandbox IdP: sign in, then rebuild every service from
// what is on disk and in the keychain — a restart — and get tokens silently from the encrypted cache. Then
// the idle lock drops decrypted material until Unlock, and Forget this device wipes the lot.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAirlock, createMemoryKeychain, type Airlock } from '../../../electron/services';
import { createIdleLockTime } from '../../support/idle-lock-time';
import { useSandboxIdp } from '../../support/sandbox/use-sandbox-idp';
import { capturingLogger, through } from '../../support/test-airlock';

const sandbox = useSandboxIdp();
const keychain = createMemoryKeychain();
const userDataDir = mkdtempSync(path.join(tmpdir(), 'airlock-restart-'));
// Wall time stays real (the IdP and MSAL use it); the monotonic clock the idle lock measures is moved on here.
const { clock, scheduler, idleFor: idleLockNow } = createIdleLockTime();

function build(openBrowser: (url: string) => Promise<void>): Airlock {
  return createAirlock(
    { runtime: { version: '0.1.0', build: 'development', runtime: 'node', platform: 'linux', arch: 'x64' }, extraEnvironments: [sandbox.environment] },
    { clock, logger: capturingLogger(), identity: { openBrowser, keychain, userDataDir, scheduler } },
  );
}

describe('session across a restart, the idle lock and forget-device', () => {
  let accountId: string;

  it('signs in, then a rebuilt Airlock finds the account and gets tokens silently from the encrypted cache', async () => {
    const first = build(sandbox.browserAs('alice').openBrowser);
    accountId = (await through(first).auth.signIn({ environmentId: 'Sandbox', method: 'browser' })).accountId;
    await first.services.auth.accessToken(accountId, 'arm');
    await first.dispose();
    expect(readdirSync(path.join(userDataDir, 'vault')).length).toBeGreaterThan(0);

    const second = build(async () => Promise.reject(new Error('no browser after a restart')));
    const { accounts } = await through(second).auth.accounts();
    expect(accounts.map((a) => a.accountId)).toEqual([accountId]);
    const token = await second.services.auth.accessToken(accountId, 'ml');
    expect(await sandbox.idp.verifier.verify(token.token, 'https://ml.azure.com')).toMatchObject({ ok: true });
    const session = await through(second).auth.session();
    expect(session).toMatchObject({ account: { accountId }, vault: { mode: 'keychain', locked: false } });
    expect(session.tokens.every((t) => t.expiresAt !== null)).toBe(true);

    // Using tokens counts as activity: ten idle minutes after a silent call do not lock.
    idleLockNow(5 * 60_000);
    await second.services.auth.accessToken(accountId, 'arm');
    await new Promise((resolve) => setImmediate(resolve)); // the non-blocking touch lands
    idleLockNow(10 * 60_000);
    expect((await through(second).auth.session()).vault).toMatchObject({ locked: false });

    idleLockNow();
    await expect(second.services.auth.accessToken(accountId, 'arm')).rejects.toMatchObject({ code: 'E_AUTH_REQUIRED' });
    const unlocked = await through(second).auth.unlock();
    expect(unlocked).toMatchObject({ account: { accountId }, vault: { locked: false } });
    expect((await second.services.auth.accessToken(accountId, 'arm')).token).toBeTruthy();

    await through(second).auth.forgetDevice();
    expect(readdirSync(path.join(userDataDir, 'vault'))).toEqual([]);
    // The audit trail's keys stay: forgetting the device must not erase the evidence of what was done on it.
    expect([...keychain.entries.keys()].filter((k) => !k.startsWith('audit-trail/'))).toEqual([]);
    expect((await through(second).auth.accounts()).accounts).toEqual([]);
    await second.dispose();

    const third = build(async () => Promise.reject(new Error('no browser')));
    expect((await through(third).auth.accounts()).accounts).toEqual([]);
    await third.dispose();
  });
});
