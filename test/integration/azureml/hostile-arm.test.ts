// The SDK-backed control plane against a hostile ARM: a loopback https server (a CA made for this test) that
// sends nextLinks elsewhere, huge answers, endless pages, HTML errors and wrong types. Airlock's wrapping must
// keep the ARM reader's guarantees: the token goes only to the ARM host (asserted on the servers: the other
// one never sees a request, let alone an Authorization header), answers and pages are capped, every failure
// is a typed error without HTML, and hostile fields come out as bounded, inert display data.
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuthService } from '../../../electron/services/auth';
import type { Environment } from '../../../electron/services/environments';
import { createHttpsSend } from '../../../electron/services/ports';
import { createWorkspaceService, type WorkspaceService } from '../../../electron/services/workspace';
import { openCertificateAuthority } from '../../../sandbox/pki/certificate-authority';
import { EndpointDetail, EndpointList } from '../../../shared/contract/schemas/endpoint';
import { ModelList, ModelVersionList } from '../../../shared/contract/schemas/workspace';
import { AirlockError } from '../../../shared/errors/airlock-error';
import { capturingLogger } from '../../support/test-airlock';

const TOKEN = 'SECRETARMTOKEN0123456789';
const SUB = '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const WS = `/subscriptions/${SUB}/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/ws-1`;

interface Seen {
  readonly url: string;
  readonly authorization: string | undefined;
}
type Handler = (req: IncomingMessage, res: ServerResponse) => void;

let dir: string;
let arm: { server: Server; port: number; seen: Seen[]; handler: Handler };
let attacker: { server: Server; port: number; seen: Seen[] };
let environment: Environment;
let caPem: string;
const logs = capturingLogger();

async function listen(onRequest: (req: IncomingMessage, res: ServerResponse) => void, key: string, cert: string): Promise<{ server: Server; port: number }> {
  const server = createServer({ key, cert }, onRequest);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'airlock-hostile-arm-'));
  const ca = await openCertificateAuthority(path.join(dir, 'ca'));
  caPem = ca.certPem;
  await writeFile(path.join(dir, 'ca.pem'), caPem);
  const leaf = await ca.issue({ dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });
  const armSeen: Seen[] = [];
  const a = await listen((req, res) => (armSeen.push({ url: req.url ?? '', authorization: req.headers.authorization }), arm.handler(req, res)), leaf.keyPem, leaf.certPem);
  arm = { ...a, seen: armSeen, handler: () => undefined };
  const attackerSeen: Seen[] = [];
  const b = await listen((req, res) => (attackerSeen.push({ url: req.url ?? '', authorization: req.headers.authorization }), res.end('{"value":[]}')), leaf.keyPem, leaf.certPem);
  attacker = { ...b, seen: attackerSeen };
  environment = { id: 'Hostile', armEndpoint: `https://localhost:${arm.port}`, inferenceDnsSuffix: 'inference.ml.azure.com', caCertPath: path.join(dir, 'ca.pem') } as Environment;
});

afterAll(async () => {
  for (const { server } of [arm, attacker]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  arm.seen.length = 0;
  attacker.seen.length = 0;
});

const auth = { accountEnvironment: async () => environment, accessToken: async () => ({ token: TOKEN, expiresOn: null }) } as unknown as AuthService;

function service(limits: Parameters<typeof createWorkspaceService>[0]['limits'] = {}): WorkspaceService {
  return createWorkspaceService({ auth, logger: logs, sendFor: () => createHttpsSend(caPem), limits: { retryDelayMs: 1, ...limits } });
}

const json = (res: ServerResponse, body: unknown, status = 200) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};
const endpointsPath = `${WS}/onlineEndpoints`;
const firstPageThen = (nextLink: string): Handler => (_req, res) => json(res, { value: [{ name: 'ep-1', properties: { authMode: 'Key' } }], nextLink });

