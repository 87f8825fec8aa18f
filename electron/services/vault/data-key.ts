// The per-environment data key: 32 random bytes, kept in the keychain as base64 (44 characters, small enough
// for every OS store), and its key id: a one-way HMAC tag that names the key in file headers.
// Never logs, returns in errors, or puts in status the key itself.
import { createHmac, randomBytes } from 'node:crypto';

export const DATA_KEY_BYTES = 32;

export function dataKeyAccount(environmentId: string): string {
  return `data-key:${environmentId}`;
}

export function generateDataKey(): Buffer {
  return randomBytes(DATA_KEY_BYTES);
}

export function encodeDataKey(key: Buffer): string {
  return key.toString('base64');
}

/** The key from its keychain form, or null when the entry is not a well-formed 32-byte key. */
export function decodeDataKey(stored: string): Buffer | null {
  const key = Buffer.from(stored, 'base64');
  if (key.length !== DATA_KEY_BYTES || key.toString('base64') !== stored) return null;
  return key;
}

/** 16 hex characters that identify the key without revealing it (HMAC with the key, fixed label). */
export function keyIdOf(key: Buffer): string {
  return createHmac('sha256', key).update('airlock vault key id v1').digest('hex').slice(0, 16);
}
