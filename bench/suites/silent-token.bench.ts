// Silent token acquisition: Airlock's auth service (MSAL + the vault's encrypted cache plugin) against raw
// msal-node with its default in-memory cache, both against the sandbox IdP in the same process, both
// answering from cache (the sandbox issues 1-hour tokens). Goal from the sign-in issue: Airlock p50 ≤ 1.2×.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PublicClientApplication, type AccountInfo } from '@azure/msal-node';
import { createAirlock, createMemoryKeychain, silentLogger, systemClock } from '../../electron/services';
import { openCertificateAuthority } from '../../sandbox/pki/certificate-authority';
import { startIdentityProvider } from '../../sandbox/idp';
import { loadSeed } from '../../sandbox/seed/load-seed';
import { createCaNetworkClient } from '../../test/support/sandbox/msal-harness';
import { createScriptedBrowser } from '../../test/support/sandbox/scripted-browser';
import { environmentForIdp } from '../../test/support/sandbox/sandbox-environment';
import { through } from '../../test/support/test-airlock';
import type { BenchSuite } from '../suite';

const suite: BenchSuite = {
  id: 'silent-token',
  title: 'Silent token (ARM) from cache',
  goal: 'Airlock p50 ≤ 1.2× raw msal-node (in-memory cache)',
  goalMet: (baseline, airlock) => airlock.p50 <= 1.2 * baseline.p50,
  iterations: 1500,
  warmup: 150,
  async setup() {
    const stateDir = mkdtempSync(path.join(tmpdir(), 'airlock-bench-idp-'));
    const seed = await loadSeed();
    const ca = await openCertificateAuthority(stateDir);
    const idp = await startIdentityProvider({ stateDir, seed, ca, host: '127.0.0.1', now: () => new Date(), log: () => undefined });
    const user = (name: string) => seed.users.find((u) => u.username.startsWith(`${name}@`))!;
    const scope = 'https://management.azure.com/.default';

    const alice = createScriptedBrowser({ caPem: ca.certPem, user: user('alice'), now: () => new Date() });
    const airlock = createAirlock(
      {
        runtime: { version: '0.1.0', build: 'production', runtime: 'node', platform: process.platform, arch: process.arch },
        extraEnvironments: [environmentForIdp(idp, seed, ca.certPath)],
      },
      {
        clock: systemClock,
        logger: silentLogger,
        identity: {
          openBrowser: (url) => alice.openBrowser(url),
          keychain: createMemoryKeychain(),
          userDataDir: mkdtempSync(path.join(tmpdir(), 'airlock-bench-userdata-')),
        },
      },
    );
    const { accountId } = await through(airlock).auth.signIn({ environmentId: 'Sandbox', method: 'browser' });

    const raw = new PublicClientApplication({
      auth: { clientId: seed.client.id, authority: idp.authority, knownAuthorities: [idp.knownAuthority], clientCapabilities: ['cp1'] },
      system: { networkClient: createCaNetworkClient(ca.certPem) },
    });
    const bob = createScriptedBrowser({ caPem: ca.certPem, user: user('bob'), now: () => new Date() });
    const account: AccountInfo = (await raw.acquireTokenInteractive({ scopes: [scope], openBrowser: (url) => bob.openBrowser(url) })).account!;

    return {
      baseline: { name: 'raw msal-node, in-memory cache', run: async () => void (await raw.acquireTokenSilent({ account, scopes: [scope] })) },
      airlock: { name: 'Airlock auth + vault', run: async () => void (await airlock.services.auth.accessToken(accountId, 'arm')) },
      teardown: async () => {
        await airlock.dispose();
        await idp.stop();
      },
    };
  },
};

export default suite;
