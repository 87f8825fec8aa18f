// RFC 6238 time-based one-time passwords (HMAC-SHA-1, 30-second steps, 6 digits), as authenticator apps
// compute them from a base32 secret. Used by the IdP's one-time-code page, always with the sandbox clock
// (ctx.now()), never the wall clock. Must never log, return or store codes or secrets.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 (upper-case, padding optional) to bytes. Throws on any other character. */
export function decodeBase32(text: string): Buffer {
  const clean = text.replace(/=+$/, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error('secret is not base32');
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** HOTP (RFC 4226) for one counter value; `algorithm` is for the RFC 6238 test vectors (sha1, sha256, sha512). */
export function hotp(key: Buffer, counter: number, digits = TOTP_DIGITS, algorithm: 'sha1' | 'sha256' | 'sha512' = 'sha1'): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return (binary % 10 ** digits).toString().padStart(digits, '0');
}

/** The code for time `at` (the sandbox clock). */
export function totpAt(base32Secret: string, at: Date): string {
  return hotp(decodeBase32(base32Secret), Math.floor(at.getTime() / 1000 / TOTP_STEP_SECONDS));
}

/** The time step `code` matches (current step or one either side, for clock drift), compared in constant time; else null. */
export function matchTotpStep(base32Secret: string, code: string, at: Date, window = 1): number | null {
  const candidate = code.replace(/\s+/g, '');
  if (!/^[0-9]{6}$/.test(candidate)) return null;
  const key = decodeBase32(base32Secret);
  const step = Math.floor(at.getTime() / 1000 / TOTP_STEP_SECONDS);
  let matched: number | null = null;
  for (let delta = -window; delta <= window; delta += 1) {
    if (timingSafeEqual(Buffer.from(hotp(key, step + delta)), Buffer.from(candidate))) matched ??= step + delta;
  }
  return matched;
}

/** True when `code` matches the current step or one step either side (clock drift). */
export function verifyTotp(base32Secret: string, code: string, at: Date, window = 1): boolean {
  return matchTotpStep(base32Secret, code, at, window) !== null;
}
