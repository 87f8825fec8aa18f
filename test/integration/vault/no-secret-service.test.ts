// The vault where no Secret Service can be reached: no session bus at all, then a bus nobody serves secrets on.
// Own file = own process: libsecret keeps its first successful bus connection for the life of a process.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../electron/services/ports';
import { createKeytarKeychain, createVault, type Scheduler } from '../../../electron/services/vault';
import { createFakeTime } from '../../unit/electron/services/vault/vault-fixtures';
import { keytarMissing, secretServiceMissing, startPrivateBus, type PrivateBus } from './secret-service-session';

const noKeytar = await keytarMissing();
const noBus = noKeytar ?? (await secretServiceMissing());
if (noKeytar !== null) console.log(`[vault integration] SKIPPED no-Secret-Service tests: ${noKeytar}`);
else if (noBus !== null) console.log(`[vault integration] SKIPPED the bus-without-Secret-Service test: ${noBus}`);

const neverFires: Scheduler = { schedule: () => ({ cancel: () => undefined }) };

describe.skipIf(noKeytar !== null)('vault without a reachable Secret Service (real keytar)', () => {
  let dir: string;
  let bus: PrivateBus | null = null;
  const time = createFakeTime();
  const saved = { ...process.env };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'airlock-vault-it-'));
  });
  afterAll(async () => {
    await bus?.stop();
    process.env = saved;
    await rm(dir, { recursive: true, force: true });
  });

  const makeVault = () =>
    createVault({ keychain: createKeytarKeychain(), files: { dir }, clock: time.clock, logger: silentLogger, environmentId: 'Sandbox', scheduler: neverFires });

  it('no session bus (empty DBUS_SESSION_BUS_ADDRESS) → memory-only, nothing written', async () => {
    process.env['DBUS_SESSION_BUS_ADDRESS'] = '';
    delete process.env['DISPLAY'];
    const keychain = createKeytarKeychain();
    expect(await keychain.backend()).toMatchObject({ available: false, failure: 'no-session-bus' });
    const vault = makeVault();
    await vault.writeMsalCache('{"memory":1}');
    expect(await vault.readMsalCache()).toBe('{"memory":1}');
    expect(vault.status()).toMatchObject({
      mode: 'memory-only',
      reason: 'No desktop session bus is running, so the keychain (Secret Service) cannot be reached',
    });
    expect(await readdir(dir)).toEqual([]);
  });

  it.skipIf(noBus !== null)('a session bus with no Secret Service on it → memory-only, nothing written', async () => {
    bus = await startPrivateBus(); // no keyring started, and the bus auto-starts nothing
    process.env['DBUS_SESSION_BUS_ADDRESS'] = bus.address;
    const vault = makeVault();
    await vault.putEndpointToken({ endpointId: 'ep', token: 't', expiresAt: new Date(time.clock.now().getTime() + 60_000) });
    expect(vault.status()).toMatchObject({ mode: 'memory-only', state: 'memory-only' });
    expect(vault.status().reason).toMatch(/^No keychain service is running/);
    expect(await readdir(dir)).toEqual([]);
  });
});
