// Failure codes produced by the conditions that cause them: 408 when simulated model execution outlasts
// the deployment's requestTimeoutMs, 429 past 2 * maxConcurrentRequestsPerInstance * instanceCount pending
// requests, 413 past the 1.5 MiB body cap, 424 when the model itself throws. Time passes only through the
// manual Sleep (the `params.simulated_latency_ms` knob); nothing here waits on the wall clock.
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../../../sandbox/scoring';
import { CREDIT_HOST, HIGH_RISK, LOW_RISK, SENTIMENT_HOST, splitOf, startScoringFixture, type ScoringFixture } from './scoring-fixture';

let fx: ScoringFixture;
beforeAll(async () => {
  fx = await startScoringFixture();
});
afterAll(async () => {
  await fx.stop();
});

const withLatency = (ms: number) => ({ ...splitOf(LOW_RISK), params: { simulated_latency_ms: ms } });

describe('408 request timeout', () => {
  it('answers 408 at the deployment timeout (5000 ms) when execution would take longer', async () => {
    const pending = fx.score(CREDIT_HOST, await fx.amlToken(), withLatency(6000), { 'azureml-model-deployment': 'blue' });
    await fx.clock.waitForPending(2); // the execution and the timeout
    fx.clock.advance(4999);
    expect(fx.clock.pending()).toBe(2);
    fx.clock.advance(1);
    const res = await pending;
    expect(res.status).toBe(408);
    expect(res.headers['azureml-model-deployment']).toBe('blue');
    expect(res.json()).toMatchObject({ error: { code: 'RequestTimeout' } });
    expect(fx.clock.pending()).toBe(0);
  });

  it('answers 200 when execution finishes within the timeout, and uses each deployment’s own timeout', async () => {
    const ok = fx.score(CREDIT_HOST, await fx.amlToken(), withLatency(4000), { 'azureml-model-deployment': 'blue' });
    await fx.clock.waitForPending(2);
    fx.clock.advance(4000);
    expect((await ok).status).toBe(200);
    expect(fx.clock.pending()).toBe(0);

    // sentiment-ep/main has requestTimeoutMs 2000
    const slow = fx.score(SENTIMENT_HOST, fx.key(), { input_data: ['fine'], params: { simulated_latency_ms: 3000 } });
    await fx.clock.waitForPending(2);
    fx.clock.advance(2000);
    expect((await slow).status).toBe(408);
  });

  it('rejects a latency knob that is not a non-negative integer with 400', async () => {
    for (const bad of [-1, 1.5, '100', 10_000_000]) {
      const res = await fx.score(CREDIT_HOST, await fx.amlToken(), { ...splitOf(LOW_RISK), params: { simulated_latency_ms: bad } });
      expect(res.status, String(bad)).toBe(400);
    }
  });
});

describe('429 too many pending requests', () => {
  it('sentiment-ep/main (1 instance, 1 concurrent) holds 2 pending requests and refuses the 3rd', async () => {
    const hold = { input_data: ['great'], params: { simulated_latency_ms: 1000 } };
    const first = fx.score(SENTIMENT_HOST, fx.key(), hold);
    const second = fx.score(SENTIMENT_HOST, fx.key(), hold);
    await fx.clock.waitForPending(4);
    const third = await fx.score(SENTIMENT_HOST, fx.key(), { input_data: ['great'] });
    expect(third.status).toBe(429);
    expect(third.json()).toMatchObject({ error: { code: 'TooManyRequests' } });
    // Another deployment of the same endpoint has its own budget.
    expect((await fx.score(SENTIMENT_HOST, fx.key(), { input_data: ['x'] }, { 'azureml-model-deployment': 'broken' })).status).toBe(424);

    fx.clock.advance(1000);
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    expect((await fx.score(SENTIMENT_HOST, fx.key(), { input_data: ['great'] })).status).toBe(200);
  });

  it('frees the slots of requests whose client went away', async () => {
    const body = JSON.stringify({ input_data: ['a'], params: { simulated_latency_ms: 1000 } });
    const request = [
      'POST /score HTTP/1.1',
      `Host: ${SENTIMENT_HOST}`,
      `Authorization: Bearer ${fx.key()}`,
      'Content-Type: application/json',
      `Content-Length: ${Buffer.byteLength(body)}`,
      '',
      body,
    ].join('\r\n');
    const sockets = [fx.open(SENTIMENT_HOST), fx.open(SENTIMENT_HOST)];
    for (const s of sockets) (await s).write(request);
    await fx.clock.waitForPending(4);
    for (const s of sockets) (await s).destroy();
    await fx.clock.waitForAtMost(0);

    const hold = { input_data: ['great'], params: { simulated_latency_ms: 10 } };
    const again = [fx.score(SENTIMENT_HOST, fx.key(), hold), fx.score(SENTIMENT_HOST, fx.key(), hold)];
    await fx.clock.waitForPending(4);
    fx.clock.advance(10);
    expect((await Promise.all(again)).map((r) => r.status)).toEqual([200, 200]);
  });
});

