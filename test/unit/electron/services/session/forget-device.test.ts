// "Forget this device" leaves nothing of any environment behind: every vault (open or not) is locked and
// wiped, every vault file removed (even one of an environment no longer configured), and every configured
// environment's keychain key deleted, also where no file exists. A vault that was open before keeps working
// afterwards only as a fresh one: what it saves next opens again after a restart.
import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { AuthService } from '../../../../../electron/services/auth';
import { createEnvironmentsService, type Environment } from '../../../../../electron/services/environments';
import { createSessionService } from '../../../../../electron/services/session';
import type { Vault } from '../../../../../electron/services/vault';
import { PLANTED, withTempDir } from '../vault/vault-fixtures';
import { createRig } from '../vault/vault-harness';

const custom = (id: string): Environment => ({
  id,
  displayName: id,
  kind: 'custom',
  authorityHost: 'https://login.example.test',
  authority: 'https://login.example.test/tenant',
  clientId: '00000000-0000-4000-8000-000000000001',
  armEndpoint: 'https://arm.example.test',
  armScope: 'https://management.azure.com/.default',
  mlScope: 'https://ml.azure.com/.default',
  inferenceDnsSuffix: 'inference.ml.azure.com',
  privateDnsZones: [],
  armLegacyScope: 'https://management.core.windows.net//.default',
  network: { privateRanges: ['10.0.0.0/8'] },
});

/** Auth with no account left to sign out (MSAL's part is tested against the real IdP elsewhere). */
const noAccounts = { accounts: async () => [], signOut: async () => undefined, signOutAll: async () => undefined, cancelSignIn: () => false } as unknown as AuthService;

describe('forget this device', () => {
  it('locks and wipes every vault, removes every file and deletes every configured environment’s key', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      const environments = createEnvironmentsService([custom('Alpha'), custom('Beta'), custom('Gamma')]);
      const vaults = new Map<string, Vault>();
      const vaultFor = (id: string) => vaults.get(id) ?? (vaults.set(id, rig.make(id, { idleLockMs: 24 * 60 * 60_000 })), vaults.get(id)!);
      const now = rig.time.clock.now().getTime();

      await vaultFor('Alpha').writeMsalCache('{"alpha":1}');
      await vaultFor('Beta').writeMsalCache('{"beta":1}');
      await vaultFor('Beta').putEndpointToken({ endpointId: 'ep', token: PLANTED.endpointToken, expiresAt: new Date(now + 600_000) });
      await rig.make('Retired').writeMsalCache('{"retired":1}'); // a file of an environment no longer configured
      await rig.keychain.setSecret('data-key:Gamma', Buffer.alloc(32, 7).toString('base64')); // a key, no file
      await rig.keychain.setSecret('data-key:AzureCloud', Buffer.alloc(32, 9).toString('base64'));
      expect(await readdir(dir)).toHaveLength(3);

      const session = createSessionService({ auth: noAccounts, environments, vaultFor, clock: rig.time.clock, logger: rig.logger });
      await session.forgetDevice();

      expect(await readdir(dir)).toEqual([]);
      expect([...rig.keychain.entries.keys()]).toEqual([]);
      for (const id of ['Alpha', 'Beta', 'Gamma']) {
        expect(vaultFor(id).status(), id).toMatchObject({ locked: true, lastEvent: { kind: 'wiped', scope: 'forget-device' } });
      }
      // Beta was open: nothing of it is left in memory...
      expect(await vaultFor('Beta').getEndpointToken('ep')).toBeNull();
      expect(await vaultFor('Beta').readMsalCache()).toBeNull();
      // Reading afterwards (the account list does, right away) puts no key back in the keychain.
      for (const id of ['Alpha', 'Gamma']) expect(await vaultFor(id).readMsalCache()).toBeNull();
      expect(rig.keychain.entries.size).toBe(0);
      // ...and what it saves from now on is sealed with a key the keychain holds, so a restart opens it.
      await vaultFor('Beta').writeMsalCache('{"beta":2}');
      await vaultFor('Beta').flush();
      expect(await rig.make('Beta').readMsalCache()).toBe('{"beta":2}');
    });
  });

  it('gives up a sign-in in progress first, then signs out every environment, one failing not skipping the rest', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      const environments = createEnvironmentsService([custom('Alpha'), custom('Beta'), custom('Gamma')]);
      const calls: string[] = [];
      const auth = {
        cancelSignIn: () => (calls.push('cancel'), true),
        // Alpha's vault is idle-locked: its cache cannot be read.
        signOutAll: async (id: string) => {
          calls.push(`sign out ${id}`);
          if (id === 'Alpha') throw Object.assign(new Error('locked'), { code: 'E_AUTH_REQUIRED' });
        },
        accounts: async () => {
          throw new Error('a locked vault makes the whole account list fail');
        },
        signOut: async () => undefined,
      } as unknown as AuthService;
      const vaults = new Map<string, Vault>();
      const vaultFor = (id: string) => vaults.get(id) ?? (vaults.set(id, rig.make(id)), vaults.get(id)!);
      const session = createSessionService({ auth, environments, vaultFor, clock: rig.time.clock, logger: rig.logger });

      await session.forgetDevice();
      expect(calls[0]).toBe('cancel');
      expect(calls.filter((c) => / (Alpha|Beta|Gamma)$/.test(c))).toEqual(['sign out Alpha', 'sign out Beta', 'sign out Gamma']); // the built-in clouds too
      expect(calls).toHaveLength(1 + environments.list().length);
      for (const id of ['Alpha', 'Beta', 'Gamma']) expect(vaultFor(id).status(), id).toMatchObject({ lastEvent: { kind: 'wiped', scope: 'forget-device' } });
    });
  });
});