async function failureOf(run: Promise<unknown>): Promise<AirlockError> {
  const thrown = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(thrown).toBeInstanceOf(AirlockError);
  return thrown as AirlockError;
}

describe('a nextLink off the ARM host is refused before the token is attached', () => {
  it('another port on the same name: the other server never sees a request', async () => {
    arm.handler = firstPageThen(`https://localhost:${attacker.port}${endpointsPath}?page=2`);
    const error = await failureOf(service().endpoints('acct', WS));
    expect(error.code).toBe('E_UNAVAILABLE');
    expect(attacker.seen).toEqual([]);
    expect(arm.seen).toHaveLength(1);
    expect(arm.seen[0]!.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('an IP literal (even for the ARM server itself): never followed', async () => {
    arm.handler = firstPageThen(`https://127.0.0.1:${arm.port}${endpointsPath}?page=2`);
    await expect(service().endpoints('acct', WS)).rejects.toMatchObject({ code: 'E_UNAVAILABLE' });
    expect(arm.seen).toHaveLength(1); // the literal points at this same server: it would have been the second request
  });

  it.each([
    ['userinfo naming ARM before another host', () => `https://localhost:${arm.port}@127.0.0.1:${attacker.port}/steal`],
    ['userinfo on the ARM host itself', () => `https://arm@localhost:${arm.port}${endpointsPath}?page=2`],
    ['plain http on the ARM port', () => `http://localhost:${arm.port}${endpointsPath}?page=2`],
  ])('%s: refused', async (_name, link) => {
    arm.handler = firstPageThen(link());
    await expect(service().endpoints('acct', WS)).rejects.toMatchObject({ code: 'E_UNAVAILABLE' });
    expect(arm.seen).toHaveLength(1);
    expect(attacker.seen).toEqual([]);
  });
});

describe('caps', () => {
  it('refuses a 50 MB answer with a typed error', async () => {
    arm.handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      res.write('{"value":[');
      let sent = 0;
      const more = () => {
        while (sent < 50 && !res.destroyed) {
          sent += 1;
          if (!res.write(chunk)) return void res.once('drain', more);
        }
        if (!res.destroyed) res.end(']}');
      };
      res.on('error', () => undefined);
      more();
    };
    const error = await failureOf(service().endpoints('acct', WS));
    expect(error).toMatchObject({ code: 'E_UNAVAILABLE', details: { reason: 'response-too-large' } });
  });

  it('keeps at most 10,000 endpoints of a 12,000-item answer, and says Azure has more', async () => {
    arm.handler = (_req, res) => json(res, { value: Array.from({ length: 12_000 }, (_, i) => ({ name: `ep-${i}` })) });
    const { endpoints, complete } = await service().endpointList('acct', WS);
    expect(endpoints).toHaveLength(10_000);
    expect(complete).toBe(false);
    expect(() => EndpointList.parse({ workspaceId: WS, endpoints, complete })).not.toThrow();
  });

  it('a first-rows read takes one page and says whether ARM has more', async () => {
    const page = (n: number, next: boolean) => ({ value: Array.from({ length: 3 }, (_, i) => ({ name: `ep-${n}-${i}` })), ...(next ? { nextLink: `https://localhost:${arm.port}${endpointsPath}?api-version=2022-10-01&$skipToken=${n + 1}` } : {}) });
    arm.handler = (req, res) => json(res, page(Number(new URL(req.url ?? '/', 'https://x').searchParams.get('$skipToken') ?? 0), !req.url?.includes('skipToken=2')));
    expect(await service().endpointList('acct', WS, 3)).toMatchObject({ complete: false });
    expect(arm.seen).toHaveLength(1);
    const all = await service().endpointList('acct', WS);
    expect(all.complete).toBe(true);
    expect(all.endpoints).toHaveLength(9);
    // Exactly as many as ARM has: complete, not "more".
    expect(await service().endpointList('acct', WS, 9)).toMatchObject({ complete: true });
  });

  it('keeps at most 10,000 models of a 12,000-item answer (the contract bound), reading few versions', async () => {
    arm.handler = (req, res) => {
      if (req.url?.includes('/versions/')) return json(res, { error: { code: 'NotFound' } }, 404);
      json(res, { value: Array.from({ length: 12_000 }, (_, i) => ({ name: `m-${String(i).padStart(5, '0')}`, properties: { latestVersion: '1' } })) });
    };
    const { models, complete } = await service().modelList('acct', WS);
    expect(models).toHaveLength(10_000);
    expect(complete).toBe(false);
    expect(() => ModelList.parse({ workspaceId: WS, models, complete })).not.toThrow();
    expect(arm.seen.filter((s) => s.url.includes('/versions/')).length).toBeLessThanOrEqual(4);
  });

  it('stops an endless nextLink at the page cap', async () => {
    let n = 0;
    arm.handler = (_req, res) => json(res, { value: [{ name: `ep-${(n += 1)}` }], nextLink: `https://localhost:${arm.port}${endpointsPath}?api-version=2022-10-01&$skipToken=${n}` });
    const endpoints = await service({ maxPages: 7 }).endpoints('acct', WS);
    expect(arm.seen).toHaveLength(7);
    expect(endpoints).toHaveLength(7);
  });

  it.each([[42], [{ href: 'x' }], ['not a url'], ['javascript:alert(1)']])('a nextLink of %j ends in a typed error or the end of the list, never off the ARM host', async (nextLink) => {
    arm.handler = (_req, res) => json(res, { value: [{ name: 'ep-1' }], nextLink });
    const outcome = await service()
      .endpoints('acct', WS)
      .then(
        (endpoints) => endpoints.length,
        (e: unknown) => (e instanceof AirlockError ? e.code : 'untyped'),
      );
    // A relative link resolves on the ARM host itself (and the loop check stops it there).
    expect(typeof outcome === 'number' ? outcome <= 2 : outcome === 'E_UNAVAILABLE').toBe(true);
    expect(arm.seen.length).toBeLessThanOrEqual(2);
    expect(attacker.seen).toEqual([]);
  });

  it('stops at once when a nextLink comes back again (a loop)', async () => {
    arm.handler = (_req, res) => json(res, { value: [{ name: 'ep-1' }], nextLink: `https://localhost:${arm.port}${endpointsPath}?api-version=2022-10-01&$skipToken=1` });
    const endpoints = await service().endpoints('acct', WS);
    expect(arm.seen).toHaveLength(2);
    expect(endpoints).toHaveLength(2);
  });

  it('gives up at the deadline when ARM never answers (a typed timeout the browse channels declare)', async () => {
    arm.handler = () => undefined; // holds the request open
    await expect(service({ deadlineMs: 300 }).endpoints('acct', WS)).rejects.toMatchObject({ code: 'E_UNAVAILABLE', details: { reason: 'timeout' } });
  });
});

describe('failures are typed, bounded and without HTML', () => {
  it('a 500 HTML page: retried a bounded number of times, then E_UNAVAILABLE without any of the page', async () => {
    arm.handler = (_req, res) => {
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end('<html><body><script>alert(1)</script><h1>Server Error PLANTEDHTML</h1></body></html>');
    };
    const error = await failureOf(service({ maxRetries: 2 }).endpoints('acct', WS));
    expect(error).toMatchObject({ code: 'E_UNAVAILABLE', details: { status: 500 } });
    expect(arm.seen).toHaveLength(3);
    const shown = JSON.stringify({ ...error.toShape(), stack: undefined });
    expect(shown).not.toMatch(/<|PLANTEDHTML|script/);
  });

  it('an ARM 403 stays E_AZURE_FORBIDDEN with ARM code only', async () => {
    arm.handler = (_req, res) => json(res, { error: { code: 'AuthorizationFailed', message: '<b>no</b> PLANTEDWORDS' } }, 403);
    const error = await failureOf(service().endpointDetail('acct', WS, 'ep-1'));
    expect(error.toShape()).toMatchObject({ code: 'E_AZURE_FORBIDDEN', details: { status: 403, armCode: 'AuthorizationFailed' } });
    expect(JSON.stringify(error.toShape())).not.toContain('PLANTEDWORDS');
  });

  it('a 429 is not waited out: E_RATE_LIMITED with the seconds ARM asked for', async () => {
    arm.handler = (_req, res) => {
      res.writeHead(429, { 'retry-after': '100000', 'content-type': 'application/json' });
      res.end('{"error":{"code":"TooManyRequests"}}');
    };
    await expect(service().endpoints('acct', WS)).rejects.toMatchObject({ code: 'E_RATE_LIMITED', details: { retryAfterSeconds: 100000 } });
    // (a request the previous test gave up on may still arrive: only this list's requests are counted)
    expect(arm.seen.filter((s) => new URL(s.url, 'https://x').pathname === endpointsPath)).toHaveLength(1);
  });
});

describe('hostile fields are shaped, never trusted', () => {
  const hostile = '<img src=x onerror=alert(1)>\u202e\u0007\u001b[31m';
  const endpoint = {
    id: 42,
    name: `ep-${hostile}`,
    systemData: { createdAt: 5, lastModifiedAt: 'x'.repeat(1000) },
    properties: {
      authMode: { no: 1 },
      scoringUri: 'https://10.0.0.1/score',
      swaggerUri: 7,
      description: hostile + 'd'.repeat(100_000),
      traffic: { blue: 150, green: 'a lot', [hostile]: -3, red: 33.4 },
      publicNetworkAccess: null,
      provisioningState: ['Succeeded'],
    },
  };

  it('endpoint list and detail pass the contract with markup inert, controls removed, lengths bounded', async () => {
    arm.handler = (req, res) => {
      if (req.url?.includes('/deployments')) {
        return json(res, { value: [{ name: 'blue', sku: 'not an object', properties: 'not an object' }, { name: 9 }, { name: 'red', sku: { name: hostile, capacity: -1 }, properties: { model: `${WS}/models/m/versions/2`, instanceType: 5 } }] });
      }
      if (req.url?.includes('/onlineEndpoints/')) return json(res, endpoint);
      json(res, { value: [endpoint, null, 'text', { properties: {} }] });
    };
    const endpoints = await service().endpoints('acct', WS);
    expect(() => EndpointList.parse({ workspaceId: WS, endpoints, complete: true })).not.toThrow();
    expect(endpoints).toHaveLength(1);
    expect(endpoints[0]).toMatchObject({ authMode: 'Unknown', scoringHost: null, publicNetworkAccess: 'Unknown', provisioningState: 'Unknown', createdAt: null });
    expect(endpoints[0]!.name).toBe('ep-<img src=x onerror=alert(1)>[31m');
    expect(endpoints[0]!.description).toHaveLength(4000);
    expect(endpoints[0]!.traffic).toEqual([
      { deployment: 'blue', percent: 100 },
      { deployment: '<img src=x onerror=alert(1)>[31m', percent: 0 },
      { deployment: 'red', percent: 33 },
    ]);
    const detail = await service().endpointDetail('acct', WS, 'ep-1');
    expect(() => EndpointDetail.parse({ workspaceId: WS, ...detail })).not.toThrow();
    expect(detail.deployments.map((d) => [d.name, d.trafficPercent, d.sku, d.instanceCount, d.model])).toEqual([
      ['blue', 100, null, null, null],
      ['red', 33, '<img src=x onerror=alert(1)>[31m', null, 'm:2'],
    ]);
  });

  it('model versions come newest first and pass the contract', async () => {
    arm.handler = (_req, res) =>
      json(res, {
        value: [
          { name: '2', systemData: { createdAt: '2026-01-02T00:00:00Z' }, properties: { modelType: 5, tags: { a: 1, b: 'ok' } } },
          { name: '10', systemData: { createdAt: '2026-01-03T00:00:00Z' }, properties: { modelUri: 'azureml://x', stage: hostile } },
          { name: '1', systemData: {}, properties: 'x' },
        ],
      });
    const versions = await service().modelVersions('acct', WS, 'credit-risk');
    expect(versions.map((v) => v.version)).toEqual(['10', '2', '1']);
    expect(versions[1]).toMatchObject({ modelType: null, tags: [{ key: 'b', value: 'ok' }] });
    expect(() => ModelVersionList.parse({ workspaceId: WS, modelName: 'credit-risk', versions })).not.toThrow();
  });

  it('a log tail loses its control characters but keeps lines and tabs, and is cut from the top', async () => {
    arm.handler = (_req, res) => json(res, { content: `one\tcol\r\ntwo \u001b[2Jcleared\u0000\nthree\u202e\n` });
    expect(await service().deploymentLogs('acct', WS, 'ep-1', 'blue', 300)).toEqual({ content: 'one\tcol\ntwo [2Jcleared\nthree\n', lines: 3, truncated: false });
    arm.handler = (_req, res) => json(res, { content: 'x\n'.repeat(1_100_000) });
    const long = await service().deploymentLogs('acct', WS, 'ep-1', 'blue', 10_000);
    expect(long).toMatchObject({ truncated: true });
    expect(long.content.length).toBeLessThanOrEqual(2_000_000);
  });

  it('the AML token and keys come back to main only, and never in an error or log', async () => {
    arm.handler = (req, res) => {
      if (req.url?.includes('/token')) return json(res, { accessToken: 'AMLTOKENVALUE', tokenType: 'Bearer', expiryTimeUtc: 1_800_000_000, refreshAfterTimeUtc: 1_799_990_000 });
      if (req.url?.includes('/listKeys')) return json(res, { primaryKey: 'PRIMARYKEYVALUE', secondaryKey: 12 });
      json(res, { properties: { authMode: 'AMLToken', scoringUri: 'https://ep-1.westeurope.inference.ml.azure.com/score', swaggerUri: 'https://ep-1.westeurope.inference.ml.azure.com/swagger.json' }, value: [{ name: 'blue' }] });
    };
    expect(await service().amlToken('acct', WS, 'ep-1')).toEqual({ accessToken: 'AMLTOKENVALUE', expiresAt: 1_800_000_000_000, refreshAfter: 1_799_990_000_000 });
    expect(await service().endpointKeys('acct', WS, 'ep-1')).toEqual({ primaryKey: 'PRIMARYKEYVALUE', secondaryKey: null });
    arm.handler = (_req, res) => json(res, { accessToken: 42 });
    const error = await failureOf(service().amlToken('acct', WS, 'ep-1'));
    expect(error.code).toBe('E_UNAVAILABLE');
    expect(JSON.stringify(logs.entries)).not.toMatch(/AMLTOKENVALUE|PRIMARYKEYVALUE|SECRETARMTOKEN/);
  });

  it('endpoint(): the scoring URI must be https under the inference suffix', async () => {
    arm.handler = (req, res) =>
      req.url?.includes('/deployments')
        ? json(res, { value: [{ name: 'blue' }, { name: '<bad>' }] })
        : json(res, { properties: { authMode: 'key', scoringUri: 'https://ep-1.westeurope.inference.ml.azure.com/score', swaggerUri: 'https://evil.example/swagger.json' } });
    expect(await service().endpoint('acct', WS, 'ep-1')).toEqual({ authMode: 'Key', scoringUri: 'https://ep-1.westeurope.inference.ml.azure.com/score', swaggerUri: null, deployments: ['blue'] });
    arm.handler = (req, res) => json(res, req.url?.includes('/deployments') ? { value: [] } : { properties: { scoringUri: 'https://ep-1.evil.example/score' } });
    await expect(service().endpoint('acct', WS, 'ep-1')).rejects.toMatchObject({ code: 'E_UNAVAILABLE' });
  });
});
