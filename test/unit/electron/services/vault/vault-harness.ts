// Builds vaults over a memory keychain, a temp folder and fake time, the way each vault test needs them.
import { createMemoryKeychain, createVault, type MemoryKeychain, type Vault, type VaultOptions } from '../../../../../electron/services/vault';
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
