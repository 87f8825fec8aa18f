// The keychain port: where the vault keeps one data key per environment (service 'Airlock').
// Adapters never log secrets and never put them (or raw native error text) into errors or status;
// every failure leaves as E_KEYCHAIN_UNAVAILABLE with a plain-words reason and a failure kind.
import { AirlockError } from '../../../shared/errors/airlock-error';

export const KEYCHAIN_SERVICE = 'Airlock';

/** Why the keychain cannot be used, as a kind the UI and tests can branch on. */
export type KeychainFailure = 'not-installed' | 'no-session-bus' | 'no-service' | 'locked' | 'refused' | 'error';

export type KeychainStatus =
  | { readonly available: true; readonly backend: string }
  | { readonly available: false; readonly backend: string; readonly failure: KeychainFailure; readonly reason: string };

export interface Keychain {
  /** Which store this is and whether it answers now. A locked store may still look available until a write. */
  backend(): Promise<KeychainStatus>;
  getSecret(account: string): Promise<string | null>;
  setSecret(account: string, secret: string): Promise<void>;
  deleteSecret(account: string): Promise<void>;
}

const REASONS: Readonly<Record<KeychainFailure, string>> = {
  'not-installed': "Airlock's keychain support could not be loaded on this system",
  'no-session-bus': 'No desktop session bus is running, so the keychain (Secret Service) cannot be reached',
  'no-service': 'No keychain service is running (on Linux: a Secret Service such as GNOME Keyring or KWallet)',
  locked: 'The keychain is locked',
  refused: 'The keychain refused to give Airlock access',
  error: 'The keychain reported an error',
};

const HINTS: Readonly<Record<KeychainFailure, string>> = {
  'not-installed': 'Reinstall Airlock or ask your administrator; until then you stay signed in only while Airlock is open.',
  'no-session-bus': 'Start Airlock from a desktop session with a keychain; until then you stay signed in only while Airlock is open.',
  'no-service': 'Install or start your desktop keychain; until then you stay signed in only while Airlock is open.',
  locked: 'Unlock your keychain, then choose Unlock in the Session panel; until then you stay signed in only while Airlock is open.',
  refused: 'Allow Airlock in your keychain when asked, then choose Unlock in the Session panel.',
  error: 'Try again; until then you stay signed in only while Airlock is open.',
};

/** The plain-words reason for a failure kind: a sentence without a final full stop. */
export function keychainReason(failure: KeychainFailure): string {
  return REASONS[failure];
}

export function keychainUnavailable(failure: KeychainFailure): AirlockError {
  return new AirlockError('E_KEYCHAIN_UNAVAILABLE', {
    message: `${REASONS[failure]}, so Airlock will not save your sign-in on this device.`,
    hint: HINTS[failure],
    details: { keychain: failure },
  });
}

export function isKeychainUnavailable(error: unknown): error is AirlockError {
  return error instanceof AirlockError && error.code === 'E_KEYCHAIN_UNAVAILABLE';
}

/** The failure kind carried by an E_KEYCHAIN_UNAVAILABLE error (anything else counts as 'error'). */
export function keychainFailureOf(error: unknown): KeychainFailure {
  if (!isKeychainUnavailable(error)) return 'error';
  const kind = error.details?.['keychain'];
  return typeof kind === 'string' && kind in REASONS ? (kind as KeychainFailure) : 'error';
}
