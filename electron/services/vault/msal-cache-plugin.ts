// MSAL's ICachePlugin over the vault: MSAL reads its cache from the vault before each access and writes it back
// only when it changed. A locked vault refuses (E_AUTH_REQUIRED, details.vault = 'locked') rather than handing
// MSAL an empty cache that would then overwrite the saved one. Never logs or inspects the cache.
import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';
import type { Vault } from './vault';

/** What MSAL deserializes to "no accounts, no tokens": clears its in-memory cache after a wipe. */
const EMPTY_MSAL_CACHE = '{}';

export function createMsalCachePlugin(vault: Pick<Vault, 'readMsalCache' | 'writeMsalCache'>): ICachePlugin {
  // The string MSAL's in-memory cache last matched; skipping an identical deserialize keeps silent calls cheap.
  let inSync: string | null = null;

  return {
    async beforeCacheAccess(context: TokenCacheContext): Promise<void> {
      const cache = (await vault.readMsalCache()) ?? EMPTY_MSAL_CACHE;
      if (cache === inSync) return;
      context.tokenCache.deserialize(cache);
      inSync = cache;
    },
    async afterCacheAccess(context: TokenCacheContext): Promise<void> {
      if (!context.cacheHasChanged) return;
      const serialized = context.tokenCache.serialize();
      await vault.writeMsalCache(serialized);
      inSync = null; // the vault may have trimmed expired access tokens: re-read next time
    },
  };
}
