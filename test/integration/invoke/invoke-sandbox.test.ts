// The invoke service against the real sandbox scoring server over a route: every socket is a loopback stream
// the route opens (as an SSH channel would), with real TLS verified against the endpoint's real name and the
// sandbox CA, and the scoring server's own credential checks. The control plane is a stand-in backed by the
// sandbox's real endpoint credentials (the keys and AML tokens its ARM hands out) and an Entra ML token the
// scoring server's issuer signs. AMLToken, Key and AADToken endpoints, one deployment, a key fetched again
// after a 401, a payload stopped before it leaves, and a leak scan of every result, error and log line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvokeService, type EndpointControlPlane, type InvokeCaller, type InvokeService } from '../../../electron/services/invoke';
import type { LogFields, Logger } from '../../../electron/services/ports';
import { createEnvironmentTrust, createRouteHttpClient, type RouteHttpClient, type RouteHttpRequest } from '../../../electron/services/routes';
import { InvokeResultView, PayloadSchemaView } from '../../../shared/contract/schemas/endpoint';
import { AirlockError } from '../../../shared/errors/airlock-error';
import { detailsFit } from '../../../shared/errors/details';
import { createLoopbackRoute, type LoopbackRoute } from '../routes/http/loopback-route';
import { LOW_RISK, REGION_SUFFIX, splitOf, startScoringFixture, type ScoringFixture } from '../sandbox/scoring/scoring-fixture';

const WS = '/subscriptions/5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourceGroups/rg-ml-private/providers/Microsoft.MachineLearningServices/workspaces/ws-credit-private';
const MODES = { 'credit-ep': 'AMLToken', 'sentiment-ep': 'Key', 'credit-aad-ep': 'AADToken' } as const;
const DEPLOYMENTS = { 'credit-ep': ['blue', 'green'], 'sentiment-ep': ['main', 'broken'], 'credit-aad-ep': ['main'] } as const;

let fx: ScoringFixture;
let route: LoopbackRoute;
let client: RouteHttpClient;
const secrets = new Set<string>();
const seen: string[] = []; // every result, error and log line, for the leak scan
const lines: string[] = [];
const logger: Logger = { log: (level, event, fields?: LogFields) => lines.push(`${level} ${event} ${JSON.stringify(fields ?? {})}`) };

function controlPlane(calls: { keys: number; tokens: number }, options: { staleKeyFirst?: boolean } = {}): EndpointControlPlane {
  return {
    endpoint: async (_a, _w, name) => ({
      authMode: MODES[name as keyof typeof MODES],
      scoringUri: `https://${name}.${REGION_SUFFIX}/score`,
      swaggerUri: `https://${name}.${REGION_SUFFIX}/swagger.json`,
      deployments: [...DEPLOYMENTS[name as keyof typeof DEPLOYMENTS]],
    }),
    amlToken: async (_a, _w, name) => {
      calls.tokens += 1;
      const token = await fx.credentials.issueAmlToken(fx.endpointId(name), 'a11ce000-1111-4aaa-8aaa-000000000001');
      secrets.add(token.accessToken);
      return { accessToken: token.accessToken, expiresAt: token.expiryTimeUtc * 1000, refreshAfter: token.refreshAfterTimeUtc * 1000 };
    },
    endpointKeys: async (_a, _w, name) => {
      calls.keys += 1;
      const keys = fx.credentials.keysFor(fx.endpointId(name));
      secrets.add(keys.primaryKey).add(keys.secondaryKey);
      // A key rotated since it was listed: the first answer is one the endpoint no longer takes.
      if (options.staleKeyFirst && calls.keys === 1) return { primaryKey: 'rotated-away-key-0000000000', secondaryKey: null };
      return keys;
    },
  };
}

function setup(options: { staleKeyFirst?: boolean; routeUp?: () => boolean } = {}) {
  const calls = { keys: 0, tokens: 0 };
  const posts: RouteHttpRequest[] = [];
  const service: InvokeService = createInvokeService({
    controlPlane: controlPlane(calls, options),
    mlToken: async () => {
      const token = await fx.aadToken('bob@contoso.test'); // AzureML Endpoint Invoker on the resource group
      secrets.add(token);
      return token;
    },
    settings: () => null,
    clock: { now: () => fx.ctx.now(), monotonicMs: () => performance.now() },
    logger,
  });
  const up = options.routeUp ?? (() => true);
  const caller: InvokeCaller = {
    accountId: 'bob.tid',
    environmentId: 'Sandbox',
    dataPlane: (via) => {
      if (!up()) throw new AirlockError('E_ROUTE_DOWN', { details: { via: via ?? 'jump' } });
      return {
        client: { request: (req) => (req.method === 'POST' && posts.push(req), client.request(req)), close: () => undefined },
        via: 'jump',
        id: 'Sandbox/jump',
      };
    },
  };
  const score = async (endpointName: keyof typeof MODES, payload: unknown, deploymentName?: string) => {
    const result = await service.score(caller, { workspaceId: WS, endpointName, payload: typeof payload === 'string' ? payload : JSON.stringify(payload), ...(deploymentName ? { deploymentName } : {}) });
    seen.push(JSON.stringify(result));
    return InvokeResultView.parse(result);
  };
  const fails = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      if (!(error instanceof AirlockError)) throw error;
      seen.push(JSON.stringify(error.toShape()), error.message, String(error.stack));
      return error;
    }
    throw new Error('resolved');
  };
  return { service, caller, score, fails, calls, posts };
}

