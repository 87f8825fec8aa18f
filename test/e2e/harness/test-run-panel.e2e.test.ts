// The load test (Endpoints → an endpoint → Test → Load test) with the workspace, endpoint, testRun and route
// handlers replaced behind the same guard; the replaced testRun.start pushes testRun.progress through the real
// event channel (airlock.services.events), as H2's runner will. Covers: the form's inline checks (nothing sent),
// start → live progress → report (percentiles, status counts, error rate) with both charts drawn by uPlot from its
// own lazily loaded chunk and no CSP violation, Cancel from the keyboard (the run id learnt from the push), no
// route up shown in words with Connect and a new start, Export CSV showing main's path, and light / dark /
// high-contrast screenshots with axe.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeploymentSummary, EndpointSummary } from '../../../shared/contract/schemas/endpoint';
import type { RouteListEntry } from '../../../shared/contract/schemas/route';
import type { TestRunProgress, TestRunReport } from '../../../shared/contract/schemas/test-run';
import type { WorkspaceSummary } from '../../../shared/contract/schemas/workspace';
import { AirlockError } from '../../../shared/errors/airlock-error';
import { ROOT } from '../../../scripts/build';
import { axeSerious } from '../../support/axe';
import { ensureRendererBuilt } from '../../harness/ensure-built';
import { harnessAirlock, launchHarness, type Harness } from '../../harness/harness';

const SHOTS = path.join(ROOT, 'test-results', 'e2e');
const SUB = '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const WS: WorkspaceSummary = {
  id: `/subscriptions/${SUB}/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/ws-credit`,
  name: 'ws-credit',
  displayName: 'Credit workspace',
  subscriptionId: SUB,
  resourceGroup: 'rg-ml',
  location: 'westeurope',
  publicNetworkAccess: 'Disabled',
  privateEndpoints: 1,
};
const ENDPOINT: EndpointSummary = {
  id: `${WS.id}/onlineEndpoints/credit-scoring`,
  name: 'credit-scoring',
  authMode: 'AMLToken',
  scoringHost: 'credit-scoring.westeurope.inference.ml.azure.com',
  publicNetworkAccess: 'Disabled',
  traffic: [
    { deployment: 'blue', percent: 90 },
    { deployment: 'green', percent: 10 },
  ],
  provisioningState: 'Succeeded',
  description: null,
  createdAt: null,
  modifiedAt: null,
};
const DEPLOYMENTS: DeploymentSummary[] = [
  { name: 'blue', provisioningState: 'Succeeded', sku: 'Default', instanceType: 'Standard_DS3_v2', instanceCount: 2, trafficPercent: 90, model: 'credit-model:7', createdAt: null },
  { name: 'green', provisioningState: 'Succeeded', sku: 'Default', instanceType: 'Standard_DS3_v2', instanceCount: 1, trafficPercent: 10, model: 'credit-model:8', createdAt: null },
];
const GOOD = JSON.stringify({ input_data: [{ age: 42, income: 51000.5 }] }, null, 2);
const since = new Date(Date.now() - 60_000).toISOString();
const ROUTES: RouteListEntry[] = [{ environmentId: 'AzureCloud', via: 'vpn', state: 'off', since, target: 'VPN (OS resolver)', bytesIn: 0, bytesOut: 0, rttMs: null, lastError: null, reconnect: null, allowed: true, why: null }];
const LATENCY = { p50: 42.5, p90: 88.25, p95: 97.5, p99: 140.75, min: 11.25, max: 161.5, mean: 51.125 };

/** 200 requests over 4 s: latencies spread 11..161 ms, six 503s and two with no answer. */
function samplesOf(n: number): TestRunReport['samples'] {
  return Array.from({ length: n }, (_, i) => {
    const failedAnswer = i % 33 === 5;
    const noAnswer = i === 77 || i === 154;
    return { startMs: i * 20, latencyMs: 11.25 + ((i * 37) % 151), status: noAnswer ? 0 : failedAnswer ? 503 : 200, error: noAnswer ? 'E_ROUTE_DROPPED' : null };
  });
}

type StartRequest = { count: number; concurrency: number; ratePerSecond?: number | undefined; deploymentName?: string | undefined; payload: string };
const starts: StartRequest[] = [];
const cancels: string[] = [];
const exports: string[] = [];
let mode: 'complete' | 'hold' | 'route-down' = 'complete';
let releaseHold: ((runId: string) => void) | null = null;
let runs = 0;
let h: Harness;
const page = () => h.page;
const panel = () => page().locator('[data-test-run-panel="credit-scoring"]');
const push = (p: TestRunProgress) => h.airlock.services.events.emit('testRun.progress', p);

