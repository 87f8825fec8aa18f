// What the vault reports to the UI and the log: events with plain-words messages and display-safe fields.
// Never carries key or token material, file contents or raw exception text.

/** Why a cache file was thrown away (the user then signs in again). */
export type DiscardReason =
  | 'unreadable'
  | 'unsupported-version'
  | 'other-environment'
  | 'key-mismatch'
  | 'key-missing'
  | 'key-invalid'
  | 'tampered'
  | 'invalid-contents'
  | 'rolled-back';

const DISCARD_WORDS: Readonly<Record<DiscardReason, string>> = {
  unreadable: 'The saved sign-in file is damaged and could not be read',
  'unsupported-version': 'The saved sign-in file was written by a version of Airlock this one cannot read',
  'other-environment': 'The saved sign-in file belongs to a different environment',
  'key-mismatch': 'The saved sign-in file was locked with a different key than the one in your keychain',
  'key-missing': 'Your keychain no longer holds the key for the saved sign-in file',
  'key-invalid': 'The key for the saved sign-in file in your keychain is damaged',
  tampered: 'The saved sign-in file was changed outside Airlock or is damaged',
  'invalid-contents': 'The saved sign-in file holds data Airlock does not recognise',
  'rolled-back': 'The saved sign-in file is an older copy than the one Airlock saved last (perhaps restored from a backup)',
};

export function discardMessage(reason: DiscardReason): string {
  return `${DISCARD_WORDS[reason]}, so Airlock deleted it. Sign in again to continue.`;
}

export function memoryOnlyMessage(reason: string): string {
  return `${reason}, so Airlock keeps your sign-in in memory only; you will sign in again next time you open Airlock.`;
}

/** A failed file write: only the error's code (ENOSPC, EACCES) is shown, never its text. */
export function saveFailedMessage(error: unknown): string {
  const raw = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'unknown';
  const code = /^[A-Z0-9_]{1,32}$/.test(raw) ? raw : 'unknown';
  return `Airlock could not save your sign-in to disk (${code}); it stays in memory until you close Airlock.`;
}

/**
 * A sign-out's new generation did not reach the keychain, so Airlock removed the file and the key (fail closed:
 * the old generation would open any copy from before the sign-out). `keyLeft`: the keychain refused the delete.
 */
export function keyUpdateFailedMessage(keyLeft: boolean): string {
  const start = 'Airlock could not update its key in your keychain after the sign-out,';
  const rest = 'The accounts still signed in stay in memory until you close Airlock; you will sign in again next time you open it.';
  return keyLeft
    ? `${start} so it removed your saved sign-in file, but the keychain kept its key: a copy of that file from before the sign-out (a backup) could still sign the removed account back in. Unlock your keychain and choose Forget this device to remove the key. ${rest}`
    : `${start} so it removed your saved sign-in and its key from this device; no earlier copy of the file opens now. ${rest}`;
}

export function wipedMessage(keychainLeft: boolean): string {
  return keychainLeft
    ? 'Airlock removed your saved sign-in from this device. The keychain could not be reached, so its Airlock key stays there; without the file it opens nothing.'
    : 'Airlock removed your saved sign-in and its key from this device.';
}

export type VaultEvent =
  | { readonly kind: 'cache-discarded'; readonly reason: DiscardReason; readonly message: string }
  | { readonly kind: 'memory-only'; readonly reason: string; readonly message: string }
  | { readonly kind: 'unlocked'; readonly message: string }
  | { readonly kind: 'locked'; readonly reason: 'idle' | 'requested'; readonly message: string }
  | { readonly kind: 'wiped'; readonly scope: 'sign-out' | 'forget-device'; readonly message: string }
  | { readonly kind: 'save-failed'; readonly message: string };

export type TimedVaultEvent = VaultEvent & { readonly at: string };
