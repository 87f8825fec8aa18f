// Sorts a native keychain error (keytar/libsecret, macOS Keychain, Windows Credential Manager) into a failure
// kind by its text. The raw text is only inspected here: it never reaches a log, an error or a status.
import type { KeychainFailure } from './keychain';

const PATTERNS: readonly (readonly [RegExp, KeychainFailure])[] = [
  // No bus at all: empty/missing DBUS_SESSION_BUS_ADDRESS, dead socket, or autolaunch impossible.
  [/given address is empty|cannot autolaunch d-bus|could not connect|failed to connect to socket|no such file or directory|\$DISPLAY/i, 'no-session-bus'],
  // A bus, but nobody owns org.freedesktop.secrets.
  [/org\.freedesktop\.secrets.*not provided|serviceunknown|name .*secrets.* was not provided|no such secret service/i, 'no-service'],
  // Locked collection, or no unlocked default keyring (gcr-prompter cannot show a prompt).
  [/locked|object does not exist at path|cannot prompt|no prompter|interaction is not allowed/i, 'locked'],
  [/cancel|dismiss|denied|not allowed|authoriz|access/i, 'refused'],
];

export function classifyKeychainError(error: unknown): KeychainFailure {
  const text = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  for (const [pattern, failure] of PATTERNS) if (pattern.test(text)) return failure;
  return 'error';
}
