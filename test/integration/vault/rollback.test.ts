// Rollback through the whole composition, with the real msal-node and the sandbox IdP: alice and bob sign in,
// someone keeps a copy of the vault file, bob signs out, the copy is put back — and after a restart Airlock
// refuses it (bob's refresh token does not come back), says why in the log, and starts clean.
import { mkdtempSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAirlock, createMemoryKeychain, type Airlock } from '../../../electron/services';
import { useSandboxIdp } from '../../support/sandbox/use-sandbox-idp';
import { capturingLogger, through } from '../../support/test-airlock';

const sandbox = useSandboxIdp();
const keychain = createMemoryKeychain();
const userDataDir = mkdtempSync(path.join(tmpdir(), 'airlock-rollback-'));
const vaultDir = path.join(userDataDir, 'vault');

function build(openBrowser: (url: string) => Promise<void>, logger = capturingLogger()): Airlock {
  return createAirlock(
    { runtime: { version: '0.1.0', build: 'development', runtime: 'node', platform: 'linux', arch: 'x64' }, extraEnvironments: [sandbox.environment] },
    { clock: { now: () => new Date(), monotonicMs: () => performance.now() }, logger, identity: { openBrowser, keychain, userDataDir } },
  );
}

describe('a restored older vault file', () => {
  it('is refused after a sign-out, so the signed-out account does not come back', async () => {
    let browser = sandbox.browserAs('alice').openBrowser;
    const first = build((url) => browser(url));
    await through(first).auth.signIn({ environmentId: 'Sandbox', method: 'browser' });
    browser = sandbox.browserAs('bob').openBrowser;
    const bob = await through(first).auth.signIn({ environmentId: 'Sandbox', method: 'browser' });
    await first.dispose();
    const [fileName] = readdirSync(vaultDir);
    const copy = await readFile(path.join(vaultDir, fileName!));

    const second = build(async () => Promise.reject(new Error('no browser')));
    const left = await through(second).auth.signOut({ accountId: bob.accountId });
    expect(left.accounts.map((a) => a.username)).toEqual(['alice@contoso.test']);
    await second.dispose();
    await writeFile(path.join(vaultDir, fileName!), copy);

    const logger = capturingLogger();
    const third = build(async () => Promise.reject(new Error('no browser')), logger);
    expect((await through(third).auth.accounts()).accounts).toEqual([]);
    expect(logger.entries).toContainEqual(expect.objectContaining({ event: 'vault.cache-discarded', fields: expect.objectContaining({ reason: 'rolled-back' }) as unknown }));
    expect(readdirSync(vaultDir).filter((f) => f === fileName)).toEqual([]);
    await third.dispose();
  });
});
