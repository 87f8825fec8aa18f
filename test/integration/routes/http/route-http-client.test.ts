// The data-plane HTTP client over a route, against the real sandbox scoring server: every socket is a
// loopback stream the fake route opens (as an SSH channel or a Bastion tunnel would), with real TLS on top
// verified against the endpoint's real host name and the sandbox CA. No test dials anything but 127.0.0.1.
import { once } from 'node:events';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AirlockError } from '../../../../shared/errors/airlock-error';
import { createEnvironmentTrust, createRouteHttpClient, type RouteHttpClient } from '../../../../electron/services/routes';
import type { RouteConnection } from '../../../../electron/services/routes';
import { CREDIT_HOST, LOW_RISK, HIGH_RISK, splitOf, startScoringFixture, type ScoringFixture } from '../../sandbox/scoring/scoring-fixture';
import { createLoopbackRoute, type LoopbackRoute } from './loopback-route';

const PARTIAL_HOST = 'partial-ep.westeurope.inference.ml.azure.com';
const REDIRECT_HOST = 'redirect-ep.westeurope.inference.ml.azure.com';
const MISMATCH_HOST = 'credit-ep.northeurope.inference.ml.azure.com';

let fx: ScoringFixture;
let oddServer: https.Server;
let oddPort: number;
let redirectHits = 0;

async function failure(promise: Promise<unknown>): Promise<AirlockError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AirlockError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

function routeFor(): LoopbackRoute {
  return createLoopbackRoute((host, port) => {
    if (port !== 443) return null;
    if (host === PARTIAL_HOST || host === REDIRECT_HOST) return oddPort;
    if (host === MISMATCH_HOST) return fx.scoring.port; // the scoring server answers with a certificate for another region
    return fx.network.route(host, port)?.port ?? null;
  });
}

function clientOver(route: (host: string) => RouteConnection | null, environment = { id: 'Sandbox', caCertPath: fx.ctx.ca.certPath }): RouteHttpClient {
  return createRouteHttpClient({ environment, trust: createEnvironmentTrust(), route, via: 'jump' });
}

const score = async (client: RouteHttpClient, body: unknown, extra: { deadlineMs?: number; headers?: Record<string, string> } = {}) =>
  client.request({
    url: `https://${CREDIT_HOST}/score`,
    method: 'POST',
    headers: { authorization: `Bearer ${await fx.amlToken()}`, 'content-type': 'application/json', ...extra.headers },
    body: JSON.stringify(body),
    ...(extra.deadlineMs ? { deadlineMs: extra.deadlineMs } : {}),
  });

beforeAll(async () => {
  fx = await startScoringFixture();
  const cert = await fx.ctx.ca.issue({ dnsNames: [PARTIAL_HOST, REDIRECT_HOST] });
  oddServer = https.createServer({ key: cert.keyPem, cert: cert.certPem }, (req, res) => {
    if (req.headers.host === REDIRECT_HOST) {
      redirectHits += 1;
      // /big: a redirect with a body larger than any caller's cap (it must be discarded, never read in).
      res.writeHead(302, { location: `https://${CREDIT_HOST}/score` }).end(req.url === '/big' ? 'x'.repeat(256 * 1024) : undefined);
      return;
    }
    if (req.url === '/chunked') {
      // No Content-Length: 64 chunks of 4 KiB (256 KiB), sent as they come.
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      for (let i = 0; i < 64; i++) res.write(Buffer.alloc(4096, i));
      res.end();
      return;
    }
    // Headers and half the promised body, then the stream dies.
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
    res.write('['.padEnd(400, '1'), () => res.destroy());
  });
  oddServer.listen(0, '127.0.0.1');
  await once(oddServer, 'listening');
  oddPort = (oddServer.address() as AddressInfo).port;
});

afterAll(async () => {
  oddServer.close();
  await fx.stop();
});

