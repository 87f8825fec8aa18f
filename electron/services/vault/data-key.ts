// The per-environment data key: 32 random bytes, kept in the keychain as base64 (44 characters, small enough
// for every OS store) together with the vault's generation, and its key id: a one-way HMAC tag that names the
// key in file headers. The generation (see vault.ts, rollback) is stored as `<key>.<generation>`; generation
// 0 is the bare key, as Airlock wrote it before generations existed.
// Never logs, returns in errors, or puts in status the key itself.
import { createHmac, randomBytes } from 'node:crypto';

export const DATA_KEY_BYTES = 32;

export function dataKeyAccount(environmentId: string): string {
  return `data-key:${environmentId}`;
}

export function generateDataKey(): Buffer {
  return randomBytes(DATA_KEY_BYTES);
}

/** What the keychain entry holds: the key and the generation of the newest file sealed with it. */
export interface StoredDataKey {
  readonly key: Buffer;
  readonly generation: number;
}

export function encodeDataKey(key: Buffer, generation = 0): string {
  return generation === 0 ? key.toString('base64') : `${key.toString('base64')}.${generation}`;
}

/** The key and generation from their keychain form, or null when the entry is not a well-formed one. */
export function decodeDataKey(stored: string): StoredDataKey | null {
  const match = /^([A-Za-z0-9+/]{43}=)(?:\.([1-9][0-9]{0,14}))?$/.exec(stored);
  if (match === null) return null;
  const key = Buffer.from(match[1]!, 'base64');
  if (key.length !== DATA_KEY_BYTES || key.toString('base64') !== match[1]) return null;
  return { key, generation: match[2] === undefined ? 0 : Number(match[2]) };
}

/** 16 hex characters that identify the key without revealing it (HMAC with the key, fixed label). */
export function keyIdOf(key: Buffer): string {
  return createHmac('sha256', key).update('airlock vault key id v1').digest('hex').slice(0, 16);
}
