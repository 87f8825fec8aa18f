import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { PLANTED, msalCacheFixture, withTempDir } from './vault-fixtures';
import { createRig, type VaultRig } from './vault-harness';

/** Saves a cache in 'Sandbox', lets `damage` change the file or keychain, then opens a fresh vault. */
async function afterDamage(damage: (bytes: Buffer, rig: VaultRig) => Promise<Buffer | null>): Promise<string> {
  return withTempDir(async (dir) => {
    const rig = createRig(dir);
    const first = rig.make();
    await first.writeMsalCache(msalCacheFixture(rig.time.clock.now().getTime(), 1800));
    await first.dispose();
    const file = first.status().filePath;
    const damaged = await damage(await readFile(file), rig);
    if (damaged !== null) await writeFile(file, damaged);
    const vault = rig.make();
    const events: string[] = [];
    vault.onEvent((e) => events.push(e.kind === 'cache-discarded' ? `${e.kind}:${e.reason}` : e.kind));
    expect(await vault.readMsalCache()).toBeNull(); // never a crash, never the damaged data
    expect(events).toHaveLength(1);
    expect(existsSync(file)).toBe(false);
    // The user signs in again: the vault works normally afterwards.
    await vault.writeMsalCache('{"again":true}');
    await vault.dispose();
    expect(await rig.make().readMsalCache()).toBe('{"again":true}');
    return events[0] ?? '';
  });
}

function flip(bytes: Buffer, index: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[index] = (copy[index] ?? 0) ^ 0x01;
  return copy;
}

/** Replaces the nonce's first base64 character with another valid one: same length, different nonce. */
function otherNonce(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  const at = copy.indexOf('"nonce":"') + '"nonce":"'.length;
  copy[at] = copy[at] === 0x41 ? 0x42 : 0x41;
  return copy;
}

const headerEnd = (bytes: Buffer): number => 6 + bytes.readUInt16BE(4);

describe('vault: a damaged, tampered or swapped cache file is discarded and reported', () => {
  const cases: [string, (b: Buffer) => Buffer, string][] = [
    ['a bit flipped in the magic', (b) => flip(b, 0), 'unreadable'],
    ['another valid nonce in the header', otherNonce, 'tampered'],
    ['a bit flipped in the header version', (b) => flip(b, b.indexOf('"v":1') + 4), 'unsupported-version'],
    ['a header that is no longer JSON', (b) => flip(b, 6), 'unreadable'],
    ['a bit flipped in the ciphertext', (b) => flip(b, headerEnd(b) + 3), 'tampered'],
    ['a bit flipped in the tag', (b) => flip(b, b.length - 1), 'tampered'],
    ['the file truncated by one byte', (b) => b.subarray(0, b.length - 1), 'tampered'],
    ['the file truncated inside the header', (b) => b.subarray(0, 10), 'unreadable'],
    ['an empty file', () => Buffer.alloc(0), 'unreadable'],
    ['a byte appended', (b) => Buffer.concat([b, Buffer.from([0])]), 'tampered'],
  ];
  for (const [name, damage, reason] of cases) {
    it(`${name} → ${reason}`, async () => {
      expect(await afterDamage(async (b) => damage(b))).toBe(`cache-discarded:${reason}`);
    });
  }

  it('reports the reason in plain words, with the status and log naming it', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      const first = rig.make();
      await first.writeMsalCache('{}');
      const file = first.status().filePath;
      const bytes = await readFile(file);
      await writeFile(file, flip(bytes, bytes.length - 1));
      const vault = rig.make();
      await vault.readMsalCache();
      expect(vault.status().lastEvent).toMatchObject({
        kind: 'cache-discarded',
        reason: 'tampered',
        message: 'The saved sign-in file was changed outside Airlock or is damaged, so Airlock deleted it. Sign in again to continue.',
      });
      expect(rig.logger.lines.at(-1)).toContain('"event":"vault.cache-discarded"');
    });
  });

  it('an edited header field (version, algorithm, environment, key id) is caught', async () => {
    for (const [field, value, reason] of [
      ['"v":1', '"v":2', 'unsupported-version'],
      ['"alg":"A256GCM"', '"alg":"A128GCM"', 'unsupported-version'],
      ['"env":"Sandbox"', '"env":"Sandboy"', 'other-environment'],
    ] as const) {
      await withTempDir(async (dir) => {
        const rig = createRig(dir);
        const first = rig.make();
        await first.writeMsalCache('{}');
        const file = first.status().filePath;
        const text = (await readFile(file)).toString('latin1');
        expect(text).toContain(field);
        await writeFile(file, Buffer.from(text.replace(field, value), 'latin1'));
        const vault = rig.make();
        expect(await vault.readMsalCache()).toBeNull();
        expect(vault.status().lastEvent).toMatchObject({ kind: 'cache-discarded', reason });
      });
    }
  });

  it("a header edited to claim the right environment still fails authentication", async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      await rig.make('Sandbox').writeMsalCache('{}');
      const other = rig.make('Sandboy');
      await other.writeMsalCache('{"other":1}');
      // Same length ids, so the header length stays valid: only the AAD can tell.
      const text = (await readFile(other.status().filePath)).toString('latin1').replace('"env":"Sandboy"', '"env":"Sandbox"');
      rig.keychain.entries.set('data-key:Sandbox', rig.keychain.entries.get('data-key:Sandboy') ?? '');
      await writeFile(rig.make('Sandbox').status().filePath, Buffer.from(text, 'latin1'));
      const vault = rig.make('Sandbox');
      expect(await vault.readMsalCache()).toBeNull();
      expect(vault.status().lastEvent).toMatchObject({ kind: 'cache-discarded', reason: 'tampered' });
    });
  });

  it('a file swapped in from another environment → other-environment', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      const a = rig.make('Sandbox');
      const b = rig.make('AzureCloud');
      await a.writeMsalCache('{"a":1}');
      await b.putEndpointToken({ endpointId: 'ep', token: PLANTED.endpointToken, expiresAt: new Date(rig.time.clock.now().getTime() + 60_000) });
      const [fileA, fileB] = [a.status().filePath, b.status().filePath];
      const [bytesA, bytesB] = [await readFile(fileA), await readFile(fileB)];
      await writeFile(fileA, bytesB);
      await writeFile(fileB, bytesA);
      for (const env of ['Sandbox', 'AzureCloud']) {
        const vault = rig.make(env);
        expect(await vault.readMsalCache()).toBeNull();
        expect(await vault.getEndpointToken('ep')).toBeNull();
        expect(vault.status().lastEvent).toMatchObject({ kind: 'cache-discarded', reason: 'other-environment' });
      }
    });
  });

  it('a swapped keychain key → key-mismatch; a missing key → key-missing; a damaged key → key-invalid', async () => {
    const swapped = await afterDamage(async (_bytes, rig) => {
      rig.keychain.entries.set('data-key:Sandbox', Buffer.alloc(32, 7).toString('base64'));
      return null;
    });
    const missing = await afterDamage(async (_bytes, rig) => {
      rig.keychain.entries.delete('data-key:Sandbox');
      return null;
    });
    const damaged = await afterDamage(async (_bytes, rig) => {
      rig.keychain.entries.set('data-key:Sandbox', 'not-a-key');
      return null;
    });
    expect([swapped, missing, damaged]).toEqual(['cache-discarded:key-mismatch', 'cache-discarded:key-missing', 'cache-discarded:key-invalid']);
  });
});
