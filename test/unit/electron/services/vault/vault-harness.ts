// Builds vaults over a memory keychain, a temp folder and fake time, the way each vault test needs them.
import { createMemoryKeychain, createVault, keychainUnavailable, type Keychain, type MemoryKeychain, type Vault, type VaultOptions } from '../../../../../electron/services/vault';
import { createFakeTime, createRecordingLogger, type FakeTime, type RecordingLogger } from './vault-fixtures';

export interface VaultRig {
  readonly dir: string;
  readonly keychain: MemoryKeychain;
  readonly time: FakeTime;
  readonly logger: RecordingLogger;
  make(environmentId?: string, extra?: Partial<VaultOptions>): Vault;
}

export function createRig(dir: string): VaultRig {
  const keychain = createMemoryKeychain();
  const time = createFakeTime();
  const logger = createRecordingLogger();
  return {
    dir,
    keychain,
    time,
    logger,
    make: (environmentId = 'Sandbox', extra = {}) =>
      createVault({ keychain, files: { dir }, clock: time.clock, logger, environmentId, scheduler: time.scheduler, ...extra }),
  };
}

/**
 * A keychain over `inner` whose key writes the test controls: `refuseWrites` / `refuseDeletes` make them fail
 * as a locked store does; `holdWrites()` parks the next setSecret until the test settles it (no timers).
 */
export interface ControlledKeychain extends Keychain {
  refuseWrites: boolean;
  refuseDeletes: boolean;
  /** The next setSecret waits; `called` resolves when it arrives, `settle` lets it go on (and fail if refusing). */
  holdWrites(): { readonly called: Promise<void>; settle(): void };
}

export function controlledKeychain(inner: Keychain): ControlledKeychain {
  let held: { arrived: () => void; gate: Promise<void> } | null = null;
  const self: ControlledKeychain = {
    refuseWrites: false,
    refuseDeletes: false,
    backend: () => inner.backend(),
    getSecret: (account) => inner.getSecret(account),
    async setSecret(account, secret) {
      const hold = held;
      held = null;
      if (hold !== null) {
        hold.arrived();
        await hold.gate;
      }
      if (self.refuseWrites) throw keychainUnavailable('locked');
      await inner.setSecret(account, secret);
    },
    async deleteSecret(account) {
      if (self.refuseDeletes) throw keychainUnavailable('locked');
      await inner.deleteSecret(account);
    },
    holdWrites() {
      let arrived!: () => void;
      let settle!: () => void;
      const called = new Promise<void>((resolve) => (arrived = resolve));
      held = { arrived, gate: new Promise<void>((resolve) => (settle = resolve)) };
      return { called, settle };
    },
  };
  return self;
}