describe('data-plane HTTP over a route', () => {
  it('scores over the route with TLS for the real host name, and reuses the connection', async () => {
    const route = routeFor();
    const client = clientOver(() => route);
    const first = await score(client, splitOf(LOW_RISK));
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body.toString('utf8'))).toHaveLength(1);
    expect(first.timing.reused).toBe(false);
    expect(first.timing.connectMs).not.toBeNull();
    expect(first.timing.tlsMs).not.toBeNull();
    const second = await score(client, splitOf(LOW_RISK, HIGH_RISK));
    expect(second.status).toBe(200);
    expect(JSON.parse(second.body.toString('utf8'))).toHaveLength(2);
    expect(second.timing).toMatchObject({ reused: true, connectMs: null, tlsMs: null });
    expect(route.opened).toEqual([`${CREDIT_HOST}:443`]);
    client.close();
  });

  describe('timing phases (undici diagnostics channels and the route’s own DNS)', () => {
    type Timing = Awaited<ReturnType<typeof score>>['timing'];
    /** Present phases are non-negative, and, as they never overlap, add up to at most the total. */
    const consistent = (t: Timing) => {
      for (const ms of [t.queueMs, t.dnsMs, t.connectMs, t.tlsMs, t.ttfbMs, t.downloadMs]) if (ms !== null) expect(ms).toBeGreaterThanOrEqual(0);
      const sum = t.queueMs + (t.dnsMs ?? 0) + (t.connectMs ?? 0) + (t.tlsMs ?? 0) + t.ttfbMs + t.downloadMs;
      expect(sum).toBeLessThanOrEqual(t.totalMs + 1e-6);
    };

    it('a route whose far side resolves the name (SSH, Bastion): dns null, connect and tls on the fresh connection, none on the kept-alive one', async () => {
      const route = routeFor();
      const client = clientOver(() => route);
      const first = await score(client, splitOf(LOW_RISK));
      expect(first.timing).toMatchObject({ reused: false, dnsMs: null, connectMs: expect.any(Number) as unknown, tlsMs: expect.any(Number) as unknown, ttfbMs: expect.any(Number) as unknown, downloadMs: expect.any(Number) as unknown });
      consistent(first.timing);
      const second = await score(client, splitOf(LOW_RISK));
      expect(second.timing).toMatchObject({ reused: true, dnsMs: null, connectMs: null, tlsMs: null });
      consistent(second.timing);
      client.close();
    });

    it('a route that resolves the name itself (VPN) reports that lookup as the dns phase of a fresh connection only', async () => {
      const inner = routeFor();
      const resolvedBeforeStream: boolean[] = [];
      const route: RouteConnection = {
        ...inner,
        openStream: async (host, port, signal, phases) => {
          phases?.resolved?.(); // as the VPN route does once its posture check answered
          resolvedBeforeStream.push(phases?.resolved !== undefined);
          return inner.openStream(host, port, signal);
        },
        onDrop: (listener) => inner.onDrop(listener),
      };
      const client = clientOver(() => route);
      const first = await score(client, splitOf(LOW_RISK));
      expect(resolvedBeforeStream).toEqual([true]);
      expect(first.timing).toMatchObject({ reused: false, dnsMs: expect.any(Number) as unknown, connectMs: expect.any(Number) as unknown, tlsMs: expect.any(Number) as unknown });
      consistent(first.timing);
      const second = await score(client, splitOf(HIGH_RISK));
      expect(second.timing).toMatchObject({ reused: true, dnsMs: null, connectMs: null, tlsMs: null });
      consistent(second.timing);
      client.close();
    });
  });

  it('refuses with E_ROUTE_DOWN when no route is up, and never falls back', async () => {
    const client = clientOver(() => null);
    const error = await failure(score(client, splitOf(LOW_RISK)));
    expect(error.code).toBe('E_ROUTE_DOWN');
    expect(error.details).toMatchObject({ via: 'jump', host: CREDIT_HOST });
  });

  it("takes the route manager's own answer: the getter is told the host, and its E_ROUTE_DOWN passes through", async () => {
    const asked: string[] = [];
    const managerWords = new AirlockError('E_ROUTE_DOWN', { message: 'No route is up: connect the SSH jump host first.', details: { via: 'jump' } });
    const client = clientOver((host) => {
      asked.push(host);
      throw managerWords;
    });
    expect(await failure(score(client, splitOf(LOW_RISK)))).toBe(managerWords);
    expect(asked).toEqual([CREDIT_HOST]);
  });

  it('refuses plain http', async () => {
    const route = routeFor();
    const error = await failure(clientOver(() => route).request({ url: `http://${CREDIT_HOST}/score` }));
    expect(error.code).toBe('E_BAD_REQUEST');
    expect(route.opened).toEqual([]);
  });

  it('E_TLS name-mismatch when the certificate does not cover the name asked for', async () => {
    const route = routeFor();
    const error = await failure(clientOver(() => route).request({ url: `https://${MISMATCH_HOST}/swagger.json` }));
    expect(error.code).toBe('E_TLS');
    expect(error.details).toEqual({ reason: 'name-mismatch' });
    expect(error.message).toContain(MISMATCH_HOST);
  });

  it('E_TLS unknown-ca when the environment does not trust the signer', async () => {
    const route = routeFor();
    const error = await failure(clientOver(() => route, { id: 'NoSandboxCa', caCertPath: undefined as unknown as string }).request({ url: `https://${CREDIT_HOST}/swagger.json` }));
    expect(error.code).toBe('E_TLS');
    expect(error.details).toEqual({ reason: 'unknown-ca' });
  });

  it('E_UNREACHABLE when the route cannot reach the host', async () => {
    const route = routeFor();
    const error = await failure(clientOver(() => route).request({ url: 'https://nothing-ep.westeurope.inference.ml.azure.com/score' }));
    expect(error.code).toBe('E_UNREACHABLE');
  });

  it('E_TIMEOUT past the deadline while the model runs', async () => {
    const route = routeFor();
    const client = clientOver(() => route);
    const pending = failure(score(client, { ...splitOf(LOW_RISK), params: { simulated_latency_ms: 60_000 } }, { deadlineMs: 300 }));
    const error = await pending;
    expect(error.code).toBe('E_TIMEOUT');
    fx.clock.advance(60_000);
    client.close();
  });

  it('E_ROUTE_DROPPED when the stream dies while the request waits for its answer', async () => {
    const route = routeFor();
    const client = clientOver(() => route);
    const pending = failure(score(client, { ...splitOf(LOW_RISK), params: { simulated_latency_ms: 60_000 } }));
    await fx.clock.waitForPending(1);
    route.killStreams();
    const error = await pending;
    expect(error.code).toBe('E_ROUTE_DROPPED');
    expect(error.retryable).toBe(true);
    expect(error.details).toEqual({ via: 'jump' });
    fx.clock.advance(60_000);
    await fx.clock.waitForAtMost(0);
  });

  it('E_ROUTE_DROPPED when the stream dies in the middle of the body', async () => {
    const route = routeFor();
    const error = await failure(clientOver(() => route).request({ url: `https://${PARTIAL_HOST}/score` }));
    expect(error.code).toBe('E_ROUTE_DROPPED');
  });

  it('returns a redirect as it is and never follows it', async () => {
    const route = routeFor();
    const before = redirectHits;
    const answer = await clientOver(() => route).request({ url: `https://${REDIRECT_HOST}/score`, method: 'POST', headers: { authorization: 'Bearer not-a-token' }, body: '{}' });
    expect(answer.status).toBe(302);
    expect(answer.headers['location']).toBe(`https://${CREDIT_HOST}/score`);
    expect(redirectHits - before).toBe(1);
    expect(route.opened).toEqual([`${REDIRECT_HOST}:443`]);
  });

  it("discards a redirect's body instead of reading it: the 3xx comes back with an empty body whatever its size", async () => {
    const route = routeFor();
    const answer = await clientOver(() => route).request({ url: `https://${REDIRECT_HOST}/big`, maxResponseBytes: 1024 });
    expect(answer.status).toBe(302);
    expect(answer.body.length).toBe(0);
  });

  it('reads an answer without Content-Length (chunked) whole, and refuses one that grows past maxResponseBytes', async () => {
    const route = routeFor();
    const whole = await clientOver(() => route).request({ url: `https://${PARTIAL_HOST}/chunked` });
    expect(whole.status).toBe(200);
    expect(whole.headers['content-length']).toBeUndefined();
    expect(whole.body.length).toBe(64 * 4096);
    expect(whole.body[63 * 4096]).toBe(63);
    const error = await failure(clientOver(() => route).request({ url: `https://${PARTIAL_HOST}/chunked`, maxResponseBytes: 10_000 }));
    expect(error.code).toBe('E_UNAVAILABLE');
    expect(error.details).toMatchObject({ reason: 'response-too-large' });
  });

  it('refuses an answer whose Content-Length is larger than maxResponseBytes', async () => {
    const route = routeFor();
    const error = await failure(
      clientOver(() => route).request({ url: `https://${CREDIT_HOST}/swagger.json`, headers: { authorization: `Bearer ${await fx.amlToken()}` }, maxResponseBytes: 64 }),
    );
    expect(error.code).toBe('E_UNAVAILABLE');
    expect(error.details).toMatchObject({ reason: 'response-too-large' });
  });

  it('a reconnected route gets new streams; the dead route is not asked again', async () => {
    const first = routeFor();
    let current: LoopbackRoute = first;
    const client = clientOver(() => current);
    expect((await score(client, splitOf(LOW_RISK))).status).toBe(200);
    // The manager hands out a new connection (the old tunnel may look alive, its sockets not yet noticed dead).
    const second = routeFor();
    current = second;
    expect((await score(client, splitOf(LOW_RISK))).status).toBe(200);
    expect(first.opened).toHaveLength(1);
    expect(second.opened).toHaveLength(1);
    client.close();
  });

  it('a dropped route that is still handed out fails typed, never on an old socket', async () => {
    const route = routeFor();
    const client = clientOver(() => route);
    expect((await score(client, splitOf(LOW_RISK))).status).toBe(200);
    route.drop();
    const error = await failure(score(client, splitOf(LOW_RISK)));
    expect(error.code).toBe('E_ROUTE_DROPPED');
    expect(route.opened).toHaveLength(2);
  });

  it('50 concurrent requests over one route: every answer belongs to its request', async () => {
    const route = routeFor();
    const client = clientOver(() => route);
    const rows = (n: number) => splitOf(...Array.from({ length: n }, (_, i) => ({ ...LOW_RISK, age: 20 + ((n + i) % 50) })));
    const answers = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const id = `req-${i}`;
        const answer = await score(client, rows(i + 1), { headers: { 'x-ms-client-request-id': id } });
        return { i, id, answer };
      }),
    );
    const mixedUp = answers.filter(({ i, id, answer }) => answer.status !== 200 || answer.headers['x-ms-client-request-id'] !== id || (JSON.parse(answer.body.toString('utf8')) as unknown[]).length !== i + 1);
    expect(mixedUp).toEqual([]);
    expect(route.opened.length).toBeLessThanOrEqual(16);
    client.close();
  });
  it('the route drops mid-run: in-flight requests fail typed and retryable, later ones go over the new route', async () => {
    const old = routeFor();
    const fresh = routeFor();
    let current: LoopbackRoute = old;
    const client = clientOver(() => current);
    const rows = (n: number) => splitOf(...Array.from({ length: n }, () => LOW_RISK));
    const outcomes: Array<{ phase: 'before' | 'after'; ok: boolean; code?: string; retryable?: boolean }> = [];
    let done = 0;
    let switched = false;
    const one = async (i: number) => {
      const phase = switched ? 'after' : 'before';
      try {
        const answer = await score(client, rows((i % 5) + 1), { headers: { 'x-ms-client-request-id': `run-${i}` } });
        const right = answer.status === 200 && answer.headers['x-ms-client-request-id'] === `run-${i}` && (JSON.parse(answer.body.toString('utf8')) as unknown[]).length === (i % 5) + 1;
        outcomes.push({ phase, ok: right });
      } catch (error) {
        outcomes.push({ phase, ok: false, code: (error as AirlockError).code, retryable: (error as AirlockError).retryable });
      }
      done += 1;
      if (done === 50 && !switched) {
        switched = true;
        old.drop();
        current = fresh;
      }
    };
    let next = 0;
    await Promise.all(Array.from({ length: 50 }, async () => {
      while (next < 200) await one(next++);
    }));
    const failures = outcomes.filter((o) => !o.ok);
    expect(failures.every((f) => f.code === 'E_ROUTE_DROPPED' && f.retryable === true)).toBe(true);
    expect(outcomes.filter((o) => o.phase === 'after').every((o) => o.ok)).toBe(true);
    expect(outcomes).toHaveLength(200);
    expect(fresh.opened.length).toBeGreaterThan(0);
    client.close();
  });
  it('a request waiting for a busy connection stops at its deadline, and a caller’s cancel rejects with its reason', async () => {
    const route = routeFor();
    const client = createRouteHttpClient({ environment: { id: 'Sandbox', caCertPath: fx.ctx.ca.certPath }, trust: createEnvironmentTrust(), route: () => route, via: 'jump', maxConnectionsPerOrigin: 1 });
    const held = score(client, { ...splitOf(LOW_RISK), params: { simulated_latency_ms: 60_000 } });
    await fx.clock.waitForPending(1);
    expect((await failure(score(client, splitOf(LOW_RISK), { deadlineMs: 200 }))).code).toBe('E_TIMEOUT');
    const cancel = new AbortController();
    const reason = new AirlockError('E_AUTH_REQUIRED', { message: 'cancelled by the test' });
    const cancelled = client.request({ url: `https://${CREDIT_HOST}/swagger.json`, signal: cancel.signal });
    cancel.abort(reason);
    await expect(cancelled).rejects.toBe(reason);
    fx.clock.advance(60_000);
    expect((await held).status).toBe(408); // the held one still gets its own answer: the deployment times the 60 s model run out
    expect(route.opened).toHaveLength(1);
    client.close();
  });
});
