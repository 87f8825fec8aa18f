// Turns a failed TLS handshake over a route into E_TLS with a reason a person (and the Test connection
// walker) can act on: the certificate is for another name, or no CA this environment trusts signed it.
// It must never suggest turning verification off: there is no such switch anywhere in Airlock.
import { AirlockError } from '../../../../shared/errors/airlock-error';
import { codeDetail } from '../../../../shared/errors/details';

/** Why a handshake failed, as E_TLS details.reason carries it. */
export type TlsFailureReason = 'name-mismatch' | 'unknown-ca' | 'expired' | 'not-yet-valid' | 'handshake-failed';

const UNKNOWN_CA = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
]);

export function tlsFailureReason(code: unknown): TlsFailureReason {
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return 'name-mismatch';
  if (typeof code === 'string' && UNKNOWN_CA.has(code)) return 'unknown-ca';
  if (code === 'CERT_HAS_EXPIRED') return 'expired';
  if (code === 'CERT_NOT_YET_VALID') return 'not-yet-valid';
  return 'handshake-failed';
}

const WORDS: Record<TlsFailureReason, (host: string) => string> = {
  'name-mismatch': (host) => `TLS name mismatch: the certificate the endpoint presented is not for ${host}, so Airlock stopped.`,
  'unknown-ca': (host) => `The certificate ${host} presented is not signed by a certificate authority this environment trusts, so Airlock stopped.`,
  expired: (host) => `The certificate ${host} presented has expired, so Airlock stopped.`,
  'not-yet-valid': (host) => `The certificate ${host} presented is not valid yet (check this computer's clock), so Airlock stopped.`,
  'handshake-failed': (host) => `The secure connection to ${host} could not be set up over the private route, so Airlock stopped.`,
};

/** E_TLS for a handshake with `host` (the endpoint's real name, never the tunnel's address) that failed with `error`. */
export function tlsFailure(host: string, error: unknown): AirlockError {
  const code = (error as { code?: unknown } | null)?.code;
  const reason = tlsFailureReason(code);
  const detail = reason === 'handshake-failed' ? (codeDetail(code) ?? reason) : reason;
  return new AirlockError('E_TLS', { message: WORDS[reason](host), details: { reason: detail } });
}
