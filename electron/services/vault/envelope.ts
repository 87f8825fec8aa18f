// The cache file's envelope: AES-256-GCM with an authenticated header.
//
//   "ALVT" | u16 header length (BE) | header JSON {v, alg, kid, env, gen, nonce} | ciphertext | 16-byte GCM tag
//
// Everything before the ciphertext is the AAD, so any edit to magic, header (version, key id, environment,
// generation, nonce), ciphertext or tag, a truncation or an appended byte fails authentication. The header
// holds a key id (a one-way tag, see data-key.ts), never the key. `gen` is the vault's generation (absent in
// files written before it existed: 0); it is only trusted once the file authenticated. Opening reports *why*
// a file is unusable; never throws.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { DiscardReason } from './vault-events';

export const ENVELOPE_VERSION = 1;
export const ENVELOPE_ALGORITHM = 'A256GCM';
const MAGIC = Buffer.from('ALVT', 'ascii');
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const PREFIX_BYTES = MAGIC.length + 2;
const MAX_HEADER_BYTES = 1024;

const headerSchema = z.strictObject({
  v: z.number().int(),
  alg: z.string(),
  kid: z.string(),
  env: z.string(),
  gen: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
  nonce: z.string(),
});

export type EnvelopeHeader = z.infer<typeof headerSchema>;

export interface EnvelopeKey {
  readonly key: Buffer;
  readonly keyId: string;
}

export type OpenResult =
  | { readonly ok: true; readonly plaintext: Buffer; readonly generation: number }
  | { readonly ok: false; readonly reason: DiscardReason };

export function sealEnvelope(plaintext: Buffer, key: EnvelopeKey, environmentId: string, generation: number): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const header: EnvelopeHeader = { v: ENVELOPE_VERSION, alg: ENVELOPE_ALGORITHM, kid: key.keyId, env: environmentId, gen: generation, nonce: nonce.toString('base64') };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(2);
  length.writeUInt16BE(headerBytes.length);
  const aad = Buffer.concat([MAGIC, length, headerBytes]);
  const cipher = createCipheriv('aes-256-gcm', key.key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([aad, ciphertext, cipher.getAuthTag()]);
}

/** The header without decrypting, or null if the bytes are not an envelope. Used to find a file's environment. */
export function readEnvelopeHeader(bytes: Buffer): EnvelopeHeader | null {
  if (bytes.length < PREFIX_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  const headerLength = bytes.readUInt16BE(MAGIC.length);
  if (headerLength > MAX_HEADER_BYTES || bytes.length < PREFIX_BYTES + headerLength + TAG_BYTES) return null;
  try {
    const parsed = headerSchema.safeParse(JSON.parse(bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + headerLength).toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function openEnvelope(bytes: Buffer, key: EnvelopeKey, environmentId: string): OpenResult {
  const header = readEnvelopeHeader(bytes);
  if (header === null) return { ok: false, reason: 'unreadable' };
  if (header.v !== ENVELOPE_VERSION || header.alg !== ENVELOPE_ALGORITHM) return { ok: false, reason: 'unsupported-version' };
  if (header.env !== environmentId) return { ok: false, reason: 'other-environment' };
  if (header.kid !== key.keyId) return { ok: false, reason: 'key-mismatch' };
  const nonce = Buffer.from(header.nonce, 'base64');
  if (nonce.length !== NONCE_BYTES) return { ok: false, reason: 'unreadable' };

  const bodyStart = PREFIX_BYTES + bytes.readUInt16BE(MAGIC.length);
  const tagStart = bytes.length - TAG_BYTES;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(bytes.subarray(0, bodyStart));
    decipher.setAuthTag(bytes.subarray(tagStart));
    const plaintext = Buffer.concat([decipher.update(bytes.subarray(bodyStart, tagStart)), decipher.final()]);
    return { ok: true, plaintext, generation: header.gen ?? 0 };
  } catch {
    return { ok: false, reason: 'tampered' };
  }
}
