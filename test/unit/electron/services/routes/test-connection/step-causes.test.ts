// The words a failed Test connection step shows, for each cause the issue names, and how the http step
// reads the endpoint's answer to a request without credentials. Never raw exception text.
import { describe, expect, it } from 'vitest';
import { AirlockError } from '../../../../../../shared/errors/airlock-error';
import { httpAnswer, stepCause } from '../../../../../../electron/services/routes';

const HOST = 'credit-ep.westeurope.inference.ml.azure.com';
const at = (step: Parameters<typeof stepCause>[1]['step']) => ({ step, host: HOST, port: 443 });

describe('Test connection causes', () => {
  it('public DNS answer, with the chain when there is one', () => {
    const error = new AirlockError('E_NOT_PRIVATE', { details: { host: HOST, address: '52.236.1.10', chain: `${HOST} → x.privatelink.api.azureml.ms`, reason: 'public-answer' } });
    expect(stepCause(error, at('dns'))).toBe(`Private DNS gave a public address: ${HOST} resolved to 52.236.1.10 (via ${HOST} → x.privatelink.api.azureml.ms). Private DNS is not answering: connect to the VPN.`);
  });
  it('host key changed, both fingerprints', () => {
    const expected = `SHA256:${'a'.repeat(43)}`;
    const presented = `SHA256:${'b'.repeat(43)}`;
    const words = stepCause(new AirlockError('E_HOST_KEY_CHANGED', { details: { expected, presented } }), at('route'));
    expect(words).toContain(expected);
    expect(words).toContain(presented);
  });
  it('Bastion refused the token, by status', () => {
    expect(stepCause(new AirlockError('E_BASTION_REFUSED', { details: { status: 401 } }), at('route'))).toBe('Azure Bastion refused the token (HTTP 401): the token was not accepted.');
    expect(stepCause(new AirlockError('E_BASTION_REFUSED', { details: { status: 503 } }), at('route'))).toMatch(/HTTP 503.*server error/);
  });
  it('TLS name mismatch and unknown CA', () => {
    expect(stepCause(new AirlockError('E_TLS', { details: { reason: 'name-mismatch' } }), at('tls'))).toBe(`TLS name mismatch: the certificate the endpoint presented is not for ${HOST}.`);
    expect(stepCause(new AirlockError('E_TLS', { details: { reason: 'unknown-ca' } }), at('tls'))).toMatch(/not signed by a certificate authority this environment trusts/);
  });
  it('timeout names the step', () => {
    expect(stepCause(new AirlockError('E_TIMEOUT'), at('channel'))).toBe('The channel step timed out: no answer in time.');
  });
  it('a raw exception never shows its text', () => {
    const words = stepCause(new Error('Authorization: Bearer eyJsecret'), at('route'));
    expect(words).toBe('The route step failed for an unexpected reason.');
  });
});

describe('the http step reads the answer', () => {
  it.each([
    [401, true, 'The endpoint answers and asks for credentials (401).'],
    [403, false, 'The endpoint refused the caller (403 Forbidden): public network access may be disabled for it, or your network or role is not allowed.'],
    [404, false, 'Nothing answers for this host name at the endpoint (404): check the endpoint name.'],
    [502, false, 'The endpoint answered with a server error (502).'],
    [200, true, 'The endpoint answers without asking for credentials (200).'],
    [302, true, 'The endpoint answers with a redirect (302); Airlock does not follow it.'],
  ])('%i → ok %s', (status, ok, words) => expect(httpAnswer(status)).toEqual({ ok, words }));
});
