// InvokeService.prepare: score()'s checks once (payload, endpoint and policy, route, schema, a first
// credential), then send() as often as asked with the exact text checked; 401s seen together cost one renewal;
// a refused payload or a route that is down is refused by prepare with nothing sent; results carry no credential.
import { describe, expect, it } from 'vitest';
import { createInvokeService, type EndpointControlPlane, type InvokeCaller } from '../../../../../electron/services/invoke';
import type { RouteHttpRequest, RouteHttpResponse } from '../../../../../electron/services/routes';
import { AirlockError } from '../../../../../shared/errors/airlock-error';

const WS = '/subscriptions/5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourceGroups/rg-ml-private/providers/Microsoft.MachineLearningServices/workspaces/ws-credit-private';
const HOST = 'credit-ep.westeurope.inference.ml.azure.com';
const KEYS = ['key-SECRET-0001', 'key-SECRET-0002', 'key-SECRET-0003'];
const SWAGGER = JSON.stringify({
  swagger: '2.0',
  paths: { '/score': { post: { parameters: [{ in: 'body', schema: { type: 'object', required: ['input_data'], properties: { input_data: { type: 'array' } } } }] } } },
});

const TIMING = { queueMs: 1, dnsMs: null, connectMs: null, tlsMs: null, ttfbMs: 4, downloadMs: 1, totalMs: 6, reused: true };
const PAYLOAD = '{ "input_data": [[1, 2]] }';

function harness(options: { accept?: (auth: string | undefined) => number; routeDown?: boolean; authMode?: 'Key' | 'AMLToken' } = {}) {
  const sent: RouteHttpRequest[] = [];
  const calls = { endpoint: 0, keys: 0, tokens: 0, dataPlane: 0 };
  const controlPlane: EndpointControlPlane = {
    endpoint: async () => (calls.endpoint++, { authMode: options.authMode ?? 'Key', scoringUri: `https://${HOST}/score`, swaggerUri: `https://${HOST}/swagger.json`, deployments: ['blue'] }),
    amlToken: async () => (calls.tokens++, { accessToken: 'aml-SECRET-token', expiresAt: Date.parse('2026-12-05T00:00:00Z'), refreshAfter: Date.parse('2026-12-04T12:00:00Z') }),
    endpointKeys: async () => ({ primaryKey: KEYS[Math.min(calls.keys++, KEYS.length - 1)]!, secondaryKey: null }),
  };
  const accept = options.accept ?? (() => 200);
  const client = {
    async request(req: RouteHttpRequest): Promise<RouteHttpResponse> {
      sent.push(req);
      if (req.signal?.aborted) throw req.signal.reason;
      await new Promise((resolve) => setImmediate(resolve)); // concurrent sends overlap
      const status = req.url.endsWith('/swagger.json') ? 200 : accept(req.headers?.authorization);
      return { status, headers: {}, body: Buffer.from(req.url.endsWith('/swagger.json') ? SWAGGER : `echo ${req.headers?.authorization}`), timing: TIMING };
    },
    close() {},
  };
  const service = createInvokeService({ controlPlane, mlToken: async () => 'aad', settings: () => null, clock: { now: () => new Date('2026-12-04T06:00:00Z'), monotonicMs: () => 0 }, logger: { log: () => undefined } });
  const caller: InvokeCaller = {
    accountId: 'oid.tid',
    environmentId: 'Sandbox',
    dataPlane: () => {
      calls.dataPlane++;
      if (options.routeDown) throw new AirlockError('E_ROUTE_DOWN', { details: { via: 'jump' } });
      return { client, via: 'jump', id: 'Sandbox/jump' };
    },
  };
  const posts = () => sent.filter((r) => r.url.endsWith('/score'));
  return { service, caller, sent, posts, calls };
}


