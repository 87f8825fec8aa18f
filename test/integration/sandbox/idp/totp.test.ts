// The IdP's RFC 6238 implementation against the RFC's own test vectors (Appendix B) and its window rule.
import { describe, expect, it } from 'vitest';
import { decodeBase32, hotp, totpAt, verifyTotp } from '../../../../sandbox/idp/totp';

// RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890"; 8-digit codes.
const SEED_SHA1 = Buffer.from('12345678901234567890', 'ascii');
const SEED_SHA256 = Buffer.from('12345678901234567890123456789012', 'ascii');
const SEED_SHA512 = Buffer.from('1234567890123456789012345678901234567890123456789012345678901234', 'ascii');
const VECTORS: Array<[number, string, string, string]> = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

describe('RFC 6238 TOTP', () => {
  it.each(VECTORS)('T=%i gives the RFC codes', (seconds, sha1, sha256, sha512) => {
    const counter = Math.floor(seconds / 30);
    expect(hotp(SEED_SHA1, counter, 8, 'sha1')).toBe(sha1);
    expect(hotp(SEED_SHA256, counter, 8, 'sha256')).toBe(sha256);
    expect(hotp(SEED_SHA512, counter, 8, 'sha512')).toBe(sha512);
  });

  it('decodes base32 as authenticator apps do', () => {
    expect(decodeBase32('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ').toString('ascii')).toBe('12345678901234567890');
    expect(() => decodeBase32('not base32!')).toThrow();
  });

  it('accepts the previous, current and next step only', () => {
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    const at = new Date(1_111_111_111_000);
    const codeAt = (offsetSteps: number) => totpAt(secret, new Date(at.getTime() + offsetSteps * 30_000));
    expect(totpAt(secret, new Date(59_000))).toBe('287082');
    for (const step of [-1, 0, 1]) expect(verifyTotp(secret, codeAt(step), at)).toBe(true);
    for (const step of [-3, -2, 2, 3]) expect(verifyTotp(secret, codeAt(step), at)).toBe(false);
    expect(verifyTotp(secret, '12345', at)).toBe(false);
    expect(verifyTotp(secret, 'abcdef', at)).toBe(false);
  });
});
