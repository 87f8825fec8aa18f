// Test runs against the real sandbox scoring server over a route (loopback streams standing in for an SSH
// channel, real TLS against the sandbox CA, the scoring server's own credential checks): the invoke service's
// prepare + the test-run service. 200 requests at concurrency 8 all answer 200 with one getToken, never more
// than 8 on the route at once, and the report adds up; a stale key refused by many requests at once costs one
// listKeys; a cancel mid-run ends it cancelled; the CSV is written. Leak scan: no token or key (nor any JWT) in
// a report, a progress push, the CSV or a log line.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvokeService, type EndpointControlPlane, type InvokeCaller } from '../../../electron/services/invoke';
import type { LogFields, Logger } from '../../../electron/services/ports';
import { createEnvironmentTrust, createRouteHttpClient, type RouteHttpClient } from '../../../electron/services/routes';
import { createTestRunService, keepAliveScheduler, type TestRunService } from '../../../electron/services/test-run';
import { TestRunProgress, TestRunReport } from '../../../shared/contract/schemas/test-run';
import { createLoopbackRoute, type LoopbackRoute } from '../routes/http/loopback-route';
import { LOW_RISK, REGION_SUFFIX, splitOf, startScoringFixture, type ScoringFixture } from '../sandbox/scoring/scoring-fixture';

const WS = '/subscriptions/5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourceGroups/rg-ml-private/providers/Microsoft.MachineLearningServices/workspaces/ws-credit-private';
const MODES = { 'credit-ep': 'AMLToken', 'sentiment-ep': 'Key' } as const;
const DEPLOYMENTS = { 'credit-ep': ['blue', 'green'], 'sentiment-ep': ['main', 'broken'] } as const;
const JWT = /eyJ[A-Za-z0-9_-]{10,}\.eyJ/;

let fx: ScoringFixture;
let route: LoopbackRoute;
let client: RouteHttpClient;
const secrets = new Set<string>();
const seen: string[] = []; // every report, progress push, CSV and log line, for the leak scan
const lines: string[] = [];
const logger: Logger = { log: (level, event, fields?: LogFields) => lines.push(`${level} ${event} ${JSON.stringify(fields ?? {})}`) };
const exports = mkdtempSync(path.join(tmpdir(), 'airlock-test-run-it-'));

function setup(options: { staleKeyFirst?: boolean } = {}) {
  const calls = { keys: 0, tokens: 0, posts: 0, inFlight: 0, maxInFlight: 0 };
  const controlPlane: EndpointControlPlane = {
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
      if (options.staleKeyFirst && calls.keys === 1) return { primaryKey: 'rotated-away-key-0000000000', secondaryKey: null };
      return keys;
    },
  };
  const invoke = createInvokeService({ controlPlane, mlToken: async () => 'unused-entra-token', settings: () => null, clock: { now: () => fx.ctx.now(), monotonicMs: () => performance.now() }, logger });
  const caller: InvokeCaller = {
    accountId: 'bob.tid',
    environmentId: 'Sandbox',
    dataPlane: () => ({
      client: {
        async request(req) {
          if (req.method !== 'POST') return client.request(req);
          calls.posts += 1;
          calls.inFlight += 1;
          calls.maxInFlight = Math.max(calls.maxInFlight, calls.inFlight);
          try {
            return await client.request(req);
          } finally {
            calls.inFlight -= 1;
          }
        },
        close: () => undefined,
      },
      via: 'jump',
      id: 'Sandbox/jump',
    }),
  };
  const progress: TestRunProgress[] = [];
  const service: TestRunService = createTestRunService({
    invoke,
    clock: { now: () => new Date(), monotonicMs: () => performance.now() },
    scheduler: keepAliveScheduler,
    logger,
    onProgress: (p) => {
      progress.push(TestRunProgress.parse(p));
      seen.push(JSON.stringify(p));
    },
    exportTarget: async (name) => path.join(exports, name),
  });
  return { service, caller, calls, progress };
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

