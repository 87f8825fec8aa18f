// The keychain adapter over keytar (Secret Service on Linux, Keychain on macOS, Credential Manager on Windows).
// keytar is a native module, loaded lazily so a missing or broken build degrades to 'not-installed' instead of
// crashing the app. Never logs or returns a secret in an error; native error text is classified, then dropped.
import { classifyKeychainError } from './keychain-failure';
import {
  KEYCHAIN_SERVICE,
  keychainFailureOf,
  keychainReason,
  keychainUnavailable,
  type Keychain,
  type KeychainStatus,
} from './keychain';

/** The part of keytar the vault uses (findCredentials is left out: it crashes libsecret on a locked keyring). */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface KeytarKeychainOptions {
  /** How to load keytar; tests replace it to simulate a module that cannot load. */
  readonly load?: () => Promise<KeytarApi>;
  readonly platform?: NodeJS.Platform;
}

/** An account name used only to check that the store answers; nothing is ever stored under it. */
const PROBE_ACCOUNT = 'airlock-probe';

export function keytarBackendName(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'macOS Keychain';
  if (platform === 'win32') return 'Windows Credential Manager';
  return 'Secret Service (libsecret)';
}

async function loadKeytar(): Promise<KeytarApi> {
  const loaded = (await import('keytar')) as KeytarApi & { default?: KeytarApi };
  return loaded.default ?? loaded;
}

export function createKeytarKeychain(options: KeytarKeychainOptions = {}): Keychain {
  const backend = keytarBackendName(options.platform ?? process.platform);
  const load = options.load ?? loadKeytar;
  let module: Promise<KeytarApi> | undefined;

  async function keytar(): Promise<KeytarApi> {
    module ??= load();
    try {
      return await module;
    } catch {
      throw keychainUnavailable('not-installed');
    }
  }

  async function call<T>(run: (api: KeytarApi) => Promise<T>): Promise<T> {
    const api = await keytar();
    try {
      return await run(api);
    } catch (error) {
      throw keychainUnavailable(classifyKeychainError(error));
    }
  }

  return {
    async backend(): Promise<KeychainStatus> {
      try {
        await call((api) => api.getPassword(KEYCHAIN_SERVICE, PROBE_ACCOUNT));
        return { available: true, backend };
      } catch (error) {
        const failure = keychainFailureOf(error);
        return { available: false, backend, failure, reason: keychainReason(failure) };
      }
    },
    getSecret: (account) => call((api) => api.getPassword(KEYCHAIN_SERVICE, account)),
    setSecret: (account, secret) => call((api) => api.setPassword(KEYCHAIN_SERVICE, account, secret)),
    async deleteSecret(account) {
      await call((api) => api.deletePassword(KEYCHAIN_SERVICE, account));
    },
  };
}