function reportOf(runId: string, request: StartRequest, state: TestRunReport['state'], sent: number): TestRunReport {
  const samples = samplesOf(sent);
  const failed = samples.filter((s) => s.status !== 200).length;
  const statusCounts: Record<string, number> = {};
  for (const s of samples) statusCounts[String(s.status)] = (statusCounts[String(s.status)] ?? 0) + 1;
  return {
    runId,
    state,
    stoppedBecause: null,
    workspaceId: WS.id,
    endpointName: ENDPOINT.name,
    deploymentName: request.deploymentName ?? null,
    via: 'vpn',
    count: request.count,
    concurrency: request.concurrency,
    ratePerSecond: request.ratePerSecond ?? null,
    startedAt: new Date().toISOString(),
    elapsedMs: sent * 20,
    sent,
    succeeded: sent - failed,
    failed,
    errorRate: sent === 0 ? 0 : failed / sent,
    statusCounts,
    latency: LATENCY,
    throughput: sent / ((sent * 20) / 1000),
    samples,
  };
}

beforeAll(async () => {
  await ensureRendererBuilt();
  const account = { accountId: 'oid.tid', environmentId: 'AzureCloud', username: 'dana@contoso.test', name: 'Dana', tenantId: 'tid', authMethods: ['pwd', 'mfa'], signedInAt: null };
  h = await launchHarness({
    airlock: harnessAirlock(undefined, [], {}, {
      auth: { accounts: async () => ({ accounts: [account], activeAccountId: account.accountId }) },
      workspace: { list: async () => ({ workspaces: [WS] }) },
      endpoint: {
        list: async ({ workspaceId }) => ({ workspaceId, endpoints: [ENDPOINT], complete: true }),
        detail: async ({ workspaceId }) => ({ workspaceId, endpoint: ENDPOINT, deployments: DEPLOYMENTS }),
        logs: async () => ({ content: '', lines: 0, truncated: false }),
        payloadSchema: async () => ({ schema: null, samples: [{ name: 'One applicant', payload: GOOD }], maxPayloadBytes: 4096, source: null }),
      },
      testRun: {
        start: async (request) => {
          starts.push(request);
          if (mode === 'route-down') throw new AirlockError('E_ROUTE_DOWN', { details: { via: 'vpn', host: 'credit-scoring.westeurope.inference.ml.azure.com' } });
          const runId = `run-${String(++runs).padStart(8, '0')}`;
          const total = request.count;
          push({ runId, state: 'running', total, done: 0, failed: 0, elapsedMs: 0, latency: null });
          const half = Math.floor(total / 2);
          push({ runId, state: 'running', total, done: half, failed: 3, elapsedMs: 2000, latency: { ...LATENCY, p50: 40.5, p95: 95.25 } });
          if (mode === 'hold') {
            await new Promise<string>((resolve) => (releaseHold = resolve));
            push({ runId, state: 'cancelled', total, done: half, failed: 3, elapsedMs: 2100, latency: LATENCY });
            return reportOf(runId, request, 'cancelled', half);
          }
          push({ runId, state: 'completed', total, done: total, failed: 8, elapsedMs: total * 20, latency: LATENCY });
          return reportOf(runId, request, 'completed', total);
        },
        cancel: async ({ runId }) => {
          cancels.push(runId);
          releaseHold?.(runId);
          releaseHold = null;
          return { runId, cancelled: true };
        },
        export: async ({ runId }) => {
          exports.push(runId);
          return { path: `/home/dana/Documents/load-test-${runId}.csv`, rows: 200 };
        },
      },
      route: {
        list: async () => ({ environmentId: 'AzureCloud', routes: ROUTES }),
        connect: async () => {
          mode = 'complete';
          const { allowed: _a, why: _w, ...view } = ROUTES[0]!;
          return { ...view, state: 'up', rttMs: 12, since: new Date().toISOString() };
        },
      },
    }),
  });
  await page().setViewportSize({ width: 1280, height: 1800 });
  await page().getByRole('tab', { name: 'Endpoints' }).click();
  await openLoadTest();
}, 60_000);

afterAll(async () => {
  await h?.close();
});

/** The endpoint detail with its Load test tab chosen (from the list, if navigation closed the detail). */
async function openLoadTest(): Promise<void> {
  const grid = page().getByRole('grid', { name: 'Online endpoints in Credit workspace' });
  await page().locator('[data-endpoint-detail]').or(grid).first().waitFor({ timeout: 30_000 });
  if ((await page().locator('[data-endpoint-detail]').count()) === 0) await grid.locator('[role="row"][data-endpoint]').first().click();
  await page().getByRole('tab', { name: 'Load test' }).click();
  await panel().locator('[data-payload-editor="ready"]').waitFor({ timeout: 15_000 });
}

const uplotLoaded = () => page().evaluate(() => performance.getEntriesByType('resource').some((e) => /chunks\/uplot-charts-[\w]+\.js$/.test(e.name)));

