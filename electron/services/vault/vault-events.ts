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
  | 'invalid-contents';

const DISCARD_WORDS: Readonly<Record<DiscardReason, string>> = {
  unreadable: 'The saved sign-in file is damaged and could not be read',
  'unsupported-version': 'The saved sign-in file was written by a version of Airlock this one cannot read',
  'other-environment': 'The saved sign-in file belongs to a different environment',
  'key-mismatch': 'The saved sign-in file was locked with a different key than the one in your keychain',
  'key-missing': 'Your keychain no longer holds the key for the saved sign-in file',
  'key-invalid': 'The key for the saved sign-in file in your keychain is damaged',
  tampered: 'The saved sign-in file was changed outside Airlock or is damaged',
  'invalid-contents': 'The saved sign-in file holds data Airlock does not recognise',
};

export function discardMessage(reason: DiscardReason): string {
  return `${DISCARD_WORDS[reason]}, so Airlock deleted it. Sign in again to continue.`;
}

export type VaultEvent =
  | { readonly kind: 'cache-discarded'; readonly reason: DiscardReason; readonly message: string }
  | { readonly kind: 'memory-only'; readonly reason: string; readonly message: string }
  | { readonly kind: 'unlocked'; readonly message: string }
  | { readonly kind: 'locked'; readonly reason: 'idle' | 'requested'; readonly message: string }
  | { readonly kind: 'wiped'; readonly scope: 'sign-out' | 'forget-device'; readonly message: string }
  | { readonly kind: 'save-failed'; readonly message: string };

export type TimedVaultEvent = VaultEvent & { readonly at: string };
