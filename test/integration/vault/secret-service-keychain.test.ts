// The keychain port and the vault over the REAL Secret Service (gnome-keyring on a private D-Bus session bus),
// through keytar. If this machine cannot run it, the suite skips with one printed line saying why.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../electron/services/ports';
import { createKeytarKeychain, createVault, type Keychain, type Scheduler } from '../../../electron/services/vault';
import { PLANTED, createFakeTime, findLeaks, msalCacheFixture } from '../../unit/electron/services/vault/vault-fixtures';
import { secretServiceMissing, startPrivateBus, type PrivateBus } from './secret-service-session';

const missing = await secretServiceMissing();
if (missing !== null) console.log(`[vault integration] SKIPPED real Secret Service tests: ${missing}`);

const neverFires: Scheduler = { schedule: () => ({ cancel: () => undefined }) };

describe.skipIf(missing !== null)('vault over the real Secret Service (gnome-keyring via keytar)', () => {
  let bus: PrivateBus;
  let dir: string;
  let keychain: Keychain;
  const time = createFakeTime();
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    bus = await startPrivateBus();
    await bus.startKeyring();
    // Before keytar's first use: libsecret connects to the bus named here, once per process.
    for (const name of ['HOME', 'XDG_RUNTIME_DIR', 'DBUS_SESSION_BUS_ADDRESS'] as const) process.env[name] = bus.env[name];
    dir = await mkdtemp(path.join(tmpdir(), 'airlock-vault-it-'));
    keychain = createKeytarKeychain();
  });

  afterAll(async () => {
    process.env = savedEnv;
    await bus.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const makeVault = (environmentId = 'Sandbox') =>
    createVault({ keychain, files: { dir }, clock: time.clock, logger: silentLogger, environmentId, scheduler: neverFires });

  it('reports the Secret Service as available', async () => {
    expect(await keychain.backend()).toEqual({ available: true, backend: 'Secret Service (libsecret)' });
  });

  it('sets, gets and deletes a secret (service "Airlock")', async () => {
    expect(await keychain.getSecret('it:round-trip')).toBeNull();
    await keychain.setSecret('it:round-trip', 'value-1');
    expect(await keychain.getSecret('it:round-trip')).toBe('value-1');
    await keychain.setSecret('it:round-trip', 'value-2');
    expect(await keychain.getSecret('it:round-trip')).toBe('value-2');
    await keychain.deleteSecret('it:round-trip');
    expect(await keychain.getSecret('it:round-trip')).toBeNull();
  });

  it('keeps the data key in the keyring and survives a restart (new vault, same folder)', async () => {
    const first = makeVault();
    const cache = msalCacheFixture(time.clock.now().getTime(), 1800);
    await first.writeMsalCache(cache);
    await first.putEndpointToken({ endpointId: 'ep', token: PLANTED.endpointToken, expiresAt: new Date(time.clock.now().getTime() + 60_000) });
    await first.dispose();
    const key = await keychain.getSecret('data-key:Sandbox');
    expect(key).toHaveLength(44);

    const second = makeVault();
    expect(await second.readMsalCache()).toBe(cache);
    expect((await second.getEndpointToken('ep'))?.token).toBe(PLANTED.endpointToken);
    expect(second.status()).toMatchObject({ backend: 'Secret Service (libsecret)', mode: 'keychain', state: 'unlocked' });
    const bytes = await readFile(second.status().filePath);
    expect(findLeaks({ file: bytes, status: JSON.stringify(second.status()) }, [...Object.values(PLANTED), key ?? ''])).toEqual([]);
  });

  it('sign-out removes the file and the keyring entry', async () => {
    const vault = makeVault('SignOut');
    await vault.writeMsalCache('{}');
    expect(await keychain.getSecret('data-key:SignOut')).not.toBeNull();
    await vault.signOut();
    expect(await keychain.getSecret('data-key:SignOut')).toBeNull();
    expect((await readdir(dir)).filter((n) => n.includes('SignOut'))).toEqual([]);
  });

  // Last: locking cannot be undone without a prompt, which a headless keyring cannot show.
  it('a locked keyring → memory-only with a plain-words reason; the saved file is kept for later', async () => {
    await bus.lockKeyring();
    const vault = makeVault();
    expect(await vault.readMsalCache()).toBeNull();
    expect(vault.status()).toMatchObject({ mode: 'memory-only', state: 'memory-only', reason: 'The keychain is locked' });
    expect(vault.status().lastEvent?.message).toBe(
      'The keychain is locked, so Airlock keeps your sign-in in memory only; you will sign in again next time you open Airlock.',
    );
    await vault.writeMsalCache('{"memory":1}');
    expect(await vault.readMsalCache()).toBe('{"memory":1}');
    expect(await readdir(dir)).toEqual(['vault-Sandbox.v1.bin']); // the old file, untouched; nothing new
    await expect(keychain.setSecret('it:locked', 'x')).rejects.toMatchObject({ code: 'E_KEYCHAIN_UNAVAILABLE', details: { keychain: 'locked' } });
  });
});
