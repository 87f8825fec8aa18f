// A refresh that was under way when the vault was wiped (Forget this device, the last sign-out) finishes after
// the wipe: its MSAL instance was dropped with the wipe, and it must not save the forgotten account's tokens
// into a fresh vault. Real msal-node and the sandbox IdP; the token request is held until the wipe is done.
import { mkdtempSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { INetworkModule } from '@azure/msal-node';
import { createAuthService } from '../../../electron/services/auth';
import { createEnvironmentsService, type Environment } from '../../../electron/services/environments';
import { createMemoryKeychain, createVault } from '../../../electron/services/vault';
import { startIdentityProvider, type IdentityProvider } from '../../../sandbox/idp';
import { createCaNetworkClient } from '../../support/sandbox/msal-harness';
import { createScriptedBrowser } from '../../support/sandbox/scripted-browser';
import { environmentForIdp } from '../../support/sandbox/sandbox-environment';
import { createTestContext, type TestContext } from '../../support/sandbox/test-context';
import { capturingLogger } from '../../support/test-airlock';

let ctx: TestContext;
let idp: IdentityProvider;
let environment: Environment;

beforeAll(async () => {
  ctx = await createTestContext();
  idp = await startIdentityProvider(ctx);
  environment = environmentForIdp(idp, ctx.seed, ctx.ca.certPath);
});
afterAll(async () => {
  await idp?.stop();
});

describe('an MSAL instance dropped by a wipe', () => {
  it('does not save a refresh that finishes after Forget this device', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'airlock-evicted-'));
    const keychain = createMemoryKeychain();
    const logger = capturingLogger();
    const vault = createVault({ keychain, files: { dir }, clock: { now: () => new Date(), monotonicMs: () => performance.now() }, logger, environmentId: 'Sandbox' });
    const deferred = () => {
      let resolve: () => void = () => undefined;
      const promise = new Promise<void>((r) => (resolve = r));
      return { promise, resolve };
    };
    let held: { reached: ReturnType<typeof deferred>; released: ReturnType<typeof deferred> } | null = null;
    const network = (): INetworkModule => {
      const real = createCaNetworkClient(ctx.ca.certPem);
      return {
        sendGetRequestAsync: (url, options) => real.sendGetRequestAsync(url, options),
        async sendPostRequestAsync(url, options) {
          const hold = held;
          if (hold && url.includes('/token')) {
            hold.reached.resolve();
            await hold.released.promise;
          }
          return real.sendPostRequestAsync(url, options);
        },
      };
    };
    const alice = ctx.seed.users.find((u) => u.username === 'alice@contoso.test')!;
    const auth = createAuthService({
      environments: createEnvironmentsService([environment]),
      openBrowser: createScriptedBrowser({ caPem: ctx.ca.certPem, user: alice, now: ctx.now }).openBrowser,
      logger,
      networkClientFor: network,
      cacheStoreFor: () => ({ read: () => vault.readMsalCache(), write: (s) => vault.writeMsalCache(s) }),
    });
    vault.onEvent((event) => event.kind === 'wiped' && auth.evict('Sandbox')); // as the composition root does
    const { accountId } = await auth.signInInteractive('Sandbox');

    const hold = { reached: deferred(), released: deferred() };
    held = hold;
    const refreshing = auth.accessToken(accountId, 'ml', { forceRefresh: true });
    await hold.reached.promise; // the refresh is at the IdP
    held = null;
    await vault.forgetDevice();
    hold.released.resolve();
    await refreshing.catch(() => undefined);
    await vault.flush();

    expect(await readdir(dir)).toEqual([]);
    expect(keychain.entries.size).toBe(0);
    expect(await auth.accounts()).toEqual([]);
  });
});