beforeAll(async () => {
  fx = await startScoringFixture();
  route = createLoopbackRoute((host, port) => (port === 443 && host.endsWith(`.${REGION_SUFFIX}`) ? fx.scoring.port : null));
  client = createRouteHttpClient({ environment: { id: 'Sandbox', caCertPath: fx.ctx.ca.certPath }, trust: createEnvironmentTrust(), route: () => route, via: 'jump' });
}, 60_000);

afterAll(async () => {
  client?.close();
  await route?.close();
  await fx?.stop();
});

describe('invoke against the sandbox scoring server over a route', () => {
  it('AMLToken: the schema and sample from swagger, then a score with one getToken for many invokes', async () => {
    const s = setup();
    const view = PayloadSchemaView.parse(await s.service.payloadSchema(s.caller, { workspaceId: WS, endpointName: 'credit-ep' }));
    seen.push(JSON.stringify(view));
    expect(view.schema).not.toBeNull();
    expect(view.source).toMatch(/^swagger\.json of deployment (blue|green)$/);
    const sample = view.samples[0]!;
    const result = await s.score('credit-ep', sample.payload);
    expect(result).toMatchObject({ status: 200, ok: true, authMode: 'AMLToken', failure: null, route: { via: 'jump', id: 'Sandbox/jump' } });
    expect(['blue', 'green']).toContain(result.modelDeployment);
    expect(result.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(result.body)).toHaveLength(1);
    await Promise.all(Array.from({ length: 8 }, () => s.score('credit-ep', splitOf(LOW_RISK))));
    expect(s.calls.tokens).toBe(1);
  });

  it('one deployment: every answer comes from the deployment named', async () => {
    const s = setup();
    for (let i = 0; i < 5; i += 1) expect((await s.score('credit-ep', splitOf(LOW_RISK), 'green')).modelDeployment).toBe('green');
    expect(s.posts.every((p) => p.headers?.['azureml-model-deployment'] === 'green')).toBe(true);
  });

  it('Key: scores with the listed key; a 0 %-traffic broken deployment is a 424 result with its run() failure', async () => {
    const s = setup();
    const ok = await s.score('sentiment-ep', { input_data: ['Thanks, the fix works great!'] });
    expect(ok).toMatchObject({ status: 200, authMode: 'Key', modelDeployment: 'main' });
    const broken = await s.score('sentiment-ep', { input_data: ['hello'] }, 'broken');
    expect(broken).toMatchObject({ status: 424, ok: false, modelDeployment: 'broken', failure: { title: 'The model failed' } });
    expect(broken.runFunctionFailure).toMatch(/^status 500: ModuleNotFoundError/);
    expect(s.calls.keys).toBe(1);
  });

  it('Key: a key the endpoint refuses (401) is fetched again once and the call retried', async () => {
    const s = setup({ staleKeyFirst: true });
    const result = await s.score('sentiment-ep', { input_data: ['The app keeps crashing'] });
    expect(result.status).toBe(200);
    expect(s.calls.keys).toBe(2);
  });

  it('AADToken: an Entra token for the ML scope', async () => {
    const s = setup();
    const result = await s.score('credit-aad-ep', splitOf(LOW_RISK));
    expect(result).toMatchObject({ status: 200, authMode: 'AADToken', modelDeployment: 'main' });
  });

  it('a payload that breaks the swagger schema is stopped before it leaves', async () => {
    const s = setup();
    const error = await s.fails(s.score('sentiment-ep', { input_data: [42] }));
    expect(error.code).toBe('E_PAYLOAD_INVALID');
    expect(error.details).toMatchObject({ pointer: '/input_data/0', keyword: 'type', reason: 'schema' });
    expect(detailsFit('E_PAYLOAD_INVALID', error.details)).toBe(true);
    expect((await s.fails(s.score('credit-ep', '{"input_data": '))).code).toBe('E_PAYLOAD_INVALID');
    expect(s.posts).toEqual([]);
  });

  it('no route up: E_ROUTE_DOWN and nothing sent', async () => {
    const s = setup({ routeUp: () => false });
    expect((await s.fails(s.score('credit-ep', splitOf(LOW_RISK)))).code).toBe('E_ROUTE_DOWN');
    expect(s.posts).toEqual([]);
  });

  it('leak scan: no token or key in any result, error or log line', () => {
    expect(secrets.size).toBeGreaterThanOrEqual(4);
    const everything = [...seen, ...lines].join('\n');
    expect(lines.some((l) => l.includes('invoke.scored'))).toBe(true);
    for (const secret of secrets) expect(everything).not.toContain(secret);
  });
});
