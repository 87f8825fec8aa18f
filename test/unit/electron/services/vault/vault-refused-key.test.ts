// A keychain that refuses a key write must never leave a file that opens: not a file sealed with a first key
// it refused (a second save was already queued behind it), and not an older file after a sign-out whose new
// generation it refused (fail closed: the file and the key go, so no copy opens again).
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { withTempDir } from './vault-fixtures';
import { controlledKeychain, createRig } from './vault-harness';

/** One event-loop turn: every promise continuation already due has run (no clock involved). */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** An MSAL-shaped cache holding the given users (an account and a refresh token each). */
function cacheWith(users: readonly string[], stamp = 1): string {
  const env = 'login.example.test';
  return JSON.stringify({
    Account: Object.fromEntries(users.map((u) => [`${u}.tid-${env}-tid`, { home_account_id: `${u}.tid`, environment: env, username: `${u}@example.test` }])),
    RefreshToken: Object.fromEntries(users.map((u) => [`${u}.tid-${env}-refreshtoken-client--`, { credential_type: 'RefreshToken', secret: `RT-OF-${u}` }])),
    stamp,
  });
}

describe('a first key the keychain refuses', () => {
  it('two saves race it: the second, queued before the refusal, writes no file either', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      const keychain = controlledKeychain(rig.keychain);
      keychain.refuseWrites = true;
      const hold = keychain.holdWrites();
      const vault = rig.make('Sandbox', { keychain });
      const first = vault.writeMsalCache('{"first":1}');
      const second = vault.writeMsalCache('{"second":1}');
      await hold.called; // the first save is storing its new key...
      await nextTurn(); // ...and the second has sealed its file and queued it behind
      hold.settle();
      await Promise.all([first, second, vault.flush()]);
      expect(vault.status()).toMatchObject({ mode: 'memory-only', reason: 'The keychain is locked' });
      expect(await readdir(dir)).toEqual([]);
      expect(rig.keychain.entries.size).toBe(0);
      expect(await vault.readMsalCache()).toBe('{"second":1}'); // kept in memory
    });
  });

  it('the same race with a keychain that takes the key: both saves land, the newer last', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      const keychain = controlledKeychain(rig.keychain);
      const hold = keychain.holdWrites();
      const vault = rig.make('Sandbox', { keychain });
      const saves = [vault.writeMsalCache('{"first":1}'), vault.writeMsalCache('{"second":1}')];
      await hold.called;
      await nextTurn();
      hold.settle();
      await Promise.all(saves);
      await vault.dispose();
      expect(await rig.make().readMsalCache()).toBe('{"second":1}');
    });
  });

  it('a save sealed before an idle lock still lands once its key is stored', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      const keychain = controlledKeychain(rig.keychain);
      const hold = keychain.holdWrites();
      const vault = rig.make('Sandbox', { keychain });
      const save = vault.writeMsalCache('{"saved":1}');
      await hold.called;
      vault.lock();
      hold.settle();
      await save;
      expect(await rig.make().readMsalCache()).toBe('{"saved":1}');
    });
  });
});

describe("a sign-out's key update the keychain refuses", () => {
  async function signOutRefused(dir: string, refuseDeletes: boolean) {
    const rig = createRig(dir);
    const keychain = controlledKeychain(rig.keychain);
    const vault = rig.make('Sandbox', { keychain });
    await vault.writeMsalCache(cacheWith(['ada', 'bob']));
    await vault.flush();
    const file = vault.status().filePath;
    const beforeSignOut = await readFile(file);
    keychain.refuseWrites = true;
    keychain.refuseDeletes = refuseDeletes;
    await vault.writeMsalCache(cacheWith(['ada'])); // bob signs out; the next generation is refused
    return { rig, keychain, vault, file, beforeSignOut };
  }

  it('fails closed: file and key are removed, so the copy from before the sign-out does not open again', async () => {
    await withTempDir(async (dir) => {
      const { rig, keychain, vault, file, beforeSignOut } = await signOutRefused(dir, false);
      expect(vault.status()).toMatchObject({
        mode: 'memory-only',
        lastEvent: { kind: 'save-failed', message: expect.stringMatching(/^Airlock could not update its key .* removed your saved sign-in and its key .* sign in again next time/) as unknown },
      });
      expect(existsSync(file)).toBe(false);
      expect(rig.keychain.entries.size).toBe(0);
      expect(await vault.readMsalCache()).toBe(cacheWith(['ada'])); // ada stays signed in, in memory
      await vault.writeMsalCache(cacheWith(['ada'], 2));
      expect(existsSync(file)).toBe(false); // later saves stay in memory
      await vault.dispose();

      await writeFile(file, beforeSignOut); // restored from a backup
      keychain.refuseWrites = false;
      const restarted = rig.make('Sandbox', { keychain });
      expect(await restarted.readMsalCache()).toBeNull(); // bob's refresh token does not come back
      expect(restarted.status().lastEvent).toMatchObject({ kind: 'cache-discarded', reason: 'key-missing' });
    });
  });

  it('a keychain that refuses the delete as well: the file goes, and the message says a backup could still open', async () => {
    await withTempDir(async (dir) => {
      const { rig, vault, file } = await signOutRefused(dir, true);
      expect(existsSync(file)).toBe(false);
      expect(rig.keychain.entries.size).toBe(1);
      expect(vault.status().lastEvent).toMatchObject({ kind: 'save-failed', message: expect.stringContaining('Forget this device') as unknown });
    });
  });

  it('a delete the locked keychain ignored is done again when the user unlocks, before anything is saved', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      const vault = rig.make();
      await vault.writeMsalCache(cacheWith(['ada', 'bob']));
      await vault.flush();
      const file = vault.status().filePath;
      const beforeSignOut = await readFile(file);
      rig.keychain.simulate('locked'); // writes fail, deletes do nothing (like libsecret)
      await vault.writeMsalCache(cacheWith(['ada']));
      expect(rig.keychain.entries.size).toBe(1); // the delete did not happen
      rig.keychain.simulate(null);
      expect((await vault.unlock()).state).toBe('unlocked'); // ada is saved again, under a new key
      await vault.dispose();
      await writeFile(file, beforeSignOut);
      const restarted = rig.make();
      expect(await restarted.readMsalCache()).toBeNull();
      expect(restarted.status().lastEvent).toMatchObject({ kind: 'cache-discarded', reason: 'key-mismatch' });
    });
  });
});
