import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { AirlockError } from '../../../../../shared/errors/airlock-error';
import type { KeychainFailure } from '../../../../../electron/services/vault';
import { PLANTED, msalCacheFixture, withTempDir } from './vault-fixtures';
import { createRig } from './vault-harness';

const MIN = 60_000;

describe('vault idle lock', () => {
  it('drops material after idleLockMs without use; unlock() reloads it from keychain + file', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      const vault = rig.make('Sandbox', { idleLockMs: 15 * MIN });
      await vault.writeMsalCache('{"cache":1}');
      rig.time.advance(14 * MIN);
      expect(await vault.readMsalCache()).toBe('{"cache":1}'); // a use resets the idle clock
      rig.time.advance(14 * MIN);
      expect(vault.status()).toMatchObject({ state: 'unlocked', locked: false });
      rig.time.advance(1 * MIN + 1);
      expect(vault.status()).toMatchObject({ state: 'locked', locked: true, lastEvent: { kind: 'locked', reason: 'idle' } });
      expect(rig.time.pendingTasks()).toBe(0);

      const refused = await vault.readMsalCache().catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(AirlockError);
      expect(refused).toMatchObject({ code: 'E_AUTH_REQUIRED', details: { vault: 'locked' } });

      rig.keychain.entries.clear(); // proves unlock really goes back to the keychain...
      expect((await vault.unlock()).state).toBe('unlocked');
      expect(await vault.readMsalCache()).toBeNull(); // ...which no longer holds the key: file discarded
      expect(vault.status().lastEvent).toMatchObject({ kind: 'cache-discarded', reason: 'key-missing' });
    });
  });

  it('unlock after an idle lock restores the saved material and reports "unlocked"', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      const vault = rig.make();
      await vault.writeMsalCache('{"cache":2}');
      vault.lock();
      expect(vault.status().lastEvent).toMatchObject({ kind: 'locked', reason: 'requested' });
      await expect(vault.getEndpointToken('x')).rejects.toMatchObject({ code: 'E_AUTH_REQUIRED' });
      expect(await vault.unlock()).toMatchObject({ state: 'unlocked', lastEvent: { kind: 'unlocked' } });
      expect(await vault.readMsalCache()).toBe('{"cache":2}');
    });
  });
});

describe('vault token lifetimes (short-lived by construction)', () => {
  it('keeps an endpoint token until its expiry, and drops it on read', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      const vault = rig.make('Sandbox', { idleLockMs: 24 * 60 * MIN });
      const now = rig.time.clock.now().getTime();
      await vault.putEndpointToken({ endpointId: 'ep', token: PLANTED.endpointToken, expiresAt: new Date(now + 10 * MIN) });
      rig.time.advance(10 * MIN - 1);
      expect(await vault.getEndpointToken('ep')).not.toBeNull();
      rig.time.advance(1);
      expect(await vault.getEndpointToken('ep')).toBeNull();
      await vault.dispose();
      expect(await rig.make().getEndpointToken('ep')).toBeNull(); // gone on disk too
    });
  });

  it('caps every endpoint token at maxTokenLifetimeMs (default 1 hour; configurable lower, never higher)', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      const vault = rig.make('Sandbox', { idleLockMs: 24 * 60 * MIN });
      const now = rig.time.clock.now().getTime();
      await vault.putEndpointToken({ endpointId: 'ep', token: 't', expiresAt: new Date(now + 24 * 60 * MIN) });
      expect((await vault.getEndpointToken('ep'))?.expiresAt).toEqual(new Date(now + 60 * MIN));
      rig.time.advance(60 * MIN);
      expect(await vault.getEndpointToken('ep')).toBeNull();

      const short = rig.make('Short', { maxTokenLifetimeMs: 5 * MIN, idleLockMs: 24 * 60 * MIN });
      await short.putEndpointToken({ endpointId: 'ep', token: 't', expiresAt: new Date(now + 24 * 60 * MIN) });
      rig.time.advance(5 * MIN);
      expect(await short.getEndpointToken('ep')).toBeNull();
      expect(() => rig.make('Long', { maxTokenLifetimeMs: 2 * 60 * MIN })).toThrow(expect.objectContaining({ code: 'E_CONFIG_INVALID' }));
    });
  });

  it('does not store an already expired token, and drops expired ones before every write', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      const vault = rig.make('Sandbox', { idleLockMs: 24 * 60 * MIN });
      const now = rig.time.clock.now().getTime();
      await vault.putEndpointToken({ endpointId: 'old', token: 't', expiresAt: new Date(now - 1) });
      await vault.putEndpointToken({ endpointId: 'soon', token: 't', expiresAt: new Date(now + MIN) });
      rig.time.advance(2 * MIN);
      await vault.writeMsalCache('{}'); // a write drops 'soon' from the file as well
      rig.time.shiftWall(-5 * MIN); // even if the clock goes back, it does not come back
      await vault.dispose();
      const next = rig.make();
      expect(await next.getEndpointToken('old')).toBeNull();
      expect(await next.getEndpointToken('soon')).toBeNull();
    });
  });

  it("ends a token stored 'in the future' when the clock moved backwards", async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      const vault = rig.make();
      const now = rig.time.clock.now().getTime();
      await vault.putEndpointToken({ endpointId: 'ep', token: 't', expiresAt: new Date(now + 30 * MIN) });
      rig.time.shiftWall(-MIN);
      expect(await vault.getEndpointToken('ep')).toBeNull();
    });
  });

  it("caps MSAL's access tokens at the maximum lifetime and drops expired ones; refresh tokens stay", async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      const vault = rig.make('Sandbox', { idleLockMs: 24 * 60 * MIN });
      const now = rig.time.clock.now().getTime();
      await vault.writeMsalCache(msalCacheFixture(now, 90 * 60));
      const capped = JSON.parse((await vault.readMsalCache()) ?? '') as { AccessToken: Record<string, { expires_on: string }> };
      expect(Object.values(capped.AccessToken)[0]?.expires_on).toBe(String(Math.floor(now / 1000) + 3600));
      rig.time.advance(60 * MIN);
      const later = (await vault.readMsalCache()) ?? '';
      expect(later).not.toContain(PLANTED.accessToken);
      expect(later).toContain(PLANTED.refreshToken);
    });
  });
});

