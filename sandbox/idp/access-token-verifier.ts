// Checks access tokens the way a resource server (ARM, a scoring host, Bastion) does: signature against the
// IdP's public keys, issuer, audience, expiry and not-before. Returns a typed rejection the caller turns
// into its own wire error (ARM 401 InvalidAuthenticationToken*, scoring 401, ...).
import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import type { AccessTokenVerifier, TokenRejection, VerifiedAccessToken } from '../context';

export interface VerifierOptions {
  readonly issuer: string;
  readonly jwks: JSONWebKeySet;
  readonly now: () => Date;
  /** Seconds of clock skew tolerated on exp/nbf (Entra allows about 5 minutes). */
  readonly clockToleranceSeconds?: number;
}

const list = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : []);

function toVerified(payload: JWTPayload, audience: string): VerifiedAccessToken {
  return {
    oid: typeof payload['oid'] === 'string' ? payload['oid'] : String(payload.sub ?? ''),
    tid: typeof payload['tid'] === 'string' ? payload['tid'] : '',
    aud: audience,
    scp: typeof payload['scp'] === 'string' ? payload['scp'] : '',
    amr: list(payload['amr']),
    acrs: list(payload['acrs']),
    preferredUsername: typeof payload['preferred_username'] === 'string' ? payload['preferred_username'] : undefined,
    expiresAt: new Date((payload.exp ?? 0) * 1000),
  };
}

export function createAccessTokenVerifier(options: VerifierOptions): AccessTokenVerifier {
  const keys = createLocalJWKSet(options.jwks);
  return {
    async verify(token, audience) {
      if (!token) return { ok: false, rejection: { reason: 'missing' } };
      try {
        const { payload } = await jwtVerify(token, keys, {
          issuer: options.issuer,
          audience: [audience, audience.replace(/\/$/, ''), `${audience.replace(/\/$/, '')}/`],
          currentDate: options.now(),
          clockTolerance: options.clockToleranceSeconds ?? 300,
          algorithms: ['RS256', 'PS256', 'ES256'],
        });
        return { ok: true, token: toVerified(payload, audience) };
      } catch (error) {
        return { ok: false, rejection: rejectionOf(error) };
      }
    },
  };
}

function rejectionOf(error: unknown): TokenRejection {
  if (error instanceof errors.JWTExpired) return { reason: 'expired' };
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return { reason: 'wrong-issuer' };
    if (error.claim === 'aud') return { reason: 'wrong-audience', audience: String((error.payload).aud ?? '') };
    if (error.claim === 'nbf' || error.claim === 'iat') return { reason: 'not-yet-valid' };
    return { reason: 'malformed' };
  }
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) return { reason: 'bad-signature' };
  return { reason: 'malformed' };
}
