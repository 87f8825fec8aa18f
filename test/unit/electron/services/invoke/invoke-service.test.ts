import { describe, expect, it } from 'vitest';
import { createInvokeService, failureWords, type DataPlane, type EndpointControlPlane, type EndpointFacts, type InvokeCaller } from '../../../../../electron/services/invoke';
import type { ManagedSettings } from '../../../../../electron/services/policy';
import type { LogFields, Logger } from '../../../../../electron/services/ports';
import type { RouteHttpRequest, RouteHttpResponse } from '../../../../../electron/services/routes';
import { InvokeResultView } from '../../../../../shared/contract/schemas/endpoint';
import { AirlockError } from '../../../../../shared/errors/airlock-error';

const WS = '/subscriptions/5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourceGroups/rg-ml-private/providers/Microsoft.MachineLearningServices/workspaces/ws-credit-private';
const HOST = 'credit-ep.westeurope.inference.ml.azure.com';
const AML = 'aml-SECRET-token-0001';
const KEY1 = 'key-SECRET-primary-0001';
const KEY2 = 'key-SECRET-primary-0002';
const AAD = 'aad-SECRET-entra-0001';
const SWAGGER = JSON.stringify({
  swagger: '2.0',
  paths: { '/score': { post: { parameters: [{ in: 'body', schema: { $ref: '#/definitions/In' } }] } } },
  definitions: { In: { type: 'object', required: ['input_data'], properties: { input_data: { type: 'array' } }, example: { input_data: [[1]] } } },
});

type Answer = Partial<RouteHttpResponse> | AirlockError;

function harness(options: { authMode?: EndpointFacts['authMode']; answers?: (req: RouteHttpRequest) => Answer; settings?: Partial<ManagedSettings>; routeDown?: boolean } = {}) {
  const sent: RouteHttpRequest[] = [];
  const calls = { amlToken: 0, endpointKeys: 0, mlToken: [] as Array<boolean | undefined> };
  const lines: string[] = [];
  let keyVersion = 0;
  const controlPlane: EndpointControlPlane = {
    endpoint: async () => ({ authMode: options.authMode ?? 'AMLToken', scoringUri: `https://${HOST}/score`, swaggerUri: `https://${HOST}/swagger.json`, deployments: ['blue', 'green'] }),
    amlToken: async () => (calls.amlToken++, { accessToken: AML, expiresAt: Date.parse('2026-12-05T00:00:00Z'), refreshAfter: Date.parse('2026-12-04T12:00:00Z') }),
    endpointKeys: async () => (calls.endpointKeys++, { primaryKey: keyVersion++ === 0 ? KEY1 : KEY2, secondaryKey: null }),
  };
  const answer = options.answers ?? (() => ({}));
  const client = {
    async request(req: RouteHttpRequest): Promise<RouteHttpResponse> {
      sent.push(req);
      const a = req.url.endsWith('/swagger.json') ? { status: 200, body: Buffer.from(SWAGGER), headers: { 'azureml-model-deployment': 'blue' } } : answer(req);
      if (a instanceof AirlockError) throw a;
      return { status: 200, headers: {}, body: Buffer.from('[0.1]'), timing: { queueMs: 1, dnsMs: null, connectMs: 2, tlsMs: 3, ttfbMs: 10, downloadMs: 4, totalMs: 15, reused: false }, ...a };
    },
    close() {},
  };
  const plane: DataPlane = { client, via: 'jump', id: 'Sandbox/jump' };
  const logger: Logger = { log: (level, event, fields?: LogFields) => lines.push(`${level} ${event} ${JSON.stringify(fields ?? {})}`) };
  const service = createInvokeService({
    controlPlane,
    mlToken: async (_account, o) => (calls.mlToken.push(o?.forceRefresh), AAD),
    settings: () => (options.settings ? ({ maxPayloadBytes: { value: 1_048_576, managed: false }, endpointAuthModes: { value: ['AMLToken', 'Key', 'AADToken'], managed: false }, ...options.settings } as ManagedSettings) : null),
    clock: { now: () => new Date('2026-12-04T06:00:00Z'), monotonicMs: () => 0 },
    logger,
  });
  const vias: Array<string | undefined> = [];
  const caller: InvokeCaller = {
    accountId: 'oid.tid',
    environmentId: 'Sandbox',
    dataPlane: (via) => {
      vias.push(via);
      if (options.routeDown) throw new AirlockError('E_ROUTE_DOWN', { details: { via: 'jump' } });
      return plane;
    },
  };
  const score = (payload = '{"input_data":[[1,2]]}', extra: { deploymentName?: string; via?: 'vpn' | 'jump' | 'bastion' } = {}) => service.score(caller, { workspaceId: WS, endpointName: 'credit-ep', payload, ...extra });
  const scoring = () => sent.filter((r) => r.url.endsWith('/score'));
  return { service, caller, score, sent, scoring, calls, lines, vias };
}

