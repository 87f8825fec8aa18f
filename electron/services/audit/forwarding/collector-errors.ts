// Why forwarding to the collector failed, in plain words: each failure is an AirlockError (E_TLS for a
// certificate the forwarder will not trust, E_UNAVAILABLE for a collector that cannot be reached or hung up,
// E_TIMEOUT for one that stopped answering, E_CONFIG_INVALID for a CA file that cannot be used), with the
// collector's host:port and the system's error code as details. Never carries record content or raw
// exception text.
import { AirlockError } from '../../../../shared/errors/airlock-error';
import { codeDetail, hostDetail } from '../../../../shared/errors/details';
import type { CollectorAddress, CollectorTrust } from './collector-link';
import { targetLabel } from './forwarding-target';

const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_CHAIN_TOO_LONG',
  'INVALID_CA',
  'PERMITTED_SUBTREE_VIOLATION',
  'EXCLUDED_SUBTREE_VIOLATION',
]);
const EXPIRED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'CERT_REVOKED']);
const UNREACHABLE: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'refused the connection (nothing is listening there, or the collector is down)',
  ENOTFOUND: 'could not be found (its name does not resolve)',
  EAI_AGAIN: 'could not be found just now (its name did not resolve)',
  EHOSTUNREACH: 'cannot be reached from this network',
  ENETUNREACH: 'cannot be reached from this network',
  ECONNRESET: 'closed the connection',
  EPIPE: 'closed the connection',
  ETIMEDOUT: 'did not answer',
};

const HINT_REACH = 'Airlock keeps the records and sends them when the collector is back. If it stays down, tell your administrator.';
const HINT_TRUST = 'Airlock sends nothing to a collector it cannot verify. Your administrator can fix the collector’s certificate or the forwarding policy’s CA file.';

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'unknown';
}

function unavailable(address: CollectorAddress, what: string, code: string): AirlockError {
  return new AirlockError('E_UNAVAILABLE', {
    message: `The audit collector ${targetLabel(address)} ${what}.`,
    hint: HINT_REACH,
    details: { ...(hostDetail(targetLabel(address)) ? { host: hostDetail(targetLabel(address)) } : {}), ...(codeDetail(code) ? { reason: codeDetail(code) } : {}) },
  });
}

function tls(message: string, code: string): AirlockError {
  return new AirlockError('E_TLS', { message, hint: HINT_TRUST, details: codeDetail(code) ? { reason: codeDetail(code) } : {} });
}

/** A failure while connecting or sending, from Node's error (its code only). */
export function collectorFailure(error: unknown, address: CollectorAddress, trust: CollectorTrust): AirlockError {
  if (error instanceof AirlockError) return error;
  const code = codeOf(error);
  const label = targetLabel(address);
  if (UNTRUSTED.has(code)) return tls(`The audit collector ${label} presented a certificate that is not signed by ${trust.described}, so Airlock sent it nothing.`, code);
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return tls(`The audit collector’s certificate is not made out to ${address.host}, so Airlock sent it nothing.`, code);
  if (EXPIRED.has(code)) return tls(`The audit collector ${label} presented a certificate that is expired, not yet valid or revoked, so Airlock sent it nothing.`, code);
  if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || code.startsWith('EPROTO')) return tls(`The secure connection to the audit collector ${label} could not be set up (${code}), so Airlock sent it nothing.`, code);
  const what = UNREACHABLE[code];
  return unavailable(address, what ?? `could not be reached (${code})`, code);
}

export function collectorClosed(address: CollectorAddress): AirlockError {
  return unavailable(address, 'closed the connection', 'closed');
}

export function collectorStalled(address: CollectorAddress, phase: 'connect' | 'send'): AirlockError {
  return new AirlockError('E_TIMEOUT', {
    message: phase === 'connect' ? `The audit collector ${targetLabel(address)} did not complete a connection in time.` : `The audit collector ${targetLabel(address)} stopped taking records.`,
    hint: HINT_REACH,
  });
}

export function collectorTalksBack(address: CollectorAddress): AirlockError {
  return unavailable(address, 'sent data back, which a syslog collector (RFC 5425) never does, so Airlock closed the connection', 'unexpected-data');
}

export function caFileUnusable(file: string, why: 'unreadable' | 'not-a-certificate', code: string): AirlockError {
  return new AirlockError('E_CONFIG_INVALID', {
    message: why === 'unreadable' ? `The CA file named by the audit forwarding policy (${file}) could not be read, so Airlock forwards nothing.` : `The CA file named by the audit forwarding policy (${file}) holds no PEM certificate, so Airlock forwards nothing.`,
    hint: 'Your administrator can fix the file or the policy’s forwarding.caCertPath. Records are kept until then.',
    details: { setting: 'forwarding.caCertPath', file: file.slice(-256), ...(codeDetail(code) ? { reason: codeDetail(code) } : {}) },
  });
}
