import { PublicClientApplication, type TokenCacheContext } from '@azure/msal-node';
import { describe, expect, it } from 'vitest';
import { createMsalCachePlugin } from '../../../../../electron/services/vault';
import { PLANTED, msalCacheFixture, withTempDir } from './vault-fixtures';
import { createRig } from './vault-harness';

function fakeContext(initial: string, hasChanged: boolean) {
  const calls: string[] = [];
  let cache = initial;
  const context = {
    cacheHasChanged: hasChanged,
    tokenCache: {
      deserialize: (s: string) => {
        calls.push('deserialize');
        cache = s;
      },
      serialize: () => {
        calls.push('serialize');
        return cache;
      },
    },
  } as unknown as TokenCacheContext;
  return { context, calls, current: () => cache };
}

describe('MSAL cache plugin over the vault', () => {
  it('real msal-node reads its accounts from the vault, and a fresh app after a "restart" sees them too', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      const vault = rig.make();
      await vault.writeMsalCache(msalCacheFixture(rig.time.clock.now().getTime(), 1800));
      await vault.dispose();

      const pca = new PublicClientApplication({
        auth: { clientId: 'client-1', authority: 'https://login.sandbox.local/tenant-1' },
        cache: { cachePlugin: createMsalCachePlugin(rig.make()) },
      });
      const accounts = await pca.getTokenCache().getAllAccounts();
      expect(accounts.map((a) => a.homeAccountId)).toEqual(['uid-1.tenant-1']);
    });
  });

  it('writes back only when MSAL says the cache changed; skips identical deserializes', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      const vault = rig.make();
      const plugin = createMsalCachePlugin(vault);

      const unchanged = fakeContext('', false);
      await plugin.beforeCacheAccess(unchanged.context);
      expect(unchanged.current()).toBe('{}'); // empty vault → MSAL's in-memory cache is cleared
      await plugin.afterCacheAccess(unchanged.context);
      expect(unchanged.calls).toEqual(['deserialize']);
      expect(await vault.readMsalCache()).toBeNull();

      const changed = fakeContext('{"RefreshToken":{"k":{"secret":"' + PLANTED.refreshToken + '"}}}', true);
      await plugin.afterCacheAccess(changed.context);
      expect(await vault.readMsalCache()).toContain(PLANTED.refreshToken);

      const again = fakeContext('', false);
      await plugin.beforeCacheAccess(again.context);
      await plugin.beforeCacheAccess(again.context);
      expect(again.calls).toEqual(['deserialize']); // the second one was identical: skipped
    });
  });

  it('a locked vault refuses MSAL (typed E_AUTH_REQUIRED) instead of handing it an empty cache', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      const vault = rig.make();
      await vault.writeMsalCache('{}');
      vault.lock();
      const plugin = createMsalCachePlugin(vault);
      const ctx = fakeContext('', true);
      await expect(plugin.beforeCacheAccess(ctx.context)).rejects.toMatchObject({ code: 'E_AUTH_REQUIRED', details: { vault: 'locked' } });
      await expect(plugin.afterCacheAccess(ctx.context)).rejects.toMatchObject({ code: 'E_AUTH_REQUIRED' });
      expect(ctx.calls).toEqual(['serialize']);
    });
  });
});
