// Cold unlock over the REAL keychain: vault.lock(); await vault.unlock() with the keytar adapter, i.e. libsecret
// talking D-Bus to gnome-keyring, against the floor of what unlock must do: one raw keytar.getPassword of the
// same entry, then reading the same file. Same MSAL-sized cache as vault-unlock.bench.ts (in-memory keychain).
//
// The Secret Service is the integration tests' own: a private D-Bus session bus with an unlocked gnome-keyring
// in a temp HOME (test/integration/vault/secret-service-session.ts, plain Node, no vitest), so the bench never
// touches the desktop keyring. The data key sits under service 'Airlock' (fixed by the adapter) and an account
// unique to this run, and is deleted in teardown. When dbus-daemon, gnome-keyring-daemon or keytar is missing,
// or the keyring does not come up, the suite is skipped with one line (SkipSuite).
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { silentLogger, systemClock } from '../../electron/services';
import { KEYCHAIN_SERVICE, createKeytarKeychain, createVault, type KeytarApi } from '../../electron/services/vault';
import { dataKeyAccount } from '../../electron/services/vault/data-key';
import { secretServiceMissing, startPrivateBus, type PrivateBus } from '../../test/integration/vault/secret-service-session';
import { SkipSuite, type BenchSuite } from '../suite';

/** What libsecret reads to find the bus (once per process, at its first call) and keytar's HOME. */
const BUS_ENV = ['HOME', 'XDG_RUNTIME_DIR', 'DBUS_SESSION_BUS_ADDRESS'] as const;

async function loadKeytar(): Promise<KeytarApi> {
  const loaded = (await import('keytar')) as KeytarApi & { default?: KeytarApi };
  return loaded.default ?? loaded;
}

/** The private bus with gnome-keyring unlocked on it, or SkipSuite saying why it cannot be had here. */
async function startSecretService(): Promise<PrivateBus> {
  const missing = await secretServiceMissing();
  if (missing !== null) throw new SkipSuite(`no real Secret Service: ${missing}`);
  let bus: PrivateBus | null = null;
  try {
    bus = await startPrivateBus();
    await bus.startKeyring();
    return bus;
  } catch (error) {
    await bus?.stop();
    throw new SkipSuite(`no real Secret Service: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const suite: BenchSuite = {
  id: 'vault-unlock-secret-service',
  title: 'Vault cold unlock, real Secret Service (keytar → gnome-keyring)',
  goal: 'report p50 (no ratio goal)',
  iterations: 300,
  warmup: 30,
  async setup() {
    const bus = await startSecretService();
    const savedEnv = Object.fromEntries(BUS_ENV.map((name) => [name, process.env[name]]));
    const restoreEnv = (): void => {
      for (const name of BUS_ENV) {
        if (savedEnv[name] === undefined) delete process.env[name];
        else process.env[name] = savedEnv[name];
      }
    };
    // Before keytar's first call: libsecret connects to the bus named here.
    for (const name of BUS_ENV) process.env[name] = bus.env[name];
    const dir = await mkdtemp(path.join(tmpdir(), 'airlock-bench-vault-ss-'));
    const cleanUp = async (): Promise<void> => {
      restoreEnv();
      await rm(dir, { recursive: true, force: true });
      await bus.stop();
    };

    try {
      const keytar = await loadKeytar();
      const environmentId = `bench-${process.pid}-${randomBytes(4).toString('hex')}`;
      const account = dataKeyAccount(environmentId);
      const vault = createVault({ keychain: createKeytarKeychain(), files: { dir }, clock: systemClock, logger: silentLogger, environmentId });
      // Anything but lock/unlock during the run means the numbers are not what they claim to be.
      const surprises: string[] = [];
      vault.onEvent((event) => {
        if (event.kind !== 'locked' && event.kind !== 'unlocked') surprises.push(event.kind);
      });

      // The same MSAL-shaped cache as vault-unlock.bench.ts: two accounts, a few dozen access tokens.
      const tokens = Object.fromEntries(
        Array.from({ length: 40 }, (_, i) => [`at-${i}`, { credential_type: 'AccessToken', secret: 'x'.repeat(1800), cached_at: String(Math.floor(Date.now() / 1000)), expires_on: String(Math.floor(Date.now() / 1000) + 3000), target: 'https://management.azure.com/.default' }]),
      );
      await vault.writeMsalCache(JSON.stringify({ Account: {}, IdToken: {}, RefreshToken: {}, AccessToken: tokens, AppMetadata: {} }));
      await vault.flush();
      const status = vault.status();
      if (status.mode !== 'keychain') {
        await vault.dispose();
        throw new SkipSuite(`the Secret Service started but the vault fell back to memory-only: ${status.reason ?? 'no reason given'}`);
      }
      if ((await keytar.getPassword(KEYCHAIN_SERVICE, account)) === null) throw new Error(`bench: no keyring entry ${KEYCHAIN_SERVICE}/${account} after the first write`);
      const file = path.join(dir, (await readdir(dir)).find((f) => !f.endsWith('.tmp'))!);

      return {
        baseline: {
          name: 'keytar.getPassword + read the file',
          run: async () => {
            await keytar.getPassword(KEYCHAIN_SERVICE, account);
            await readFile(file);
          },
        },
        airlock: {
          name: 'lock, then unlock',
          run: async () => {
            vault.lock();
            await vault.unlock();
          },
        },
        async teardown() {
          try {
            await vault.dispose();
            await keytar.deletePassword(KEYCHAIN_SERVICE, account);
            if ((await keytar.getPassword(KEYCHAIN_SERVICE, account)) !== null) throw new Error(`bench: keyring entry ${KEYCHAIN_SERVICE}/${account} survived teardown`);
            if (vault.status().mode !== 'keychain' || surprises.length > 0) {
              throw new Error(`bench: the vault left keychain mode during the run (events: ${surprises.join(', ') || 'none'})`);
            }
          } finally {
            await cleanUp();
          }
        },
      };
    } catch (error) {
      await cleanUp();
      throw error;
    }
  },
};

export default suite;
