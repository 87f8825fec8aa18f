import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { PLANTED, findLeaks, msalCacheFixture, withTempDir } from './vault-fixtures';
import { createRig } from './vault-harness';

describe('vault storage', () => {
  it('round-trips the MSAL cache and endpoint tokens through a new vault instance (a restart)', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      const first = rig.make();
      const cache = msalCacheFixture(rig.time.clock.now().getTime(), 1800);
      await first.writeMsalCache(cache);
      const expiresAt = new Date(rig.time.clock.now().getTime() + 30 * 60_000);
      await first.putEndpointToken({ endpointId: 'ep-1', token: PLANTED.endpointToken, expiresAt });
      await first.dispose();

      const second = rig.make();
      expect(await second.readMsalCache()).toBe(cache);
      expect(await second.getEndpointToken('ep-1')).toEqual({ endpointId: 'ep-1', token: PLANTED.endpointToken, expiresAt });
      expect(await second.getEndpointToken('ep-unknown')).toBeNull();
      expect(second.status()).toMatchObject({ mode: 'keychain', state: 'unlocked', locked: false, reason: null, lastEvent: null });
    });
  });

  it('creates one 32-byte data key per environment in the keychain on its first save, none on a read', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      const sandbox = rig.make('Sandbox');
      const azure = rig.make('AzureCloud');
      expect(await sandbox.readMsalCache()).toBeNull();
      expect(await azure.readMsalCache()).toBeNull();
      expect(rig.keychain.entries.size).toBe(0); // reading (listing accounts, say) makes no key
      await sandbox.writeMsalCache('{"a":1}');
      await azure.writeMsalCache('{"b":1}');
      expect([...rig.keychain.entries.keys()].sort()).toEqual(['data-key:AzureCloud', 'data-key:Sandbox']);
      for (const value of rig.keychain.entries.values()) expect(Buffer.from(value, 'base64')).toHaveLength(32);
      const [a, b] = [...rig.keychain.entries.values()];
      expect(a).not.toBe(b);
    });
  });

  it('writes one file per environment, mode 0600, whose bytes hold no planted token', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      const vault = rig.make();
      await vault.writeMsalCache(msalCacheFixture(rig.time.clock.now().getTime()));
      await vault.putEndpointToken({ endpointId: 'ep-1', token: PLANTED.endpointToken, expiresAt: new Date(rig.time.clock.now().getTime() + 60_000) });
      const files = await readdir(dir);
      expect(files).toEqual(['vault-Sandbox.v1.bin']);
      const file = vault.status().filePath;
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      const bytes = await readFile(file);
      expect(findLeaks({ file: bytes }, [...Object.values(PLANTED), ...rig.keychain.entries.values()])).toEqual([]);
      expect(bytes.toString('latin1')).not.toContain('ada@contoso.example');
    });
  });

  it('writes atomically: concurrent readers only ever see a whole file, and no temp file is left behind', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      const writer = rig.make();
      await writer.writeMsalCache('{"v":0}');
      const file = writer.status().filePath;
      const writes = Array.from({ length: 25 }, (_, i) => writer.writeMsalCache(JSON.stringify({ v: i, pad: 'x'.repeat(20_000) })));
      const sizes = new Set<number>();
      const reads = Array.from({ length: 25 }, async () => sizes.add((await readFile(file)).length));
      await Promise.all([...writes, ...reads]);
      await writer.flush();
      // Every size seen is a complete envelope (the first small one, or a padded one of the same length).
      expect([...sizes].every((size) => size < 200 || size > 20_000)).toBe(true);
      expect(await readdir(dir)).toEqual(['vault-Sandbox.v1.bin']);
      await writer.dispose();
      expect(JSON.parse((await rig.make().readMsalCache()) ?? '{}')).toMatchObject({ v: 24 });
    });
  });

  it('reports a failed save, keeps the material in memory, and leaves no temp file', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      const vault = rig.make();
      await vault.readMsalCache();
      const { mkdir } = await import('node:fs/promises');
      await mkdir(vault.status().filePath); // a folder where the file should go: rename must fail
      await vault.writeMsalCache('{"kept":true}');
      expect(vault.status().lastEvent).toMatchObject({ kind: 'save-failed' });
      expect(await vault.readMsalCache()).toBe('{"kept":true}');
      expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    });
  });

  it('discards a file it holds no key for (key-missing), once a new key is safely stored', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      const vault = rig.make();
      await vault.writeMsalCache('{}');
      await writeFile(`${dir}/vault-Other.v1.bin`, 'not an envelope');
      const other = rig.make('Other');
      expect(await other.readMsalCache()).toBeNull();
      expect(other.status().lastEvent).toMatchObject({ kind: 'cache-discarded', reason: 'key-missing' });
    });
  });
});
