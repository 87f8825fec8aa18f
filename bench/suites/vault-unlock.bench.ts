// Cold unlock: what Unlock (and every start) costs — keychain read, file read, AES-256-GCM decrypt and parse
// of an MSAL-sized cache — against the floor of just reading the same file from disk. The keychain here is
// the in-memory adapter (a real Secret Service round trip adds its own D-Bus time, measured separately).
import { mkdtempSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createMemoryKeychain, silentLogger, systemClock } from '../../electron/services';
import { createVault } from '../../electron/services/vault';
import type { BenchSuite } from '../suite';

const suite: BenchSuite = {
  id: 'vault-unlock',
  title: 'Vault cold unlock (keychain read + decrypt)',
  goal: 'report p50 (no ratio goal)',
  iterations: 300,
  warmup: 30,
  async setup() {
    const dir = mkdtempSync(path.join(tmpdir(), 'airlock-bench-vault-'));
    const vault = createVault({ keychain: createMemoryKeychain(), files: { dir }, clock: systemClock, logger: silentLogger, environmentId: 'Bench' });
    // An MSAL-shaped cache of realistic size: two accounts, a few dozen access tokens.
    const tokens = Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [`at-${i}`, { credential_type: 'AccessToken', secret: 'x'.repeat(1800), cached_at: String(Math.floor(Date.now() / 1000)), expires_on: String(Math.floor(Date.now() / 1000) + 3000), target: 'https://management.azure.com/.default' }]),
    );
    await vault.writeMsalCache(JSON.stringify({ Account: {}, IdToken: {}, RefreshToken: {}, AccessToken: tokens, AppMetadata: {} }));
    await vault.flush();
    const file = path.join(dir, readdirSync(dir).find((f) => !f.endsWith('.tmp'))!);
    return {
      baseline: { name: 'read the file', run: async () => void (await readFile(file)) },
      airlock: {
        name: 'lock, then unlock',
        run: async () => {
          vault.lock();
          await vault.unlock();
        },
      },
      teardown: () => vault.dispose(),
    };
  },
};

export default suite;