describe('vault fails closed without a usable keychain', () => {
  for (const failure of ['locked', 'no-service', 'no-session-bus', 'refused', 'not-installed'] as KeychainFailure[]) {
    it(`keychain ${failure} → memory-only with a plain-words reason; works in memory; writes nothing`, async () => {
      await withTempDir(async (dir) => {
        const rig = createRig(dir);
        rig.keychain.simulate(failure);
        const vault = rig.make();
        await vault.writeMsalCache(msalCacheFixture(rig.time.clock.now().getTime(), 1800));
        await vault.putEndpointToken({ endpointId: 'ep', token: PLANTED.endpointToken, expiresAt: new Date(rig.time.clock.now().getTime() + MIN) });
        expect(await vault.readMsalCache()).toContain(PLANTED.refreshToken);
        expect((await vault.getEndpointToken('ep'))?.token).toBe(PLANTED.endpointToken);
        await vault.flush();
        const status = vault.status();
        expect(status).toMatchObject({ mode: 'memory-only', state: 'memory-only', locked: false, lastEvent: { kind: 'memory-only' } });
        expect(status.reason).toMatch(/^[A-Z][^{}]+$/);
        expect(status.lastEvent?.message).toContain('in memory only');
        expect(await readdir(dir)).toEqual([]); // nothing on disk, ever
        expect(rig.keychain.entries.size).toBe(0);
      });
    });
  }

  it('a locked keychain that hides an existing key never costs the saved file; unlock() retries and keeps new sign-ins', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      const first = rig.make();
      await first.writeMsalCache('{"saved":1}');
      await first.dispose();
      rig.keychain.simulate('locked'); // like libsecret: the key reads as null, writes fail
      const vault = rig.make();
      expect(await vault.readMsalCache()).toBeNull();
      expect(vault.status()).toMatchObject({ state: 'memory-only', reason: 'The keychain is locked' });
      expect(existsSync(vault.status().filePath)).toBe(true);
      await vault.putEndpointToken({ endpointId: 'ep', token: 't', expiresAt: new Date(rig.time.clock.now().getTime() + MIN) });

      rig.keychain.simulate(null);
      expect((await vault.unlock()).state).toBe('unlocked');
      expect(await vault.readMsalCache()).toBe('{"saved":1}'); // file loaded
      expect((await vault.getEndpointToken('ep'))?.token).toBe('t'); // memory-only sign-in kept and now saved
      await vault.dispose();
      expect((await rig.make().getEndpointToken('ep'))?.token).toBe('t');
    });
  });

  it('a keychain that refuses the first key: the first save goes memory-only and writes no file', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      rig.keychain.simulate('locked'); // reads null, writes fail
      const vault = rig.make();
      expect(await vault.readMsalCache()).toBeNull(); // nothing saved: no key needed to read that
      await vault.writeMsalCache('{"new":1}');
      expect(vault.status()).toMatchObject({ state: 'memory-only', reason: 'The keychain is locked' });
      expect(await readdir(dir)).toEqual([]);
      expect(rig.keychain.entries.size).toBe(0);
      expect(await vault.readMsalCache()).toBe('{"new":1}'); // kept in memory
    });
  });

  it('idle lock in memory-only mode drops the material too', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      rig.keychain.simulate('no-service');
      const vault = rig.make('Sandbox', { idleLockMs: MIN });
      await vault.writeMsalCache('{"m":1}');
      rig.time.advance(MIN);
      expect(vault.status()).toMatchObject({ state: 'locked', mode: 'memory-only' });
      await vault.unlock();
      expect(await vault.readMsalCache()).toBeNull();
    });
  });
});

