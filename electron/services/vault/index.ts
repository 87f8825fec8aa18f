// The vault service's face: encrypted, short-lived token storage keyed by a data key in the OS keychain.
// Nothing exported here returns key material; statuses and events are display-safe.
export { createVault, vaultLockedError, type Vault } from './vault';
export {
  DEFAULT_IDLE_LOCK_MS,
  MAX_TOKEN_LIFETIME_MS,
  type EndpointToken,
  type VaultMode,
  type VaultOptions,
  type VaultState,
  type VaultStatus,
} from './vault-status';
export type { DiscardReason, TimedVaultEvent, VaultEvent } from './vault-events';
export {
  KEYCHAIN_SERVICE,
  isKeychainUnavailable,
  keychainUnavailable,
  type Keychain,
  type KeychainFailure,
  type KeychainStatus,
} from './keychain';
export { createKeytarKeychain, keytarBackendName, type KeytarApi, type KeytarKeychainOptions } from './keytar-keychain';
export { createMemoryKeychain, MEMORY_KEYCHAIN_BACKEND, type MemoryKeychain } from './memory-keychain';
export { systemScheduler, type ScheduledTask, type Scheduler } from '../ports';
