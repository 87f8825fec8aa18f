// The vault's public shapes: the Vault interface, options, status for the Session panel, endpoint tokens.
// A status never holds key or token material: only names, modes, a file path and the last event.
import type { Clock, Logger } from '../ports';
import type { Keychain } from './keychain';
import type { Scheduler } from '../ports';
import type { TimedVaultEvent } from './vault-events';

export const DEFAULT_IDLE_LOCK_MS = 15 * 60_000;
export const MAX_TOKEN_LIFETIME_MS = 60 * 60_000;

export interface VaultOptions {
  readonly keychain: Keychain;
  /** Where the encrypted cache files live (the user data directory, or a temp dir in tests). */
  readonly files: { readonly dir: string };
  readonly clock: Clock;
  readonly logger: Logger;
  readonly environmentId: string;
  /** Drop decrypted material after this long without use. Default 15 minutes. */
  readonly idleLockMs?: number;
  /** Upper bound for any stored access token; at most (and by default) 1 hour. */
  readonly maxTokenLifetimeMs?: number;
  readonly scheduler?: Scheduler;
}

export type VaultMode = 'keychain' | 'memory-only';
export type VaultState = 'unlocked' | 'locked' | 'memory-only';

export interface VaultStatus {
  readonly environmentId: string;
  /** The keychain behind the vault, for example 'Secret Service (libsecret)'. */
  readonly backend: string;
  readonly mode: VaultMode;
  readonly state: VaultState;
  /** True while no decrypted material is in memory (idle lock, after a wipe, before first use). */
  readonly locked: boolean;
  /** Why the vault is memory-only, in plain words; null when the keychain works. */
  readonly reason: string | null;
  readonly filePath: string;
  readonly lastEvent: TimedVaultEvent | null;
}

export interface EndpointToken {
  readonly endpointId: string;
  readonly token: string;
  readonly expiresAt: Date;
}

export interface Vault {
  readonly environmentId: string;
  status(): VaultStatus;
  /** Subscribes to vault events (discarded file, memory-only, lock, wipe); returns the unsubscribe function. */
  onEvent(listener: (event: TimedVaultEvent) => void): () => void;
  /** Loads the data key and the file (again). In memory-only mode, retries the keychain and keeps what is in memory. */
  unlock(): Promise<VaultStatus>;
  /** Drops decrypted material and the data key from memory now (what the idle lock does). */
  lock(): void;
  /** Changes the idle lock while the vault runs (the admin policy's idleLockMinutes); counts time already idle. */
  setIdleLockMs(ms: number): void;
  readMsalCache(): Promise<string | null>;
  writeMsalCache(serialized: string): Promise<void>;
  getEndpointToken(endpointId: string): Promise<EndpointToken | null>;
  putEndpointToken(token: EndpointToken): Promise<void>;
  deleteEndpointToken(endpointId: string): Promise<void>;
  /** Wipes this environment: cache file, keychain entry, memory. */
  signOut(): Promise<void>;
  /**
   * Wipes this vault's memory, every vault file in the folder, and the keychain keys of this environment, of
   * every file's environment and of `alsoEnvironments` (environments with a key but no file).
   */
  forgetDevice(alsoEnvironments?: readonly string[]): Promise<void>;
  /** Resolves once every pending write has reached the disk. */
  flush(): Promise<void>;
  dispose(): Promise<void>;
}