async function rejection(promise: Promise<unknown>): Promise<AirlockError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AirlockError) return error;
    throw error;
  }
  throw new Error('resolved');
}

describe('invoke service', () => {
  it('POSTs the exact payload with the AML token to the scoring URI, and maps the answer', async () => {
    const h = harness({ answers: () => ({ headers: { 'x-request-id': 'req-1', 'azureml-model-deployment': 'blue', 'content-type': 'application/json' } }) });
    const payload = '{ "input_data" : [[1, 2]] }';
    const result = await h.score(payload);
    const post = h.scoring()[0]!;
    expect(post).toMatchObject({ url: `https://${HOST}/score`, method: 'POST', body: payload, headers: { authorization: `Bearer ${AML}`, 'content-type': 'application/json' } });
    expect(post.headers).not.toHaveProperty('azureml-model-deployment');
    expect(InvokeResultView.parse(result)).toEqual({
      status: 200,
      ok: true,
      requestId: 'req-1',
      modelDeployment: 'blue',
      runFunctionFailure: null,
      contentType: 'application/json',
      body: '[0.1]',
      bodyBytes: 5,
      bodyTruncated: false,
      failure: null,
      timings: { dnsMs: null, connectMs: 2, tlsMs: 3, ttfbMs: 10, downloadMs: 4, totalMs: 15 },
      authMode: 'AMLToken',
      route: { via: 'jump', id: 'Sandbox/jump' },
      historyId: null,
    });
  });

  it('targets one deployment with azureml-model-deployment (swagger read and score alike)', async () => {
    const h = harness();
    await h.score(undefined, { deploymentName: 'green', via: 'jump' });
    expect(h.sent.every((r) => r.headers?.['azureml-model-deployment'] === 'green')).toBe(true);
    expect(h.vias).toEqual(['jump']);
  });

  it('refuses a deployment the endpoint does not have, before anything is sent', async () => {
    const h = harness();
    expect((await rejection(h.score(undefined, { deploymentName: 'purple' }))).code).toBe('E_NOT_FOUND');
    expect(h.sent).toEqual([]);
  });

  it('a 424 is a result with the run() failure headers and words, not an error', async () => {
    const h = harness({ answers: () => ({ status: 424, headers: { 'x-ms-request-id': 'req-2', 'ms-azureml-model-error-statuscode': '500', 'ms-azureml-model-error-reason': 'model raised\u0007 KeyError' } }) });
    const result = await h.score();
    expect(result).toMatchObject({ status: 424, ok: false, requestId: 'req-2', runFunctionFailure: 'status 500: model raised KeyError', failure: failureWords(424) });
  });

  it('Key: fetches the keys again once after a 401 and retries once', async () => {
    const h = harness({ authMode: 'Key', answers: (req) => ({ status: req.headers?.authorization === `Bearer ${KEY1}` ? 401 : 200 }) });
    const result = await h.score();
    expect(result.status).toBe(200);
    expect(h.calls.endpointKeys).toBe(2);
    expect(h.scoring().map((r) => r.headers?.authorization)).toEqual([`Bearer ${KEY1}`, `Bearer ${KEY2}`]);
  });

  it('Key: a second 401 is shown as the result (one retry only)', async () => {
    const h = harness({ authMode: 'Key', answers: () => ({ status: 401 }) });
    const result = await h.score();
    expect(result).toMatchObject({ status: 401, failure: failureWords(401) });
    expect(h.scoring()).toHaveLength(2);
  });

  it('AADToken: an Entra ML token, refreshed once after a 401', async () => {
    let first = true;
    const h = harness({ authMode: 'AADToken', answers: () => (first ? ((first = false), { status: 401 }) : {}) });
    const result = await h.score();
    expect(result).toMatchObject({ status: 200, authMode: 'AADToken' });
    expect(h.scoring().map((r) => r.headers?.authorization)).toEqual([`Bearer ${AAD}`, `Bearer ${AAD}`]);
    expect(h.calls.mlToken.at(-1)).toBe(true);
  });

  it('concurrent invokes share one getToken', async () => {
    const h = harness();
    await Promise.all(Array.from({ length: 20 }, () => h.score()));
    expect(h.calls.amlToken).toBe(1);
  });

  it('checks size, JSON and schema before anything is sent', async () => {
    const h = harness({ settings: { maxPayloadBytes: { value: 16, managed: true } } });
    const big = await rejection(h.score('{"input_data":[[1,2,3,4,5]]}'));
    expect(big.code).toBe('E_PAYLOAD_TOO_LARGE');
    expect(h.sent).toEqual([]);
    const g = harness();
    expect((await rejection(g.score('{nope'))).details).toEqual({ reason: 'not-json' });
    expect((await rejection(g.score('{"input_data":7}'))).details).toMatchObject({ pointer: '/input_data', keyword: 'type', reason: 'schema' });
    expect(g.scoring()).toEqual([]);
  });

  it('no route up: E_ROUTE_DOWN, nothing sent, no credential fetched', async () => {
    const h = harness({ routeDown: true });
    expect((await rejection(h.score())).code).toBe('E_ROUTE_DOWN');
    expect(h.sent).toEqual([]);
    expect(h.calls.amlToken).toBe(0);
  });

  it('a route failure mid-request is a typed error, not a result', async () => {
    const h = harness({ answers: () => new AirlockError('E_TIMEOUT') });
    expect((await rejection(h.score())).code).toBe('E_TIMEOUT');
  });

  it("refuses an auth mode the policy does not allow", async () => {
    const h = harness({ authMode: 'Key', settings: { endpointAuthModes: { value: ['AADToken'], managed: true } } as unknown as Partial<ManagedSettings> });
    const error = await rejection(h.score());
    expect(error.code).toBe('E_POLICY_DENIED');
    expect(h.sent).toEqual([]);
  });

  it('payloadSchema: the schema text, samples, the limit in force and where it came from', async () => {
    const h = harness({ settings: { maxPayloadBytes: { value: 2048, managed: true } } });
    const view = await h.service.payloadSchema(h.caller, { workspaceId: WS, endpointName: 'credit-ep' });
    expect(JSON.parse(view.schema!)).toMatchObject({ $ref: '#/definitions/In' });
    expect(view).toMatchObject({ samples: [{ name: 'example' }], maxPayloadBytes: 2048, source: 'swagger.json of deployment blue' });
  });

  it('never puts a credential in a result, an error or a log line, even when the model echoes it', async () => {
    for (const authMode of ['AMLToken', 'Key', 'AADToken'] as const) {
      const h = harness({ authMode, answers: (req) => ({ status: 500, body: Buffer.from(`you sent ${req.headers?.authorization}`), headers: { 'x-request-id': String(req.headers?.authorization) } }) });
      const result = await h.score();
      const failed = await rejection(h.score('{"input_data":"x"}'));
      const seen = JSON.stringify([result, failed.toShape(), failed.message, h.lines]);
      for (const secret of [AML, KEY1, KEY2, AAD]) expect(seen).not.toContain(secret);
      expect(result.body).toContain('[credential removed]');
    }
  });
});