describe('413 payload too large', () => {
  it('answers 413 from Content-Length alone, before reading or checking anything else', async () => {
    const res = await fx.request({ host: CREDIT_HOST, method: 'POST', path: '/score', body: Buffer.alloc(MAX_BODY_BYTES + 1, 0x20), headers: { authorization: 'Bearer whatever' } });
    expect(res.status).toBe(413);
    expect(res.json()).toMatchObject({ error: { code: 'PayloadTooLarge' } });
  });

  it('answers 413 to a chunked body that grows past the cap, without buffering it', async () => {
    const token = await fx.amlToken();
    const res = await new Promise<number>((resolve, reject) => {
      const req = https.request(
        {
          host: '127.0.0.1',
          port: fx.scoring.port,
          servername: CREDIT_HOST,
          ca: fx.ctx.ca.certPem,
          method: 'POST',
          path: '/score',
          agent: false,
          headers: { Host: CREDIT_HOST, authorization: `Bearer ${token}`, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        },
        (r) => {
          r.resume();
          resolve(r.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      for (let sent = 0; sent <= MAX_BODY_BYTES; sent += chunk.length) req.write(chunk);
      req.end();
    });
    expect(res).toBe(413);
  });

  it('accepts a body just under the cap', async () => {
    const rows = Array.from({ length: 1000 }, () => Object.values(HIGH_RISK));
    const res = await fx.score(CREDIT_HOST, await fx.amlToken(), { input_data: rows });
    expect(res.status).toBe(200);
    expect((res.json() as number[]).length).toBe(1000);
  });
});

describe('424 model error', () => {
  it('a value the model cannot take (income <= 0 → log) makes the model throw: 424 with the error headers', async () => {
    const res = await fx.score(CREDIT_HOST, await fx.amlToken(), splitOf({ ...LOW_RISK, income: -5 }));
    expect(res.status).toBe(424);
    expect(res.headers['x-ms-run-function-failed']).toBe('True');
    expect(res.headers['ms-azureml-model-error-statuscode']).toBe('500');
    expect(res.headers['ms-azureml-model-error-reason']).toMatch(/^ValueError: Input X contains infinity/);
  });
});

describe('stop()', () => {
  it('ends requests held in model execution and closes the server, leaving no sleep behind', async () => {
    const own = await startScoringFixture();
    const held = own.score(SENTIMENT_HOST, own.key(), { input_data: ['a'], params: { simulated_latency_ms: 60_000 } }).then(
      (res) => res.status,
      (error: NodeJS.ErrnoException) => error.code,
    );
    await own.clock.waitForPending(2);
    await own.stop();
    expect(await held).toBe('ECONNRESET');
    expect(own.clock.pending()).toBe(0);
    expect(own.ctx.events.map((e) => e.event)).toContain('scoring.stopped');
  });
});
