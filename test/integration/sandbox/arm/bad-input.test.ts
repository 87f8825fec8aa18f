// Bad input gets Azure-shaped errors and never a crash: malformed JSON, unknown or missing api-version,
// path traversal in names, oversized bodies, header floods, unparseable HTTP, unsupported methods. After
// every case the server still answers a normal request.
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, startArmFixture, SUB, WS_PATH, type ArmFixture, type RawResponse } from './arm-fixture';

const ALICE = 'alice@contoso.test';

function expectEnvelope(res: RawResponse, status: number, code: string): void {
  expect(res.status, res.text).toBe(status);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(res.headers['x-ms-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  const body = res.json();
  expect(body.error?.code).toBe(code);
  expect(typeof body.error?.message).toBe('string');
  expect(res.text).not.toMatch(/\bat .+\.(ts|js):\d+/);
}

/** Writes raw bytes over a verified TLS connection and returns everything the server sent before closing. */
function rawTls(port: number, ca: string, bytes: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, ca, servername: 'localhost' }, () => {
      socket.write(bytes);
    });
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', (e: Error) => (chunks.length > 0 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(e)));
  });
}

describe('ARM emulator bad input', () => {
  let f: ArmFixture;
  let token: string;
  const stillServing = async () => {
    const res = await f.raw('GET', `${WS_PATH}?${API}`, { token });
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    f = await startArmFixture();
    token = await f.tokenFor(ALICE);
  });
  afterAll(async () => f.close());

  it('malformed JSON and invalid fields in a POST body → 400 InvalidRequestContent', async () => {
    const logs = `${WS_PATH}/onlineEndpoints/credit-ep/deployments/blue/getLogs?${API}`;
    expectEnvelope(await f.raw('POST', logs, { token, body: '{"containerType": ', headers: { 'content-type': 'application/json' } }), 400, 'InvalidRequestContent');
    expectEnvelope(await f.raw('POST', logs, { token, body: '[1,2]' }), 400, 'InvalidRequestContent');
    expectEnvelope(await f.raw('POST', logs, { token, body: '{"containerType":"Shell"}' }), 400, 'InvalidRequestContent');
    expectEnvelope(await f.raw('POST', logs, { token, body: '{"tail":-5}' }), 400, 'InvalidRequestContent');
    expectEnvelope(await f.raw('POST', `${WS_PATH}/onlineEndpoints/credit-ep/token?${API}`, { token, body: '{oops' }), 400, 'InvalidRequestContent');
    await stillServing();
  });

  it('missing or unknown api-version → 400', async () => {
    expectEnvelope(await f.raw('GET', WS_PATH, { token }), 400, 'MissingApiVersionParameter');
    const unknown = await f.raw('GET', `${WS_PATH}?api-version=2099-01-01`, { token });
    expectEnvelope(unknown, 400, 'InvalidApiVersionParameter');
    expect(unknown.json().error?.message).toContain('2024-04-01');
    expectEnvelope(await f.raw('GET', `${WS_PATH}?api-version=%00%ff`, { token }), 400, 'InvalidApiVersionParameter');
    await stillServing();
  });

  it.each([
    ['dot-dot segment', `/subscriptions/${SUB}/resourceGroups/../resourceGroups/rg-ml-private?${API}`],
    ['encoded dot-dot', `${WS_PATH}/models/%2e%2e?${API}`],
    ['encoded slash', `${WS_PATH}/models/..%2F..%2Fsecrets?${API}`],
    ['encoded backslash', `${WS_PATH}/models/a%5Cb?${API}`],
    ['NUL byte', `${WS_PATH}/models/a%00b?${API}`],
    ['broken percent-encoding', `${WS_PATH}/models/%zz?${API}`],
    ['empty segment', `/subscriptions//resourceGroups?${API}`],
  ])('path traversal: %s → 400 InvalidResourceName', async (_name, path) => {
    expectEnvelope(await f.raw('GET', path, { token }), 400, 'InvalidResourceName');
    await stillServing();
  });

  it('unknown paths and unsupported methods → 404 / 405 envelopes', async () => {
    expectEnvelope(await f.raw('GET', `${WS_PATH}/computes?${API}`, { token }), 404, 'InvalidResourceType');
    expectEnvelope(await f.raw('GET', `/nothing/here?${API}`, { token }), 404, 'NotFound');
    const put = await f.raw('PUT', `${WS_PATH}?${API}`, { token, body: '{}' });
    expectEnvelope(put, 405, 'MethodNotAllowed');
    expect(put.headers['allow']).toBe('GET');
    expectEnvelope(await f.raw('GET', `${WS_PATH}/models?${API}&$skipToken=abc`, { token }), 400, 'InvalidQueryParameterValue');
    await stillServing();
  });

  it('an oversized body → 413 RequestEntityTooLarge, and the server keeps serving', async () => {
    const big = Buffer.alloc(2 * 1024 * 1024, 0x61);
    expectEnvelope(await f.raw('POST', `${WS_PATH}/onlineEndpoints/credit-ep/token?${API}`, { token, body: big }), 413, 'RequestEntityTooLarge');
    await stillServing();
  });

  it('a body declared far past the cap is refused at once and the connection closed', async () => {
    const answer = await rawTls(
      f.arm.port,
      f.ctx.ca.certPem,
      `POST ${WS_PATH}/onlineEndpoints/credit-ep/token?${API} HTTP/1.1\r\nHost: localhost\r\nContent-Length: 500000000\r\n\r\nabc`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toContain('"code":"RequestEntityTooLarge"');
    await stillServing();
  });

  it('header floods → 431 with an ARM envelope', async () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 150; i++) many[`x-flood-${i}`] = 'x';
    expectEnvelope(await f.raw('GET', `${WS_PATH}?${API}`, { token, headers: many }), 431, 'RequestHeaderFieldsTooLarge');
    expectEnvelope(await f.raw('GET', `${WS_PATH}?${API}`, { token, headers: { 'x-huge': 'y'.repeat(64 * 1024) } }), 431, 'RequestHeaderFieldsTooLarge');
    await stillServing();
  });

  it('unparseable HTTP → 400 envelope, then close', async () => {
    const answer = await rawTls(f.arm.port, f.ctx.ca.certPem, 'THIS IS NOT HTTP\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('"error":{"code":"BadRequest"');
    await stillServing();
  });

  it('a nextLink follows the Host the caller used, never a malformed one', async () => {
    const ctxSeed = f.ctx.seed;
    expect(ctxSeed.arm.pageSize).toBeGreaterThan(0);
    const res = await f.raw('GET', `${WS_PATH}/models?${API}&count=1`, { token, headers: { host: `127.0.0.1:${f.arm.port}` } });
    expect(res.json()['nextLink']).toBe(`https://127.0.0.1:${f.arm.port}${WS_PATH}/models?${API}&count=1&$skipToken=1`);
    const odd = await f.raw('GET', `${WS_PATH}/models?${API}&count=1`, { token, headers: { host: 'evil"host/../' } });
    expect(odd.json()['nextLink']).toMatch(new RegExp(`^https://127\\.0\\.0\\.1:${f.arm.port}/`));
  });
});
