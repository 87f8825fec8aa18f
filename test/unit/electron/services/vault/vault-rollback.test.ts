// Rollback: a copy of an older vault file, sealed with the same key, must not bring back a signed-out
// account's refresh token. A save that removes an account (or its refresh token) advances the vault's
// generation, kept in the authenticated header and with the key in the keychain; an older file is then
// refused with its own plain-words event. Ordinary saves (a refreshed access token) write no keychain entry.
import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Keychain } from '../../../../../electron/services/vault';
import { withTempDir } from './vault-fixtures';
import { createRig } from './vault-harness';

/** An MSAL-shaped cache holding the given users (an account and a refresh token each), plus one access token. */
function cacheWith(users: readonly string[], accessTokenSecret = 'at-1'): string {
  const now = Math.floor(Date.parse('2031-03-04T05:06:07.000Z') / 1000);
  const env = 'login.example.test';
  const section = (kind: string) => Object.fromEntries(users.map((u) => [`${u}.tid-${env}-${kind}-client--`, { home_account_id: `${u}.tid`, environment: env, credential_type: kind, client_id: 'client', secret: `RT-OF-${u}` }]));
  return JSON.stringify({
    Account: Object.fromEntries(users.map((u) => [`${u}.tid-${env}-tid`, { home_account_id: `${u}.tid`, environment: env, realm: 'tid', local_account_id: u, username: `${u}@example.test`, authority_type: 'MSSTS' }])),
    IdToken: {},
    AccessToken: { [`at-${users[0] ?? 'none'}`]: { credential_type: 'AccessToken', secret: accessTokenSecret, cached_at: String(now), expires_on: String(now + 1800), target: 'scope' } },
    RefreshToken: section('RefreshToken'),
    AppMetadata: {},
  });
}

const countingWrites = (keychain: Keychain, writes: string[]): Keychain => ({
  ...keychain,
  backend: () => keychain.backend(),
  getSecret: (account) => keychain.getSecret(account),
  deleteSecret: (account) => keychain.deleteSecret(account),
  setSecret: (account, secret) => (writes.push(account), keychain.setSecret(account, secret)),
});

describe('vault rollback', () => {
  it('refuses an older file restored after a sign-out, with a plain-words event', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      const vault = rig.make();
      await vault.writeMsalCache(cacheWith(['ada', 'bob']));
      await vault.flush();
      const file = vault.status().filePath;
      const beforeSignOut = await readFile(file);

      await vault.writeMsalCache(cacheWith(['ada'])); // bob signed out
      await vault.dispose();
      await writeFile(file, beforeSignOut); // copied back from a backup

      const restarted = rig.make();
      const events: string[] = [];
      restarted.onEvent((e) => events.push(e.kind === 'cache-discarded' ? `${e.reason}: ${e.message}` : e.kind));
      expect(await restarted.readMsalCache()).toBeNull();
      expect(events).toEqual([
        'rolled-back: The saved sign-in file is an older copy than the one Airlock saved last (perhaps restored from a backup), so Airlock deleted it. Sign in again to continue.',
      ]);
      expect(existsSync(file)).toBe(false);
      expect(rig.logger.lines.some((l) => l.includes('"event":"vault.cache-discarded"') && l.includes('"reason":"rolled-back"'))).toBe(true);
    });
  });

  it('refuses it on unlock after an idle lock too', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      const vault = rig.make();
      await vault.writeMsalCache(cacheWith(['ada', 'bob']));
      await vault.flush();
      const file = vault.status().filePath;
      const beforeSignOut = await readFile(file);
      await vault.writeMsalCache(cacheWith(['ada']));
      await vault.flush();
      vault.lock();
      await writeFile(file, beforeSignOut);
      await vault.unlock();
      expect(await vault.readMsalCache()).toBeNull();
      expect(vault.status().lastEvent).toMatchObject({ kind: 'cache-discarded', reason: 'rolled-back' });
    });
  });

  it('keeps opening the current file across restarts after several sign-outs', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      const vault = rig.make();
      await vault.writeMsalCache(cacheWith(['ada', 'bob', 'cy']));
      await vault.writeMsalCache(cacheWith(['ada', 'bob']));
      await vault.writeMsalCache(cacheWith(['ada']));
      await vault.dispose();
      expect(await rig.make().readMsalCache()).toBe(cacheWith(['ada']));
    });
  });

  it('writes the keychain only when a save removes a sign-in, not on ordinary saves', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      const writes: string[] = [];
      const vault = rig.make('Sandbox', { keychain: countingWrites(rig.keychain, writes) });
      await vault.writeMsalCache(cacheWith(['ada', 'bob']));
      expect(writes).toEqual(['data-key:Sandbox']); // the key, created on first use
      await vault.writeMsalCache(cacheWith(['ada', 'bob'], 'at-2')); // a refreshed access token
      await vault.writeMsalCache(cacheWith(['ada', 'bob', 'cy'])); // someone else signed in
      await vault.putEndpointToken({ endpointId: 'ep', token: 'ep-token', expiresAt: new Date(rig.time.clock.now().getTime() + 60_000) });
      expect(writes).toHaveLength(1);
      await vault.writeMsalCache(cacheWith(['ada', 'cy'])); // bob signed out
      expect(writes).toHaveLength(2);
    });
  });

  it('a generation edited in the header (to pass as current) fails authentication', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      const vault = rig.make();
      await vault.writeMsalCache(cacheWith(['ada', 'bob']));
      await vault.flush();
      const file = vault.status().filePath;
      const beforeSignOut = (await readFile(file)).toString('latin1');
      await vault.writeMsalCache(cacheWith(['ada']));
      await vault.dispose();
      expect(beforeSignOut).toContain('"gen":0');
      await writeFile(file, Buffer.from(beforeSignOut.replace('"gen":0', '"gen":1'), 'latin1'));
      const restarted = rig.make();
      expect(await restarted.readMsalCache()).toBeNull();
      expect(restarted.status().lastEvent).toMatchObject({ kind: 'cache-discarded', reason: 'tampered' });
    });
  });

  it('a file newer than the keychain entry (the entry restored, or its update lost) does not open either', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      const vault = rig.make();
      await vault.writeMsalCache(cacheWith(['ada', 'bob']));
      const entryBefore = rig.keychain.entries.get('data-key:Sandbox')!;
      await vault.writeMsalCache(cacheWith(['ada']));
      await vault.dispose();
      expect(rig.keychain.entries.get('data-key:Sandbox')).toMatch(/\.1$/);
      rig.keychain.entries.set('data-key:Sandbox', entryBefore);
      const restarted = rig.make();
      expect(await restarted.readMsalCache()).toBeNull();
      expect(restarted.status().lastEvent).toMatchObject({ kind: 'cache-discarded', reason: 'key-mismatch' });
    });
  });

  it('a keychain that refuses the sign-out’s update: the file goes, and the user is told (more in vault-refused-key)', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      const vault = rig.make();
      await vault.writeMsalCache(cacheWith(['ada', 'bob']));
      rig.keychain.simulate('locked');
      await vault.writeMsalCache(cacheWith(['ada']));
      expect(vault.status().lastEvent).toMatchObject({ kind: 'save-failed', message: expect.stringContaining('sign in again next time') as unknown });
      rig.keychain.simulate(null);
      await vault.dispose();
      expect(await rig.make().readMsalCache()).toBeNull(); // fail closed: nothing opens
    });
  });
});
