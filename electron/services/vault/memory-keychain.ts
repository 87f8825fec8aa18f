// An in-memory keychain for tests and demos, with a switch that makes it behave like a real store that is
// missing, locked or refusing. 'locked' mimics libsecret: reads answer null, writes fail, deletes do nothing.
// Never logs its contents.
import {
  keychainReason,
  keychainUnavailable,
  type Keychain,
  type KeychainFailure,
  type KeychainStatus,
} from './keychain';

export interface MemoryKeychain extends Keychain {
  /** null: works normally; otherwise every call behaves as that failure. */
  simulate(failure: KeychainFailure | null): void;
  /** Test access to what is stored, keyed by account (the service is always 'Airlock'). */
  readonly entries: Map<string, string>;
}

export const MEMORY_KEYCHAIN_BACKEND = 'Memory (not persistent)';

export function createMemoryKeychain(): MemoryKeychain {
  const entries = new Map<string, string>();
  let failure: KeychainFailure | null = null;

  const failIfDown = (): void => {
    if (failure !== null && failure !== 'locked') throw keychainUnavailable(failure);
  };

  return {
    entries,
    simulate(next) {
      failure = next;
    },
    async backend(): Promise<KeychainStatus> {
      if (failure === null) return { available: true, backend: MEMORY_KEYCHAIN_BACKEND };
      return { available: false, backend: MEMORY_KEYCHAIN_BACKEND, failure, reason: keychainReason(failure) };
    },
    async getSecret(account) {
      failIfDown();
      if (failure === 'locked') return null;
      return entries.get(account) ?? null;
    },
    async setSecret(account, secret) {
      failIfDown();
      if (failure === 'locked') throw keychainUnavailable('locked');
      entries.set(account, secret);
    },
    async deleteSecret(account) {
      failIfDown();
      if (failure === 'locked') return;
      entries.delete(account);
    },
  };
}
