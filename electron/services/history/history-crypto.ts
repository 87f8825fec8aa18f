// The sealing of one history entry's bodies: AES-256-GCM under the history key (held in the OS keychain, see
// history-key.ts), with the row's plaintext facts (id, owner, summary) as additional authenticated data, so a
// ciphertext moved to another row, a summary edited in the database, a flipped bit or a cut file all fail to
// open instead of reading as something else. Layout: 12-byte nonce | ciphertext | 16-byte tag.
// Never logs, never returns the key or a plaintext that did not authenticate.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
export const HISTORY_KEY_BYTES = 32;

export function newHistoryKey(): Buffer {
  return randomBytes(HISTORY_KEY_BYTES);
}

/** A one-way tag naming the key (kept beside the rows), so rows sealed with a lost key are known as such. */
export function historyKeyId(key: Buffer): string {
  return createHmac('sha256', key).update('airlock history key id v1').digest('hex').slice(0, 16);
}

export function sealBody(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([nonce, ciphertext, cipher.getAuthTag()]);
}

/** The plaintext, or null when the bytes do not authenticate under this key and these facts. */
export function openBody(key: Buffer, sealed: Buffer, aad: string): Buffer | null {
  if (sealed.length < NONCE_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, NONCE_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    return null;
  }
}
