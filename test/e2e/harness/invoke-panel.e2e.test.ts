// The test-inference panel in the endpoint detail (Endpoints → an endpoint → Test), with the workspace, endpoint,
// score and route handlers replaced behind the same guard: the schema and samples load into CodeMirror (its own
// chunk), a payload that breaks the schema is marked inline and main's E_PAYLOAD_INVALID pointer is marked too,
// no route up offers "Connect" and the send is retried once the route is up (response, headers, timings), one
// deployment as the target, Ctrl+Enter, Cancel, and light / dark / high-contrast screenshots with axe.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeploymentSummary, EndpointSummary, InvokeResultView } from '../../../shared/contract/schemas/endpoint';
import type { RouteListEntry } from '../../../shared/contract/schemas/route';
import type { WorkspaceSummary } from '../../../shared/contract/schemas/workspace';
import { AirlockError } from '../../../shared/errors/airlock-error';
import { ROOT } from '../../../scripts/build';
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
const SCHEMA = {
  type: 'object',
  required: ['input_data'],
  additionalProperties: false,
  properties: {
    input_data: { type: 'array', minItems: 1, items: { type: 'object', required: ['age', 'income'], properties: { age: { type: 'integer', minimum: 18 }, income: { type: 'number' }, region: { type: 'string', enum: ['north', 'south'] } } } },
    params: { type: 'object', description: 'Scoring options' },
  },
};
const GOOD = JSON.stringify({ input_data: [{ age: 42, income: 51000.5, region: 'north' }] }, null, 2);
const WRONG_TYPE = JSON.stringify({ input_data: [{ age: 'forty', income: 51000.5 }] }, null, 2);
const ANSWER = JSON.stringify({ predictions: [{ score: 0.82, label: 'approve', reasons: ['<img src=x onerror="window.__pwned=1">', 'income'] }] });
const RESULT = (deployment: string): InvokeResultView => ({
  status: 200,
  ok: true,
  requestId: '7f9c1a2e-0000-4c1b-9d55-8a1f3e2b6c10',
  modelDeployment: deployment,
  runFunctionFailure: null,
  contentType: 'application/json',
  body: ANSWER,
  bodyBytes: ANSWER.length,
  bodyTruncated: false,
  failure: null,
  timings: { dnsMs: 3.2, connectMs: 8.5, tlsMs: 21.4, ttfbMs: 112.6, downloadMs: 4.1, totalMs: 149.8 },
  authMode: 'AMLToken',
  route: { via: 'vpn', id: 'vpn' },
  historyId: null,
});
const since = new Date(Date.now() - 60_000).toISOString();
const ROUTES: RouteListEntry[] = [
  { environmentId: 'AzureCloud', via: 'vpn', state: 'off', since, target: 'VPN (OS resolver)', bytesIn: 0, bytesOut: 0, rttMs: null, lastError: null, reconnect: null, allowed: true, why: null },
  { environmentId: 'AzureCloud', via: 'bastion', state: 'off', since, target: 'Azure Bastion', bytesIn: 0, bytesOut: 0, rttMs: null, lastError: null, reconnect: null, allowed: false, why: 'The policy forbids Azure Bastion.' },
];

/** axe-core's serious and critical violations (as in endpoints-screen.e2e.test.ts), Fluent's focus sentinels left out. */
async function seriousViolations(): Promise<Array<{ id: string; targets: string[] }>> {
  const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page().evaluate(source);
  return page().evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const result = await axe.run({ exclude: [['[data-tabster-dummy]']] } as unknown as Document, { resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, targets: v.nodes.map((n) => String(n.target[0])) }));
  });
}

