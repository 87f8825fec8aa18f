// Typed failures of a data-plane request: TLS reasons from Node's codes, a dead stream as E_ROUTE_DROPPED,
// undici's timeouts as E_TIMEOUT — and never the raw exception text (it may quote a header with a token).
import { describe, expect, it } from 'vitest';
import { AirlockError } from '../../../../../../shared/errors/airlock-error';
import { detailsFit } from '../../../../../../shared/errors/details';
import { requestFailure } from '../../../../../../electron/services/routes/http/request-failure';
import { tlsFailure, tlsFailureReason } from '../../../../../../electron/services/routes/http/tls-failure';

const HOST = 'credit-ep.westeurope.inference.ml.azure.com';
const coded = (code: string, message = 'raw text with Bearer eyJsecret') => Object.assign(new Error(message), { code });

describe('TLS failures', () => {
  it.each([
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'name-mismatch'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unknown-ca'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'unknown-ca'],
    ['CERT_HAS_EXPIRED', 'expired'],
    ['ECONNRESET', 'handshake-failed'],
  ])('%s → %s', (code, reason) => expect(tlsFailureReason(code)).toBe(reason));

  it('names the host, keeps declared details, never the raw text', () => {
    const error = tlsFailure(HOST, coded('ERR_TLS_CERT_ALTNAME_INVALID'));
    expect(error).toMatchObject({ code: 'E_TLS', details: { reason: 'name-mismatch' } });
    expect(error.message).toContain(HOST);
    expect(JSON.stringify(error.toShape())).not.toContain('eyJsecret');
    expect(detailsFit('E_TLS', tlsFailure(HOST, coded('ERR_SSL_WRONG_VERSION_NUMBER')).details)).toBe(true);
  });
});

describe('request failures', () => {
  const context = { via: 'bastion' as const, host: HOST, dropped: false };
  it('a dead stream is E_ROUTE_DROPPED, retryable', () => {
    for (const code of ['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']) expect(requestFailure(coded(code), context)).toMatchObject({ code: 'E_ROUTE_DROPPED', retryable: true, details: { via: 'bastion' } });
  });
  it('anything after the route reported a drop is E_ROUTE_DROPPED', () => {
    expect(requestFailure(coded('UND_ERR_WHATEVER'), { ...context, dropped: true }).code).toBe('E_ROUTE_DROPPED');
  });
  it('undici timeouts are E_TIMEOUT; the route’s own errors pass through', () => {
    expect(requestFailure(coded('UND_ERR_HEADERS_TIMEOUT'), context).code).toBe('E_TIMEOUT');
    const own = new AirlockError('E_NOT_PRIVATE', { details: { reason: 'public-answer' } });
    expect(requestFailure(own, context)).toBe(own);
  });
  it('an unknown failure is E_UNREACHABLE with the code as a detail, never the text', () => {
    const error = requestFailure(coded('EWEIRD'), context);
    expect(error).toMatchObject({ code: 'E_UNREACHABLE', details: { via: 'bastion', host: HOST, reason: 'EWEIRD' } });
    expect(JSON.stringify(error.toShape())).not.toContain('eyJsecret');
  });
});