describe('Load test panel (harness, replaced handlers)', () => {
  it('opens from the keyboard on the Test section\'s tab, with the first sample and the default numbers; uPlot is not loaded yet', async () => {
    await page().getByRole('tab', { name: 'Single request' }).click();
    await page().getByRole('tab', { name: 'Single request' }).focus();
    await page().keyboard.press('ArrowRight');
    await page().keyboard.press('Enter');
    expect(await page().getByRole('tab', { name: 'Load test' }).getAttribute('aria-selected')).toBe('true');
    expect(await panel().isVisible()).toBe(true);
    await expect.poll(() => panel().locator('.cm-content').textContent()).toContain('"income": 51000.5');
    expect(await panel().locator('[data-test-run-input="count"]').inputValue()).toBe('100');
    expect(await panel().locator('[data-test-run-input="concurrency"]').inputValue()).toBe('4');
    expect(await uplotLoaded()).toBe(false);
  });

  it('checks the numbers inline and sends nothing while one is wrong; Start focuses the first wrong field', async () => {
    await panel().locator('[data-test-run-input="count"]').fill('20000');
    await panel().locator('[data-test-run-input="concurrency"]').fill('2.5');
    await panel().locator('[data-test-run-input="rate"]').fill('fast');
    const field = (f: string) => panel().locator(`[data-test-run-field="${f}"]`);
    await expect.poll(() => field('count').textContent()).toContain('The number of requests must be from 1 to 10,000.');
    expect(await field('concurrency').textContent()).toContain('The concurrency must be a whole number.');
    expect(await field('rate').textContent()).toContain('The rate must be a number of requests per second');
    expect(await panel().locator('[data-test-run-input="count"]').getAttribute('aria-invalid')).toBe('true');
    await panel().locator('[data-test-run-start]').click();
    expect(await page().evaluate(() => document.activeElement?.getAttribute('data-test-run-input'))).toBe('count');
    expect(starts).toEqual([]);
    await panel().locator('[data-test-run-input="count"]').fill('200');
    await panel().locator('[data-test-run-input="concurrency"]').fill('8');
    await panel().locator('[data-test-run-input="rate"]').fill('');
  });

  it('start → progress pushes → report with percentiles, status counts, error rate and both charts from the lazy uPlot chunk', async () => {
    await panel().locator('[data-test-run-start]').click();
    const report = panel().locator('[data-test-run-report="completed"]');
    await report.waitFor();
    expect(starts.at(-1)).toMatchObject({ count: 200, concurrency: 8, payload: GOOD });
    expect(starts.at(-1)).not.toHaveProperty('ratePerSecond');
    expect(await report.locator('[data-test-run-end]').textContent()).toBe('Completed: 200 of 200 requests sent, 8 at once, in 4.0 s.');
    const pct = (k: string) => report.locator(`[data-test-run-percentile="${k}"]`).textContent();
    expect([await pct('p50'), await pct('p90'), await pct('p95'), await pct('p99'), await pct('min'), await pct('max'), await pct('mean')]).toEqual(['42.5 ms', '88.3 ms', '97.5 ms', '141 ms', '11.3 ms', '162 ms', '51.1 ms']);
    expect(await report.locator('[data-test-run-fact="errorRate"]').textContent()).toBe('4.0 % (8 of 200)');
    expect(await report.locator('[data-test-run-fact="throughput"]').textContent()).toBe('50.0 requests/s');
    expect(await report.locator('[data-test-run-status="200"]').textContent()).toBe('192');
    expect(await report.locator('[data-test-run-status="503"]').textContent()).toBe('6');
    expect(await report.locator('[data-test-run-status="0"]').textContent()).toBe('2');
    // Both charts drawn (uPlot canvases) from their own chunk, with their words and tables beside them.
    await report.locator('[data-chart="histogram"][data-chart-state="ready"] canvas').first().waitFor();
    await report.locator('[data-chart="timeline"][data-chart-state="ready"] canvas').first().waitFor();
    expect(await uplotLoaded()).toBe(true);
    expect(await report.locator('[data-test-run-figure="histogram"] figcaption').textContent()).toContain('Solid bars: answered; outlined bars on top: failed (8)');
    expect(await report.locator('[data-test-run-figure="timeline"] figcaption').textContent()).toContain('large rings: failed (8)');
    const histogramRows = await report.locator('[data-test-run-table="histogram"] tbody tr').count();
    expect(histogramRows).toBeGreaterThan(5);
    expect(await report.locator('[data-test-run-table="timeline"] tbody tr').count()).toBe(10);
    // The canvas has pixels (uPlot drew, its styles were not blocked): some are not transparent.
    const painted = await report.locator('[data-chart="histogram"] canvas').first().evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
      return n;
    });
    expect(painted).toBeGreaterThan(1000);
    expect(h.cspViolations).toEqual([]);
    // Focus went to the report's heading (Cancel, which had it, is gone).
    expect(await page().evaluate(() => document.activeElement?.id)).toBe('test-run-report');
  });

  it('Export CSV writes through main and shows the path it chose', async () => {
    const report = panel().locator('[data-test-run-report]');
    await report.locator('[data-test-run-export]').focus();
    await page().keyboard.press('Enter');
    await report.locator('[data-test-run-exported="done"]').waitFor();
    expect(exports).toEqual(['run-00000001']);
    expect(await report.locator('[data-test-run-exported]').textContent()).toBe('Saved 200 rows to /home/dana/Documents/load-test-run-00000001.csv');
  });

  it('Cancel from the keyboard: the live progress shows, Cancel has the focus, the run id from the push is cancelled, the partial report follows', async () => {
    mode = 'hold';
    await panel().locator('[data-test-run-input="rate"]').fill('50');
    await panel().locator('[data-test-run-input="rate"]').press('Enter');
    const progress = panel().locator('[data-test-run-progress="running"]');
    await progress.waitFor();
    await expect.poll(() => progress.locator('[data-test-run-live="done"]').textContent()).toBe('100 / 200');
    expect(await progress.locator('[data-test-run-live="failed"]').textContent()).toBe('3');
    expect(await progress.locator('[data-test-run-live="elapsed"]').textContent()).toBe('2.0 s');
    expect(await progress.locator('[data-test-run-live="p50"]').textContent()).toBe('40.5 ms');
    expect(await progress.locator('[data-test-run-live="p95"]').textContent()).toBe('95.3 ms');
    expect(await progress.locator('[role="progressbar"]').getAttribute('aria-valuetext')).toBe('100 of 200');
    expect(await panel().locator('[data-test-run-start]').isDisabled()).toBe(true);
    expect(starts.at(-1)?.ratePerSecond).toBe(50);
    expect(await page().evaluate(() => document.activeElement?.hasAttribute('data-test-run-cancel'))).toBe(true);
    await page().keyboard.press('Enter');
    await panel().locator('[data-test-run-report="cancelled"]').waitFor();
    expect(cancels).toEqual(['run-00000002']);
    expect(await panel().locator('[data-test-run-end]').textContent()).toBe('Cancelled: 100 of 200 requests sent, 8 at once, at most 50 per second, in 2.0 s. The numbers below cover the requests that finished.');
    mode = 'complete';
  });

  it('no route up: says so in words, offers Connect, and starts the run again once the route is up', async () => {
    mode = 'route-down';
    const before = starts.length;
    await panel().locator('[data-test-run-start]').click();
    const offer = panel().locator('[data-connect-offer][data-error-code="E_ROUTE_DOWN"]');
    await offer.waitFor();
    expect(await offer.textContent()).toContain('No private route to this endpoint is up, so Airlock did not send the request.');
    expect(await offer.textContent()).toContain('Airlock can connect a private route now and then start the load test again.');
    await offer.getByRole('button', { name: 'Connect VPN or direct' }).click();
    await panel().locator('[data-test-run-report="completed"]').waitFor();
    expect(starts.length).toBe(before + 2);
  });

  it('reads well in light, dark and high contrast (charts redrawn in the theme), with no serious axe violations', async () => {
    for (const [label, suffix] of [
      ['Light', 'light'],
      ['Dark', 'dark'],
      ['High contrast', 'high-contrast'],
    ] as const) {
      await page().getByRole('tab', { name: 'Settings' }).click();
      await page().getByRole('radio', { name: label }).check();
      await page().getByRole('tab', { name: 'Endpoints' }).click();
      await openLoadTest();
      if ((await panel().locator('[data-test-run-report="completed"]').count()) === 0) {
        await panel().locator('[data-test-run-start]').click();
        await panel().locator('[data-test-run-report="completed"]').waitFor();
      }
      await panel().locator('[data-chart="timeline"][data-chart-state="ready"] canvas').first().waitFor();
      await panel().locator('[data-test-run-figure="timeline"] summary').focus();
      await page().keyboard.press('Enter'); // the table behind the chart opens from the keyboard
      await panel().locator('[data-test-run-table="timeline"]').waitFor();
      await panel().scrollIntoViewIfNeeded();
      await panel().screenshot({ path: path.join(SHOTS, `test-run-${suffix}.png`), animations: 'disabled' });
      expect(await axeSerious(page())).toEqual([]);
    }
    // The OS's forced colours: the charts redraw in system colours and stay readable to axe.
    await page().emulateMedia({ forcedColors: 'active' });
    await panel().locator('[data-chart="histogram"][data-chart-state="ready"] canvas').first().waitFor();
    expect(await axeSerious(page())).toEqual([]);
    await page().emulateMedia({ forcedColors: 'none' });
    expect(h.cspViolations).toEqual([]);
  });
});