let routeUp = true;
/** When true, reading the schema also needs a route (as over a real private endpoint). */
let schemaNeedsRoute = false;
let hold: Promise<void> | null = null;
const scoreCalls: Array<{ payload: string; deploymentName?: string | undefined }> = [];
const connectCalls: string[] = [];
let h: Harness;
const page = () => h.page;
const panel = () => page().locator('[data-invoke-panel="credit-scoring"]');
const editor = () => panel().locator('.cm-content');
const chooseSample = (name: string) => panel().locator('[data-invoke-sample]').selectOption({ label: name });

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
        payloadSchema: async ({ deploymentName }) => {
          if (schemaNeedsRoute && !routeUp) throw new AirlockError('E_ROUTE_DOWN', { details: { via: 'vpn', host: 'credit-scoring.westeurope.inference.ml.azure.com' } });
          return {
          schema: JSON.stringify(SCHEMA),
          samples: [
            { name: 'One applicant', payload: GOOD },
            { name: 'Age as words', payload: WRONG_TYPE },
          ],
          maxPayloadBytes: 4096,
          source: `swagger.json of deployment ${deploymentName ?? 'blue'}`,
          };
        },
        score: async ({ payload, deploymentName }) => {
          scoreCalls.push({ payload, deploymentName });
          if (hold) await hold;
          if (payload.includes('"forty"')) throw new AirlockError('E_PAYLOAD_INVALID', { details: { pointer: '/input_data/0/age', keyword: 'type', problems: 1 } });
          if (!routeUp) throw new AirlockError('E_ROUTE_DOWN', { details: { via: 'vpn', host: 'credit-scoring.westeurope.inference.ml.azure.com' } });
          return RESULT(deploymentName ?? 'blue');
        },
      },
      route: {
        list: async () => ({ environmentId: 'AzureCloud', routes: ROUTES.map((r) => (r.via === 'vpn' && routeUp ? { ...r, state: 'up' as const } : r)) }),
        connect: async ({ via }) => {
          connectCalls.push(via);
          routeUp = true;
          const { allowed: _a, why: _w, ...view } = ROUTES[0]!;
          return { ...view, state: 'up', rttMs: 12, since: new Date().toISOString() };
        },
      },
    }),
  });
  await page().getByRole('tab', { name: 'Endpoints' }).click();
  const grid = page().getByRole('grid', { name: 'Online endpoints in Credit workspace' });
  await grid.waitFor({ timeout: 30_000 });
  await grid.locator('[role="row"][data-endpoint]').first().click();
  await panel().waitFor({ timeout: 30_000 });
  await page().setViewportSize({ width: 1280, height: 1600 });
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('Invoke panel (harness, replaced handlers)', () => {
  it('loads CodeMirror lazily, labelled, with the schema, its source and the first sample', async () => {
    await panel().locator('[data-payload-editor="ready"]').waitFor({ timeout: 15_000 });
    expect(await editor().getAttribute('aria-label')).toBe('Request body for credit-scoring (JSON)');
    expect(await panel().locator('[data-invoke-schema-source]').textContent()).toBe('Checked against swagger.json of deployment blue');
    expect(await editor().textContent()).toContain('"income": 51000.5');
    expect(await panel().locator('[data-invoke-size]').textContent()).toMatch(/ B of 4\.0 KB$/);
    // The editor came from its own chunk, not app.js.
    const scripts = await page().evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    expect(scripts.some((s) => /chunks\/codemirror-editor-[\w]+\.js$/.test(s))).toBe(true);
  });

  it('completes property names from the schema (Ctrl+Space inside an object)', async () => {
    await editor().click();
    await page().keyboard.press('Control+End');
    await page().keyboard.press('ArrowLeft'); // just before the closing }
    await page().keyboard.type(',\n');
    await page().keyboard.press('Control+Space');
    const options = page().locator('.cm-tooltip-autocomplete li');
    await options.first().waitFor();
    expect(await options.allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('"params"')]));
    await page().keyboard.press('Escape');
    await chooseSample('One applicant');
  });

  it('marks a payload that breaks the schema inline, and main refuses it with E_PAYLOAD_INVALID at the same pointer', async () => {
    await chooseSample('Age as words');
    const problems = panel().locator('[data-problem-pointer="/input_data/0/age"]');
    await problems.first().waitFor();
    expect(await problems.first().textContent()).toBe('/input_data/0/age must be integer, not string');
    await expect.poll(() => panel().locator('.cm-lintRange-error').count()).toBeGreaterThan(0);
    await panel().locator('[data-invoke-send]').click();
    await panel().locator('[data-error-code="E_PAYLOAD_INVALID"]').waitFor();
    await expect.poll(() => problems.last().textContent()).toContain('checked by Airlock');
    expect(await panel().locator('[data-response-status]').count()).toBe(0);
  });

  it('no route up: offers to connect, connects, then sends again and shows the answer with its timings', async () => {
    routeUp = false;
    await chooseSample('One applicant');
    const before = scoreCalls.length;
    await panel().locator('[data-invoke-send]').click();
    const offer = panel().locator('[data-connect-offer]');
    await offer.waitFor();
    const connect = offer.getByRole('button', { name: 'Connect VPN or direct' });
    await connect.waitFor();
    expect(await offer.getByRole('button', { name: /Bastion/ }).count()).toBe(0); // not allowed by policy
    await connect.click();
    await panel().locator('[data-response-status="200"]').waitFor();
    expect(connectCalls).toEqual(['vpn']);
    expect(scoreCalls.length).toBe(before + 2);
    expect(await panel().locator('[data-response-fact="requestId"]').textContent()).toBe('7f9c1a2e-0000-4c1b-9d55-8a1f3e2b6c10');
    expect(await panel().locator('[data-response-fact="modelDeployment"]').textContent()).toBe('blue');
    expect(await panel().locator('[data-response-timings] [data-phase]').evaluateAll((els) => els.map((e) => e.getAttribute('data-phase')))).toEqual(['dns', 'connect', 'tls', 'ttfb', 'download']);
    expect(await panel().locator('[data-response-timings] [role="img"]').getAttribute('aria-label')).toContain('total 150 ms');
    const body = await panel().locator('[data-response-body="json"]').textContent();
    expect(body).toContain('"label": "approve"');
    expect(await panel().locator('[data-response-body] img').count()).toBe(0);
    expect(await page().evaluate(() => (window as unknown as Record<string, unknown>)['__pwned'])).toBeUndefined();
  });

  it('a schema read that needs a route: one offer, worded for the read; Send says not sent; connecting reads the schema by itself', async () => {
    routeUp = false;
    schemaNeedsRoute = true;
    await panel().locator('[data-invoke-target]').selectOption('green');
    const offer = panel().locator('[data-connect-offer]');
    await offer.waitFor();
    expect(await offer.textContent()).toContain("Connect a private route to read this deployment's schema and send requests");
    expect(await offer.textContent()).not.toContain('did not send');
    // Waiting for the schema: the file button says why it cannot be used yet (focusable, described).
    expect(await panel().getByRole('button', { name: 'Load from file…' }).getAttribute('aria-disabled')).toBe('true');
    await panel().locator('[data-invoke-send]').click();
    await panel().locator('[data-invoke-not-sent="route-down"]').waitFor();
    expect(await panel().locator('[data-connect-offer]').count()).toBe(1);
    await offer.getByRole('button', { name: 'Connect VPN or direct' }).click();
    await expect.poll(() => panel().locator('[data-invoke-schema-source]').textContent()).toBe('Checked against swagger.json of deployment green');
    // A route that came up is never called "not up" on the way (it was, for a moment, with retryWhenUp).
    expect(await panel().locator('[data-connect-problem]').count()).toBe(0);
    expect(await panel().locator('[data-connect-offer]').count()).toBe(0);
    schemaNeedsRoute = false;
    await panel().locator('[data-invoke-target]').selectOption('');
  });

  it('sends to one deployment with Ctrl+Enter from the editor', async () => {
    await panel().locator('[data-invoke-target]').selectOption('green');
    await expect.poll(() => panel().locator('[data-invoke-schema-source]').textContent()).toBe('Checked against swagger.json of deployment green');
    await editor().click();
    await page().keyboard.press('Control+Enter');
    await expect.poll(() => panel().locator('[data-response-fact="modelDeployment"]').textContent()).toBe('green');
    expect(scoreCalls.at(-1)?.deploymentName).toBe('green');
    await panel().locator('[data-invoke-target]').selectOption('');
  });

  it('Cancel stops waiting and says the request may still complete', async () => {
    let release!: () => void;
    hold = new Promise<void>((resolve) => (release = resolve));
    await panel().locator('[data-invoke-send]').click();
    await panel().locator('[data-invoke-waiting]').waitFor();
    await panel().locator('[data-invoke-cancel]').click();
    expect(await panel().locator('[data-invoke-cancelled]').textContent()).toContain('may still complete');
    hold = null;
    release();
    await new Promise((r) => setTimeout(r, 200)); // let the dropped answer arrive: it must not replace the words
    expect(await panel().locator('[data-invoke-cancelled]').count()).toBe(1);
    expect(await panel().locator('[data-response-status]').count()).toBe(0);
  });

  it('a file over the limit is refused before it is read, with bytes against the limit; one under it loads', async () => {
    const before = scoreCalls.length;
    await panel().locator('[data-invoke-file]').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(`{"pad":"${'x'.repeat(5000)}"}`) });
    await panel().locator('[data-invoke-too-large]').waitFor();
    expect(await panel().locator('[data-invoke-too-large]').textContent()).toBe('The body is 4.9 KB (5,010 bytes); the limit is 4.0 KB (4,096 bytes).');
    expect(await panel().locator('[data-error-code="E_PAYLOAD_TOO_LARGE"]').count()).toBe(1);
    expect(await editor().textContent()).not.toContain('xxxx');
    await panel().locator('[data-invoke-file]').setInputFiles({ name: 'small.json', mimeType: 'application/json', buffer: Buffer.from(GOOD) });
    await expect.poll(() => editor().textContent()).toContain('"region": "north"');
    expect(scoreCalls.length).toBe(before); // nothing was sent
  });

  it('reads well in light, dark and high contrast, with no serious axe violations', async () => {
    await panel().locator('[data-invoke-send]').click();
    await panel().locator('[data-response-status="200"]').waitFor();
    for (const [label, suffix] of [
      ['Light', 'light'],
      ['Dark', 'dark'],
      ['High contrast', 'high-contrast'],
    ] as const) {
      await page().getByRole('tab', { name: 'Settings' }).click();
      await page().getByRole('radio', { name: label }).check();
      await page().getByRole('tab', { name: 'Endpoints' }).click();
      await page().locator('[data-endpoint-detail]').or(page().getByRole('grid', { name: 'Online endpoints in Credit workspace' })).first().waitFor();
      if ((await page().locator('[data-endpoint-detail]').count()) === 0) await page().locator('[role="row"][data-endpoint]').first().click();
      await panel().locator('[data-payload-editor="ready"]').waitFor();
      await panel().locator('[data-invoke-send]').click();
      await panel().locator('[data-response-status="200"]').waitFor();
      await panel().scrollIntoViewIfNeeded();
      await page().getByRole('heading', { name: 'Test', exact: true }).click();
      await panel().screenshot({ path: path.join(SHOTS, `invoke-${suffix}.png`), animations: 'disabled' });
      expect(await seriousViolations()).toEqual([]);
    }
  });
});