describe('InvokeService.prepare', () => {
  it('checks once, then each send POSTs the exact text with the credential and returns status and timings only', async () => {
    const h = harness();
    const prepared = await h.service.prepare(h.caller, { workspaceId: WS, endpointName: 'credit-ep', deploymentName: 'blue', payload: PAYLOAD });
    expect(prepared).toMatchObject({ via: 'jump', routeId: 'Sandbox/jump', authMode: 'Key' });
    expect(h.calls).toMatchObject({ endpoint: 1, keys: 1, dataPlane: 1 });
    const results = await Promise.all(Array.from({ length: 10 }, () => prepared.send()));
    expect(results[0]).toEqual({ status: 200, ok: true, bodyBytes: `echo Bearer ${KEYS[0]}`.length, timing: TIMING });
    expect(h.posts()).toHaveLength(10);
    expect(h.posts().every((p) => p.body === PAYLOAD && p.headers?.['azureml-model-deployment'] === 'blue' && p.headers?.authorization === `Bearer ${KEYS[0]}`)).toBe(true);
    expect(h.calls).toMatchObject({ endpoint: 1, keys: 1, dataPlane: 1 });
    expect(h.sent.filter((r) => r.url.endsWith('/swagger.json'))).toHaveLength(1);
    expect(JSON.stringify(results)).not.toContain('SECRET');
  });

  it('a key refused by many sends at once is fetched again once, and each retries once with it', async () => {
    const h = harness({ accept: (auth) => (auth === `Bearer ${KEYS[0]}` ? 401 : 200) });
    const prepared = await h.service.prepare(h.caller, { workspaceId: WS, endpointName: 'credit-ep', payload: PAYLOAD });
    const results = await Promise.all(Array.from({ length: 8 }, () => prepared.send()));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(h.calls.keys).toBe(2);
    expect(h.posts().map((p) => p.headers?.authorization).filter((a) => a === `Bearer ${KEYS[1]}`)).toHaveLength(8);
  });

  it('a key that stays refused: each send answers 401 after one retry (the runner decides to stop)', async () => {
    const h = harness({ accept: () => 401 });
    const prepared = await h.service.prepare(h.caller, { workspaceId: WS, endpointName: 'credit-ep', payload: PAYLOAD });
    expect((await prepared.send()).status).toBe(401);
    expect((await prepared.send()).status).toBe(401);
    expect(h.posts()).toHaveLength(4);
  });

  it('the caller\'s signal reaches the request; a disposed prepared score sends nothing', async () => {
    const h = harness();
    const prepared = await h.service.prepare(h.caller, { workspaceId: WS, endpointName: 'credit-ep', payload: PAYLOAD });
    const stop = new AbortController();
    stop.abort(new AirlockError('E_TIMEOUT'));
    await expect(prepared.send(stop.signal)).rejects.toMatchObject({ code: 'E_TIMEOUT' });
    expect(h.posts()[0]!.signal).toBe(stop.signal);
    prepared.dispose();
    await expect(prepared.send()).rejects.toMatchObject({ code: 'E_UNAVAILABLE' });
    expect(h.posts()).toHaveLength(1);
  });

  it('refuses before anything is sent: bad JSON, a schema break, a route that is down', async () => {
    const h = harness();
    await expect(h.service.prepare(h.caller, { workspaceId: WS, endpointName: 'credit-ep', payload: '{nope' })).rejects.toMatchObject({ code: 'E_PAYLOAD_INVALID' });
    await expect(h.service.prepare(h.caller, { workspaceId: WS, endpointName: 'credit-ep', payload: '{"input_data":7}' })).rejects.toMatchObject({ code: 'E_PAYLOAD_INVALID', details: { pointer: '/input_data' } });
    expect(h.posts()).toEqual([]);
    const down = harness({ routeDown: true });
    await expect(down.service.prepare(down.caller, { workspaceId: WS, endpointName: 'credit-ep', payload: PAYLOAD })).rejects.toMatchObject({ code: 'E_ROUTE_DOWN' });
    expect(down.sent).toEqual([]);
    expect(down.calls.keys).toBe(0);
  });

  it('AMLToken: one getToken for prepare and every send', async () => {
    const h = harness({ authMode: 'AMLToken' });
    const prepared = await h.service.prepare(h.caller, { workspaceId: WS, endpointName: 'credit-ep', payload: PAYLOAD });
    await Promise.all(Array.from({ length: 20 }, () => prepared.send()));
    expect(h.calls.tokens).toBe(1);
  });
});
