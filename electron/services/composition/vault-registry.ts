// The composition root's vaults: one per environment, made on first use (under userData/vault, the idle lock the
// admin policy manages or the configured one), MSAL's cache store in each, and what their events mean for the rest of Airlock: material
// dropped → MSAL's in-memory copy goes too; locked → the push event and every route and forward closes with the
// tokens. It never reads or hands out token material itself; statuses are display-safe.
import path from 'node:path';
import type { MsalCacheStore } from '../auth';
import type { Clock, Logger, Scheduler } from '../ports';
import { createVault, type Keychain, type Vault } from '../vault';

export interface VaultRegistryDeps {
  readonly keychain: Keychain;
  readonly userDataDir: string;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly scheduler?: Scheduler;
  /** The idle lock for a new vault: the admin policy's when it manages it, else the configured one (undefined: the vault's default). */
  readonly idleLockMs: () => number | undefined;
  /** The vault dropped its material (locked, wiped, cache discarded): forget the in-memory copy. */
  readonly onMaterialDropped: (environmentId: string) => void;
  /** The idle lock fired. */
  readonly onLocked: (environmentId: string) => void;
}

export interface VaultRegistry {
  vaultFor(environmentId: string): Vault;
  /** MSAL's token cache kept in that environment's vault (read, write, and a read as the vault's "in use" signal). */
  msalCacheStore(environmentId: string): MsalCacheStore;
  statuses(): ReturnType<Vault['status']>[];
  /** A new idle lock for every open vault (the policy changed it). */
  setIdleLockMs(ms: number): void;
  dispose(): Promise<void>;
}

export function createVaultRegistry(deps: VaultRegistryDeps): VaultRegistry {
  const vaults = new Map<string, Vault>();
  const vaultFor = (environmentId: string): Vault => {
    let vault = vaults.get(environmentId);
    if (!vault) {
      const idleLockMs = deps.idleLockMs();
      vault = createVault({
        keychain: deps.keychain,
        files: { dir: path.join(deps.userDataDir, 'vault') },
        clock: deps.clock,
        logger: deps.logger,
        environmentId,
        ...(idleLockMs ? { idleLockMs } : {}),
        ...(deps.scheduler ? { scheduler: deps.scheduler } : {}),
      });
      vaults.set(environmentId, vault);
      vault.onEvent((event) => {
        if (event.kind === 'locked' || event.kind === 'wiped' || event.kind === 'cache-discarded') deps.onMaterialDropped(environmentId);
        if (event.kind === 'locked') deps.onLocked(environmentId);
      });
    }
    return vault;
  };
  return {
    msalCacheStore(environmentId) {
      const vault = vaultFor(environmentId);
      return {
        read: () => vault.readMsalCache(),
        write: (serialized) => vault.writeMsalCache(serialized),
        touch: () => void vault.readMsalCache().catch(() => undefined),
      };
    },
    vaultFor,
    statuses: () => [...vaults.values()].map((vault) => vault.status()),
    setIdleLockMs: (ms) => vaults.forEach((vault) => vault.setIdleLockMs(ms)),
    async dispose() {
      for (const vault of vaults.values()) await vault.dispose().catch(() => undefined);
    },
  };
}
