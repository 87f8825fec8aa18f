// Bad input gets a clear JSON error and never a crash: wrong shapes (400), wrong content type (415),
// malformed JSON and bytes, header floods (431), path traversal and unknown paths (404), wrong methods
// (405), garbage instead of HTTP (400), hostile payloads; and TLS only verifies for the endpoint names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostilePayload, seededRandom } from '../../../support/fuzz-payloads';
import { CREDIT_HOST, LOW_RISK, SENTIMENT_HOST, splitOf, startScoringFixture, type ScoringFixture } from './scoring-fixture';

let fx: ScoringFixture;
let token: string;
beforeAll(async () => {
  fx = await startScoringFixture();
  token = await fx.amlToken();
});
afterAll(async () => {
  await fx.stop();
});

const credit = (body: unknown, headers: Record<string, string> = {}) => fx.score(CREDIT_HOST, token, body, headers);
const messageOf = (body: unknown) => (body as { message: string }).message;

describe('input shapes (400, MLflow-style body)', () => {
  it('explains what is wrong with credit-risk input', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ data: [[1, 2, 3, 4, 5, 6]] }, /no "input_data" field \(MLflow 2 models on online endpoints take "input_data"\)/],
      [[1, 2], /JSON object with an "input_data" field/],
      [{ input_data: { columns: ['age', 'salary', 'debt_ratio', 'credit_lines', 'late_payments', 'employment_years'], data: [[1, 2, 3, 4, 5, 6]] } }, /missing 'income'; unknown 'salary'/],
      [splitOf({ ...LOW_RISK, age: 'forty' as unknown as number }), /row 0, column 'age': expected a number, got "forty"/],
      [{ input_data: [[1, 2, 3, null, 5, 6]] }, /column 'credit_lines': expected a number, got null/],
      [{ input_data: [[1, 2, 3]] }, /expected 6 values/],
      [{ input_data: [] }, /no rows/],
      [{ input_data: Array.from({ length: 1001 }, () => [40, 50000, 0.3, 3, 0, 5]) }, /1001 rows; this endpoint accepts at most 1000/],
      [{ input_data: { tokens: [[1]] } }, /named tensors is not supported/],
      [{ input_data: 'age=40' }, /pandas split object or a 2-D array/],
      [{ input_data: { columns: ['age'], data: [[1]], extra: 1 } }, /unexpected keys/],
      [{ input_data: [[1, 2, 3, 4, 5, 6]], params: [] }, /"params" must be an object/],
    ];
    for (const [body, message] of cases) {
      const res = await credit(body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.json()).toMatchObject({ error_code: 'BAD_REQUEST' });
      expect(messageOf(res.json())).toMatch(message);
    }
  });

  it('explains what is wrong with sentiment input', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ input_data: [42] }, /row 0: expected a string, got 42/],
      [{ input_data: { columns: ['body'], data: [['x']] } }, /columns must be \["text"\]/],
      [{ input_data: ['x'.repeat(5001)] }, /5001 characters; at most 5000/],
      [{ input_data: Array.from({ length: 101 }, () => 'x') }, /at most 100/],
    ];
    for (const [body, message] of cases) {
      const res = await fx.score(SENTIMENT_HOST, fx.key(), body);
      expect(res.status).toBe(400);
      expect(messageOf(res.json())).toMatch(message);
    }
  });

  it('malformed JSON and invalid UTF-8 are 400 MALFORMED_REQUEST', async () => {
    for (const body of ['{"input_data": [[1,2', 'not json', Buffer.from([0x7b, 0xff, 0xfe, 0x7d])]) {
      const res = await credit(body);
      expect(res.status).toBe(400);
      expect(res.json()).toMatchObject({ error_code: 'MALFORMED_REQUEST' });
    }
  });

  it('a content type other than application/json is 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1']) {
      const res = await credit(splitOf(LOW_RISK), { 'content-type': type });
      expect(res.status, type).toBe(415);
    }
    expect((await credit(splitOf(LOW_RISK), { 'content-type': 'application/json; charset=utf-8' })).status).toBe(200);
  });

  it('hostile payloads as input_data never crash the server (400/413/424 only)', async () => {
    const random = seededRandom(7);
    for (let i = 0; i < 48; i++) {
      let body: string;
      try {
        body = JSON.stringify({ input_data: hostilePayload(random, i) });
      } catch {
        continue; // cycles, BigInt: not JSON, never sent
      }
      const res = await credit(body);
      expect([400, 413, 424], `payload ${i}`).toContain(res.status);
    }
    const deep = `{"input_data":${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
    expect((await credit(deep)).status).toBe(400);
    expect((await credit(splitOf(LOW_RISK))).status).toBe(200);
  });
});

describe('HTTP-level abuse', () => {
  const status = (raw: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 0);

  it('paths are matched exactly: traversal and unknown paths are 404, wrong methods 405', async () => {
    for (const path of ['/../../etc/passwd', '/score/../swagger.json', '/%2e%2e/score', '/score/', '//score', '/score%00', '/./score', '/swagger.json/..']) {
      const raw = await fx.raw(CREDIT_HOST, `POST ${path} HTTP/1.1\r\nHost: ${CREDIT_HOST}\r\nAuthorization: Bearer ${token}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      expect(status(raw), path).toBe(404);
    }
    expect((await fx.request({ host: CREDIT_HOST, path: '/score', headers: { authorization: `Bearer ${token}` } })).status).toBe(405);
    expect((await fx.request({ host: CREDIT_HOST, method: 'POST', path: '/swagger.json', body: '{}' })).status).toBe(405);
    expect((await fx.request({ host: CREDIT_HOST, path: '/score?x=1', method: 'POST', body: splitOf(LOW_RISK), headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it('a header flood is 431 with a JSON body; garbage instead of HTTP is 400; the server keeps serving', async () => {
    const flood = Array.from({ length: 40 }, (_, i) => `X-Flood-${i}: ${'a'.repeat(500)}`).join('\r\n');
    const raw = await fx.raw(CREDIT_HOST, `POST /score HTTP/1.1\r\nHost: ${CREDIT_HOST}\r\n${flood}\r\n\r\n`);
    expect(status(raw)).toBe(431);
    expect(raw).toContain('"RequestHeaderFieldsTooLarge"');
    expect(status(await fx.raw(CREDIT_HOST, '\x16\x03\x01garbage\r\n\r\n'))).toBe(400);
    expect(status(await fx.raw(CREDIT_HOST, 'POST /score HTTP/1.1\r\nContent-Length: 0\r\n\r\n'))).toBe(400); // no Host
    expect((await credit(splitOf(LOW_RISK))).status).toBe(200);
  });

  it('Host may carry a port and upper case', async () => {
    const res = await fx.request({ host: CREDIT_HOST, method: 'POST', path: '/score', body: splitOf(LOW_RISK), headers: { Host: `${CREDIT_HOST.toUpperCase()}:443`, authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
  });
});

describe('TLS', () => {
  it('serves the sandbox-CA wildcard for the region, chosen by SNI', async () => {
    const socket = await fx.open(CREDIT_HOST);
    const cert = socket.getPeerCertificate();
    socket.destroy();
    expect(cert.subject.CN).toBe('*.westeurope.inference.ml.azure.com');
    expect(cert.subjectaltname).toBe('DNS:*.westeurope.inference.ml.azure.com');
  });

  it('fails verification for a name the certificate does not cover, or without the sandbox CA', async () => {
    for (const servername of ['evil.example.com', 'credit-ep.northeurope.inference.ml.azure.com', 'a.b.westeurope.inference.ml.azure.com']) {
      await expect(fx.request({ host: CREDIT_HOST, servername, path: '/swagger.json' }), servername).rejects.toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
    }
    await expect(fx.request({ host: CREDIT_HOST, path: '/swagger.json', ca: '' })).rejects.toMatchObject({ code: expect.stringMatching(/UNABLE_TO_VERIFY|SELF_SIGNED/) as unknown });
  });
});