describe('test runs against the sandbox scoring server over a route', () => {
  it('AMLToken: 200 requests at concurrency 8 all answer 200, one getToken, never more than 8 at once; the report adds up; the CSV is written', async () => {
    const s = setup();
    const report = TestRunReport.parse(await s.service.start(s.caller, { workspaceId: WS, endpointName: 'credit-ep', payload: JSON.stringify(splitOf(LOW_RISK)), count: 200, concurrency: 8 }));
    seen.push(JSON.stringify(report));
    expect(report).toMatchObject({ state: 'completed', stoppedBecause: null, via: 'jump', count: 200, concurrency: 8, sent: 200, succeeded: 200, failed: 0, errorRate: 0, statusCounts: { '200': 200 } });
    expect(report.samples).toHaveLength(200);
    expect(report.samples.every((x) => x.status === 200 && x.error === null && x.latencyMs >= 0)).toBe(true);
    const l = report.latency!;
    expect(l.min <= l.p50 && l.p50 <= l.p90 && l.p90 <= l.p95 && l.p95 <= l.p99 && l.p99 <= l.max).toBe(true);
    expect(report.throughput).toBeGreaterThan(0);
    expect(s.calls).toMatchObject({ tokens: 1, posts: 200 });
    expect(s.calls.maxInFlight).toBeLessThanOrEqual(8);
    expect(s.progress[0]).toMatchObject({ state: 'running', done: 0, total: 200 });
    expect(s.progress.at(-1)).toMatchObject({ state: 'completed', done: 200, failed: 0 });
    const written = await s.service.export({ accountId: 'bob.tid', environmentId: 'Sandbox' }, { workspaceId: WS, endpointName: 'credit-ep', runId: report.runId });
    expect(written.rows).toBe(200);
    const csv = readFileSync(written.path, 'utf8');
    seen.push(csv);
    expect(csv.split('\r\n').filter((line) => /^\d+,[\d.]+,[\d.]+,200,$/.test(line))).toHaveLength(200);
    expect(csv).toContain('status_200,200\r\n');
  }, 120_000);

  it('Key: a stale key refused by the first requests at once is listed again once; every request then answers 200', async () => {
    const s = setup({ staleKeyFirst: true });
    const report = await s.service.start(s.caller, { workspaceId: WS, endpointName: 'sentiment-ep', payload: JSON.stringify({ input_data: ['The fix works'] }), count: 40, concurrency: 8 });
    seen.push(JSON.stringify(report));
    expect(report).toMatchObject({ state: 'completed', sent: 40, succeeded: 40, statusCounts: { '200': 40 } });
    expect(s.calls.keys).toBe(2);
  }, 60_000);

  it('cancel mid-run: the run ends cancelled with what finished counted', async () => {
    const s = setup();
    const running = s.service.start(s.caller, { workspaceId: WS, endpointName: 'credit-ep', payload: JSON.stringify(splitOf(LOW_RISK)), count: 10_000, concurrency: 4, ratePerSecond: 200 });
    while (s.progress.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const runId = s.progress[0]!.runId;
    while (s.calls.posts < 20) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(s.service.cancel({ accountId: 'bob.tid', environmentId: 'Sandbox' }, { workspaceId: WS, endpointName: 'credit-ep', runId })).toEqual({ runId, cancelled: true });
    const report = await running;
    seen.push(JSON.stringify(report));
    expect(report.state).toBe('cancelled');
    // What was on its way at the cancel (at most the concurrency) is stopped and not counted.
    expect(report.sent).toBeGreaterThanOrEqual(20 - 4);
    expect(report.sent).toBeLessThanOrEqual(s.calls.posts);
    expect(report.stoppedBecause).toMatch(/^Cancelled after \d+ of 10000 requests/);
    expect(s.progress.at(-1)).toMatchObject({ state: 'cancelled' });
  }, 60_000);

  it('leak scan: no token or key (nor a JWT) in any report, progress push, CSV or log line', () => {
    expect(secrets.size).toBeGreaterThanOrEqual(3);
    const everything = [...seen, ...lines].join('\n');
    expect(lines.some((l) => l.includes('testrun.ended'))).toBe(true);
    for (const secret of secrets) expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(JWT);
  });
});