describe('vault wipe', () => {
  it('signOut wipes this environment: file, keychain entry and memory; other environments stay', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      const a = rig.make('Sandbox');
      const b = rig.make('AzureCloud');
      await a.writeMsalCache('{"a":1}');
      await b.writeMsalCache('{"b":1}');
      await a.signOut();
      expect(existsSync(a.status().filePath)).toBe(false);
      expect([...rig.keychain.entries.keys()]).toEqual(['data-key:AzureCloud']);
      expect(a.status()).toMatchObject({ locked: true, lastEvent: { kind: 'wiped', scope: 'sign-out' } });
      expect(await a.readMsalCache()).toBeNull();
      expect(await rig.make('AzureCloud').readMsalCache()).toBe('{"b":1}');
    });
  });

  it('forgetDevice wipes every vault file in the folder and their keychain entries', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      for (const env of ['Sandbox', 'AzureCloud', 'weird id/with:chars']) await rig.make(env).writeMsalCache('{}');
      expect(await readdir(dir)).toHaveLength(3);
      const vault = rig.make('Sandbox');
      await vault.forgetDevice();
      expect(await readdir(dir)).toEqual([]);
      expect(rig.keychain.entries.size).toBe(0);
      expect(vault.status().lastEvent).toMatchObject({ kind: 'wiped', scope: 'forget-device' });
    });
  });

  it('a save that races a wipe never brings the file back; a save during the wipe is refused', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      const vault = rig.make();
      await vault.writeMsalCache('{"before":1}');
      const wiping = vault.signOut();
      const racing = vault.writeMsalCache('{"racing":1}').catch((e: unknown) => e);
      await Promise.resolve();
      const during = vault.writeMsalCache('{"during":1}').catch((e: unknown) => e);
      await wiping;
      await racing;
      expect(await during).toMatchObject({ code: 'E_AUTH_REQUIRED', message: 'Airlock is removing your saved sign-in from this device.' });
      await vault.flush();
      expect(await readdir(dir)).toEqual([]);
      expect(rig.keychain.entries.size).toBe(0);
    });
  });

  it('a wipe with the keychain down still removes the files and says the key stayed', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      const vault = rig.make();
      await vault.writeMsalCache('{}');
      rig.keychain.simulate('no-session-bus');
      await vault.signOut();
      expect(await readdir(dir)).toEqual([]);
      expect(vault.status().lastEvent?.message).toContain('could not be reached');
    });
  });
});

describe('vault never crashes on an unforeseen keychain failure', () => {
  it('an adapter that throws something unexpected → memory-only', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      const vault = rig.make('Sandbox', {
        keychain: { ...rig.keychain, backend: () => Promise.reject(new Error('boom')) },
      });
      await vault.writeMsalCache('{"m":1}');
      expect(vault.status()).toMatchObject({ mode: 'memory-only', reason: 'The keychain reported an error' });
      expect(await readdir(dir)).toEqual([]);
    });
  });
});
