// A stand-in token issuer for testing resource servers (ARM, scoring, Bastion) on their own: it signs
// Entra-shaped access tokens with its own RSA key and offers the real verifier over its JWKS. Integration
// tests of the whole sandbox use the real IdP instead.
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import type { AccessTokenVerifier } from '../../../sandbox/context';
import { createAccessTokenVerifier } from '../../../sandbox/idp/access-token-verifier';

export interface TestTokenIssuer {
  readonly issuer: string;
  readonly verifier: AccessTokenVerifier;
  mint(claims: JWTPayload & { aud: string; oid: string }, options?: { expiresInSeconds?: number; issuer?: string; foreignKey?: boolean }): Promise<string>;
}

export async function createTestTokenIssuer(tenantId: string, now: () => Date): Promise<TestTokenIssuer> {
  const issuer = `https://localhost:1/${tenantId}/v2.0`;
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const foreign = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  return {
    issuer,
    verifier: createAccessTokenVerifier({ issuer, jwks: { keys: [jwk] }, now }),
    async mint(claims, options = {}) {
      const iat = Math.floor(now().getTime() / 1000);
      return new SignJWT({ tid: tenantId, scp: 'user_impersonation', ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key', typ: 'JWT' })
        .setIssuer(options.issuer ?? issuer)
        .setIssuedAt(iat)
        .setNotBefore(iat - 5)
        .setExpirationTime(iat + (options.expiresInSeconds ?? 3600))
        .sign(options.foreignKey ? foreign.privateKey : privateKey);
    },
  };
}
