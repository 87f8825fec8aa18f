// A refresh that was under way when the vault was wiped (Forget this device, the last sign-out) finishes after
// the wipe: its MSAL instance was dropped with the wipe, and it must not save the forgotten account's tokens
// into a fresh vault. Real msal-node and the sandbox IdP; the token request is held until the wipe is done.
import { mkdtempSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAuthService } from '../../../electron/services/auth';
import { createEnvironmentsService } from '../../../electron/services/environments';
import { createMemoryKeychain, createVault } from '../../../electron/services/vault';
import { createHoldingNetwork } from '../../support/sandbox/held-token-requests';
import { useSandboxIdp } from '../../support/sandbox/use-sandbox-idp';
import { capturingLogger } from '../../support/test-airlock';

const sandbox = useSandboxIdp();

describe('an MSAL instance dropped by a wipe', () => {
  it('does not save a refresh that finishes after Forget this device', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'airlock-evicted-'));
    const keychain = createMemoryKeychain();
    const logger = capturingLogger();
    const vault = createVault({ keychain, files: { dir }, clock: { now: () => new Date(), monotonicMs: () => performance.now() }, logger, environmentId: 'Sandbox' });
    const network = createHoldingNetwork(sandbox.ctx.ca.certPem);
    const auth = createAuthService({
      environments: createEnvironmentsService([sandbox.environment]),
      openBrowser: sandbox.browserAs('alice').openBrowser,
      logger,
      networkClientFor: () => network.client(),
      cacheStoreFor: () => ({ read: () => vault.readMsalCache(), write: (s) => vault.writeMsalCache(s) }),
    });
    vault.onEvent((event) => event.kind === 'wiped' && auth.evict('Sandbox')); // as the composition root does
    const { accountId } = await auth.signInInteractive('Sandbox');

    const refresh = network.holdNextTokenRequest();
    const refreshing = auth.accessToken(accountId, 'ml', { forceRefresh: true });
    await refresh.reached; // the refresh is at the IdP
    await vault.forgetDevice();
    refresh.release();
    await refreshing.catch(() => undefined);
    await vault.flush();

    expect(await readdir(dir)).toEqual([]);
    expect(keychain.entries.size).toBe(0);
    expect(await auth.accounts()).toEqual([]);
  });
});
