// The Endpoints screen with the workspace, endpoint and model handlers replaced (behind the same guard): a
// workspace with 10,000 endpoints (only a screenful in the DOM; search, sort, keyboard), hostile ARM strings kept
// inert, an endpoint's detail with deployments and a log tail, a slow ARM the user cancels, a failing list (an
// ErrorPanel, never "No online endpoints") that then answers empty, a model's versions, and light / dark /
// high-contrast screenshots.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeploymentSummary, EndpointSummary } from '../../../shared/contract/schemas/endpoint';
import type { ModelSummary, ModelVersionView, WorkspaceSummary } from '../../../shared/contract/schemas/workspace';
import { AirlockError } from '../../../shared/errors/airlock-error';
import { ROOT } from '../../../scripts/build';
import { ensureRendererBuilt } from '../../harness/ensure-built';
import { harnessAirlock, launchHarness, type Harness } from '../../harness/harness';

const SHOTS = path.join(ROOT, 'test-results', 'e2e');
const SUB = '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const ws = (name: string, displayName: string): WorkspaceSummary => ({
  id: `/subscriptions/${SUB}/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/${name}`,
  name,
  displayName,
  subscriptionId: SUB,
  resourceGroup: 'rg-ml',
  location: 'westeurope',
  publicNetworkAccess: 'Disabled',
  privateEndpoints: 1,
});
const BIG = ws('ws-big', 'Scoring at scale');
const FAILING = ws('ws-failing', 'Flaky workspace');
const SLOW = ws('ws-slow', 'Slow workspace');
const PAGED = ws('ws-paged', 'Paged workspace');

const HOSTILE = '<img src=x onerror="window.__pwned=1">';
const RLO = 'invoice\u202Etxt.exe';
const endpoint = (over: Partial<EndpointSummary>): EndpointSummary => ({
  id: `${BIG.id}/onlineEndpoints/${over.name ?? 'ep'}`,
  name: 'ep',
  authMode: 'AMLToken',
  scoringHost: `${over.name ?? 'ep'}.westeurope.inference.ml.azure.com`,
  publicNetworkAccess: 'Disabled',
  traffic: [{ deployment: 'blue', percent: 100 }],
  provisioningState: 'Succeeded',
  description: null,
  createdAt: '2026-02-01T10:00:00Z',
  modifiedAt: '2026-03-01T10:00:00Z',
  ...over,
});
const MODES = ['AMLToken', 'Key', 'AADToken'] as const;
const ENDPOINTS: EndpointSummary[] = [
  ...Array.from({ length: 9_997 }, (_, i) =>
    endpoint({ name: `ep-${String(i).padStart(5, '0')}`, authMode: MODES[i % 3], provisioningState: i % 50 === 0 ? 'Updating' : 'Succeeded', publicNetworkAccess: i % 7 === 0 ? 'Enabled' : 'Disabled' }),
  ),
  endpoint({
    name: 'credit-scoring',
    authMode: 'AMLToken',
    traffic: [
      { deployment: 'blue', percent: 90 },
      { deployment: 'green', percent: 10 },
    ],
    description: `Credit risk scoring for retail loans. ${'Trained on five years of repayment history. '.repeat(80)}END-OF-DESCRIPTION`.slice(0, 4000),
  }),
  endpoint({ id: `${BIG.id}/onlineEndpoints/hostile-1`, name: HOSTILE, scoringHost: null, provisioningState: `<b>${'Failed'}</b>`, traffic: [{ deployment: HOSTILE.slice(0, 64), percent: 100 }] }),
  endpoint({ id: `${BIG.id}/onlineEndpoints/hostile-2`, name: `${RLO}\u0000\u0007`, authMode: 'Unknown', publicNetworkAccess: 'Unknown', traffic: [] }),
];
const DEPLOYMENTS: DeploymentSummary[] = [
  { name: 'blue', provisioningState: 'Succeeded', sku: 'Default', instanceType: 'Standard_DS3_v2', instanceCount: 3, trafficPercent: 90, model: 'credit-model:7', createdAt: '2026-02-01T10:00:00Z' },
  { name: 'green', provisioningState: 'Updating', sku: 'Default', instanceType: 'Standard_F4s_v2', instanceCount: 1, trafficPercent: 10, model: 'credit-model:8', createdAt: '2026-03-01T10:00:00Z' },
  { name: `shadow${RLO}`.slice(0, 64), provisioningState: 'Failed', sku: null, instanceType: null, instanceCount: null, trafficPercent: 0, model: null, createdAt: null },
];
const LOG = [
  '2026-03-01T10:00:00Z INFO Starting gunicorn 21.2.0',
  `2026-03-01T10:00:01Z INFO Loading model from ${HOSTILE}`,
  `2026-03-01T10:00:02Z WARN odd file ${RLO}`,
  '2026-03-01T10:00:03Z INFO \u001b[31mcolour codes\u001b[0m stay out',
  '2026-03-01T10:00:04Z INFO Listening at: http://0.0.0.0:31311',
].join('\n');
const MODEL: ModelSummary = { name: 'credit-model', latestVersion: '10', modelType: 'mlflow_model', framework: 'sklearn', stage: 'Production', tags: [], description: 'Scores loans', createdAt: '2026-01-01T00:00:00Z', modifiedAt: null };
const version = (v: string, over: Partial<ModelVersionView> = {}): ModelVersionView => ({
  version: v,
  modelType: 'mlflow_model',
  framework: 'sklearn',
  stage: 'Development',
  tags: [{ key: 'auc', value: `0.8${v}` }],
  description: `Version ${v}`,
  path: `azureml://models/credit-model/versions/${v}`,
  createdAt: `2026-01-${String(Number(v) + 1).padStart(2, '0')}T00:00:00Z`,
  modifiedAt: null,
  ...over,
});
const VERSIONS = [version('10', { stage: 'Production', description: `${HOSTILE} ${'long words '.repeat(300)}VERSION-END`.slice(0, 4000) }), version('9'), version('2'), version('1', { stage: 'Archived' })];

/**
 * axe-core's serious and critical violations on the page as it is now (evaluated over CDP, so the app's CSP allows
 * it). Fluent's focus-trap sentinels (<i data-tabster-dummy aria-hidden tabindex=0>, the whole shell has them) are
 * left out: they are Fluent's, and tabster moves focus on as soon as one receives it.
 */
async function seriousViolations(): Promise<Array<{ id: string; targets: string[] }>> {
  const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page().evaluate(source);
  return page().evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const result = await axe.run({ exclude: [['[data-tabster-dummy]']] } as unknown as Document, { resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, targets: v.nodes.map((n) => String(n.target[0])) }));
  });
}

let failingAnswers = 'fail' as 'fail' | 'empty';
let releaseSlow: (() => void) | null = null;
let releasePaged: (() => void) | null = null;
const pagedWhole = new Promise<void>((resolve) => (releasePaged = resolve));
let slowCalls = 0;
const logCalls: Array<{ deploymentName: string; tail: number }> = [];
let h: Harness;
const page = () => h.page;
const grid = () => page().getByRole('grid', { name: 'Online endpoints in Scoring at scale' });
const renderedRows = () => grid().locator('[role="row"][data-endpoint]');
const chooseWorkspace = (w: WorkspaceSummary) => page().locator('[data-endpoints-workspace]').selectOption(w.id);

beforeAll(async () => {
  await ensureRendererBuilt();
  const account = { accountId: 'oid.tid', environmentId: 'AzureCloud', username: 'dana@contoso.test', name: 'Dana', tenantId: 'tid', authMethods: ['pwd', 'mfa'], signedInAt: null };
  h = await launchHarness({
    airlock: harnessAirlock(undefined, [], {}, {
      auth: { accounts: async () => ({ accounts: [account], activeAccountId: account.accountId }) },
      workspace: {
        list: async () => ({ workspaces: [BIG, FAILING, SLOW, PAGED] }),
        models: async ({ workspaceId }) => ({ workspaceId, models: [MODEL], complete: true }),
        modelVersions: async ({ workspaceId, modelName }) => ({ workspaceId, modelName, versions: [VERSIONS[2]!, VERSIONS[0]!, VERSIONS[3]!, VERSIONS[1]!] }),
      },
      endpoint: {
        list: async ({ workspaceId, first }) => {
          if (workspaceId === FAILING.id) {
            if (failingAnswers === 'fail') throw new AirlockError('E_UNAVAILABLE', { message: 'Azure Resource Manager did not answer the endpoints list.' });
            return { workspaceId, endpoints: [], complete: true };
          }
          // First rows at once; the whole list when the test lets it come.
          if (workspaceId === PAGED.id) {
            if (first !== undefined) return { workspaceId, endpoints: ENDPOINTS.slice(0, first), complete: false };
            await pagedWhole;
            return { workspaceId, endpoints: ENDPOINTS.slice(0, 500), complete: true };
          }
          if (workspaceId === SLOW.id && slowCalls++ === 0) await new Promise<void>((resolve) => (releaseSlow = resolve));
          return { workspaceId, endpoints: workspaceId === BIG.id ? ENDPOINTS : [], complete: true };
        },
        detail: async ({ workspaceId, endpointName }) => ({ workspaceId, endpoint: ENDPOINTS.find((e) => e.name === endpointName)!, deployments: DEPLOYMENTS }),
        logs: async ({ deploymentName, tail }) => {
          logCalls.push({ deploymentName, tail });
          return { content: deploymentName === 'green' ? '' : LOG, lines: 5, truncated: false };
        },
        payloadSchema: async () => ({ schema: null, samples: [], maxPayloadBytes: 1_048_576, source: null }),
      },
    }),
  });
  await page().getByRole('tab', { name: 'Endpoints' }).click();
  await grid().waitFor({ timeout: 30_000 });
}, 60_000);

afterAll(async () => {
  releaseSlow?.();
  releasePaged?.();
  await h?.close();
});

describe('Endpoints screen (harness, replaced handlers)', () => {
  it('lists 10,000 endpoints with only a screenful in the DOM, and scrolls to the last', async () => {
    expect(await page().locator('[data-endpoint-count]').textContent()).toBe('10,000 endpoints');
    expect(await grid().getAttribute('aria-rowcount')).toBe('10001');
    const rendered = await renderedRows().count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(100);
    expect(await grid().getByRole('columnheader').allTextContents()).toEqual(['Name', 'Auth mode', 'Scoring host', 'Public access', 'Traffic', 'State']);
    // Sorted by name: the hostile '<img…' sorts before letters; 'invoice…' after 'ep-…' and 'credit…'.
    await grid().evaluate((el) => (el.scrollTop = el.scrollHeight));
    await renderedRows().filter({ hasText: 'invoice' }).waitFor();
    expect(await renderedRows().count()).toBeLessThan(100);
  });

  it('searches (every word must match) and sorts by a column header', async () => {
    const search = page().locator('[data-endpoint-search]');
    await search.fill('ep-0999 key'); // ep-09990..ep-09996; every third one (i % 3 === 1) uses a key
    await expect.poll(() => page().locator('[data-endpoint-count]').textContent()).toBe('2 of 10,000 endpoints');
    expect(await renderedRows().evaluateAll((rows) => rows.map((r) => r.getAttribute('data-endpoint')))).toEqual(['ep-09991', 'ep-09994']);
    await search.fill('ep-0999');
    await expect.poll(() => renderedRows().count()).toBe(7);
    const nameHeader = grid().getByRole('columnheader', { name: 'Name' });
    expect(await nameHeader.getAttribute('aria-sort')).toBe('ascending');
    await nameHeader.getByRole('button').click();
    expect(await nameHeader.getAttribute('aria-sort')).toBe('descending');
    expect(await renderedRows().first().getAttribute('data-endpoint')).toBe('ep-09996');
    const authHeader = grid().getByRole('columnheader', { name: 'Auth mode' });
    await authHeader.getByRole('button').click();
    expect(await authHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(await nameHeader.getAttribute('aria-sort')).toBe('none');
    expect(await renderedRows().first().getByRole('gridcell').nth(1).textContent()).toBe('Azure ML token');
    await search.fill('nothing-like-this');
    await page().locator('[data-endpoint-nomatch]').waitFor();
    expect(await page().getByText('No online endpoints in this workspace').count()).toBe(0);
    await search.fill('');
    await nameHeader.getByRole('button').click(); // back to name, ascending
    await expect.poll(() => nameHeader.getAttribute('aria-sort')).toBe('ascending');
  });

  it('keeps hostile strings inert: no element, no script, overrides shown as markers, controls gone', async () => {
    await page().locator('[data-endpoint-search]').fill('onerror');
    const row = renderedRows().first();
    await expect.poll(() => row.textContent()).toContain('onerror');
    expect(await row.locator('img, b').count()).toBe(0);
    expect(await row.getByRole('gridcell').nth(0).textContent()).toBe(HOSTILE);
    expect(await row.getByRole('gridcell').nth(2).textContent()).toBe('None');
    expect(await row.getByRole('gridcell').nth(5).textContent()).toBe('<b>Failed</b>');
    expect(await page().evaluate(() => (window as unknown as Record<string, unknown>)['__pwned'])).toBeUndefined();
    await page().locator('[data-endpoint-search]').fill('invoice');
    const rlo = renderedRows().first();
    await expect.poll(() => rlo.getByRole('gridcell').nth(0).textContent()).toBe('invoice[U+202E]txt.exe');
    expect(await rlo.locator('bdi').count()).toBeGreaterThan(0);
    expect(await rlo.getByRole('gridcell').nth(1).textContent()).toBe('Unknown');
    expect(await rlo.getByRole('gridcell').nth(4).textContent()).toBe('No traffic');
  });

  it('opens an endpoint from the keyboard: its facts, deployments and a log tail', async () => {
    await page().locator('[data-endpoint-search]').fill('credit');
    await expect.poll(() => renderedRows().count()).toBe(1);
    await grid().focus();
    await page().keyboard.press('ArrowDown');
    expect(await renderedRows().first().getAttribute('aria-selected')).toBe('true');
    await page().keyboard.press('Enter');
    const detail = page().locator('[data-endpoint-detail="credit-scoring"]');
    await detail.waitFor();
    expect(await page().evaluate(() => document.activeElement?.textContent)).toBe('Back to endpoints');
    expect(await detail.locator('[data-endpoint-fact="authMode"]').textContent()).toBe('Azure ML token');
    expect(await detail.locator('[data-endpoint-fact="traffic"]').textContent()).toBe('blue 90% · green 10%');
    expect(await detail.locator('[data-endpoint-fact="publicNetworkAccess"]').textContent()).toBe('Private only');
    expect(await detail.locator('[data-endpoint-fact="description"]').textContent()).not.toContain('END-OF-DESCRIPTION');
    await detail.locator('[data-endpoint-fact="description"]').getByRole('button', { name: 'Full description' }).click();
    await expect.poll(() => detail.locator('[data-endpoint-fact="description"]').textContent()).toContain('END-OF-DESCRIPTION');

    const deployments = page().getByRole('grid', { name: 'Deployments of credit-scoring' });
    await deployments.waitFor();
    expect(await deployments.getByRole('columnheader').allTextContents()).toEqual(['Deployment', 'State', 'SKU', 'Instance type', 'Instances', 'Traffic', 'Model']);
    const blue = deployments.locator('[data-deployment="blue"]').getByRole('gridcell');
    expect(await blue.allTextContents()).toEqual(['blue', 'Succeeded', 'Default', 'Standard_DS3_v2', '3', '90%', 'credit-model:7']);
    expect(await deployments.locator('[role="row"][data-deployment]').first().getAttribute('data-deployment')).toBe('blue'); // busiest first
    expect(await deployments.locator('[data-deployment^="shadow"]').getByRole('gridcell').nth(0).textContent()).toBe('shadowinvoice[U+202E]txt.exe');
    // A short grid is drawn whole and no taller: the header and its rows fill it, with no scroll and no gap below.
    const fit = await deployments.evaluate((el) => ({ inner: el.clientHeight, content: el.scrollHeight, rows: el.querySelectorAll('[role="row"][data-deployment]').length }));
    expect(fit.content).toBe(fit.inner);
    expect(fit.inner).toBe(33 + 36 * fit.rows);

    const log = detail.locator('[data-log-text]');
    await log.waitFor();
    expect(logCalls.at(-1)).toEqual({ deploymentName: 'blue', tail: 300 });
    const text = (await log.textContent())!;
    expect(text).toContain('Loading model from <img src=x onerror="window.__pwned=1">');
    expect(text).toContain('odd file invoice[U+202E]txt.exe');
    expect(text).toContain('[31mcolour codes[0m stay out'); // the escape character itself is gone
    expect(text).not.toContain('\u001b');
    expect(await log.locator('img').count()).toBe(0);
    expect(await log.evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/mono|consolas|courier/i);

    await detail.locator('[data-log-lines]').selectOption('1000');
    await expect.poll(() => logCalls.at(-1)).toEqual({ deploymentName: 'blue', tail: 1000 });
    const before = logCalls.length;
    await detail.locator('[data-log-refresh]').click();
    await expect.poll(() => logCalls.length).toBe(before + 1);
    // Selecting a deployment in the table points the log at it.
    await deployments.locator('[data-deployment="green"]').click();
    await expect.poll(() => logCalls.at(-1)).toEqual({ deploymentName: 'green', tail: 1000 });
    await expect.poll(() => detail.locator('[data-log-summary]').textContent()).toBe('The log of green is empty.');
  });

  it('Back returns to the list as it was: the search, the row still selected', async () => {
    await page().getByRole('button', { name: 'Back to endpoints' }).click();
    await grid().waitFor();
    expect(await page().locator('[data-endpoint-search]').inputValue()).toBe('credit');
    expect(await renderedRows().first().getAttribute('aria-selected')).toBe('true');
    await page().locator('[data-endpoint-search]').fill('');
  });

  it('a failing list is an ErrorPanel, never "No online endpoints"; Try again can answer empty, and then it says so', async () => {
    await chooseWorkspace(FAILING);
    const error = page().locator('[data-error-code="E_UNAVAILABLE"]');
    await error.waitFor();
    expect(await error.textContent()).toContain('Azure Resource Manager did not answer the endpoints list.');
    expect(await page().getByText('No online endpoints in this workspace').count()).toBe(0);
    failingAnswers = 'empty';
    await error.getByRole('button', { name: 'Try again' }).click();
    await page().getByRole('heading', { name: 'No online endpoints in this workspace' }).waitFor();
  });

  it('a slow ARM shows progress and can be cancelled; the choice of workspace is remembered', async () => {
    await chooseWorkspace(SLOW);
    const progress = page().locator('[data-read-progress]');
    await progress.waitFor();
    expect(await progress.textContent()).toContain('Reading online endpoints from Azure Resource Manager');
    await progress.getByRole('button', { name: 'Cancel' }).click();
    const cancelled = page().locator('[data-read-cancelled]');
    await cancelled.waitFor();
    expect(await page().getByText('No online endpoints in this workspace').count()).toBe(0);
    releaseSlow?.();
    await page().getByRole('button', { name: 'Load again' }).click();
    await page().getByRole('heading', { name: 'No online endpoints in this workspace' }).waitFor();
    // Leave and come back: the remembered workspace is the slow one.
    await page().getByRole('tab', { name: 'Audit' }).click();
    await page().getByRole('tab', { name: 'Endpoints' }).click();
    await expect.poll(() => page().locator('[data-endpoints-workspace]').inputValue()).toBe(SLOW.id);
    await chooseWorkspace(BIG);
    await grid().waitFor();
  });

  it('a large workspace shows its first rows at once, then the whole list; Stop keeps the first rows, said as such', async () => {
    await chooseWorkspace(PAGED);
    const pagedGrid = page().getByRole('grid', { name: 'Online endpoints in Paged workspace' });
    await pagedGrid.waitFor();
    const rest = page().locator('[data-rest-of-list]');
    await expect.poll(() => rest.getAttribute('data-rest-of-list')).toBe('loading');
    expect(await rest.textContent()).toContain('Showing the first 100 endpoints; reading the rest from Azure Resource Manager');
    expect(await page().locator('[data-endpoint-count]').textContent()).toBe('100 endpoints');
    await rest.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => rest.getAttribute('data-rest-of-list')).toBe('stopped');
    expect(await rest.textContent()).toContain('Showing only the first 100 endpoints: you stopped reading the rest.');
    await rest.getByRole('button', { name: 'Read the rest' }).click();
    await expect.poll(() => rest.getAttribute('data-rest-of-list')).toBe('loading');
    expect(await seriousViolations()).toEqual([]);
    releasePaged?.();
    await expect.poll(() => page().locator('[data-endpoint-count]').textContent()).toBe('500 endpoints');
    expect(await rest.count()).toBe(0);
    await chooseWorkspace(BIG);
    await grid().waitFor();
  });

  it('a model opens to its versions, newest first, with the full description on request', async () => {
    await page().getByRole('tab', { name: 'Workspaces' }).click();
    await page().getByRole('button', { name: /Scoring at scale/ }).click();
    await page().locator('[role="row"][data-model="credit-model"]').click();
    const versions = page().getByRole('grid', { name: 'Versions of credit-model' });
    await versions.waitFor();
    expect(await versions.locator('[role="row"][data-version]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-version')))).toEqual(['10', '9', '2', '1']);
    expect(await versions.getByRole('columnheader').allTextContents()).toEqual(['Version', 'Type', 'Stage', 'Tags', 'Created', 'Description']);
    const detail = page().locator('[data-version-detail="10"]');
    expect(await detail.textContent()).not.toContain('VERSION-END');
    await detail.getByRole('button', { name: 'Full description' }).click();
    await expect.poll(() => detail.textContent()).toContain('VERSION-END');
    expect(await detail.locator('img').count()).toBe(0);
    expect(await seriousViolations()).toEqual([]);
    await page().screenshot({ path: path.join(SHOTS, 'model-detail.png'), animations: 'disabled' });
    await versions.focus();
    await page().keyboard.press('End');
    await page().locator('[data-version-detail="1"]').waitFor();
    await page().getByRole('button', { name: 'Back to models' }).click();
    const models = page().getByRole('grid', { name: 'Models in Scoring at scale' });
    await models.waitFor();
    // Back on the models grid, the model just seen still selected (the grid is the one tab stop; the row is its active descendant).
    await expect.poll(() => page().evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Models in Scoring at scale');
    expect(await models.locator('[data-model="credit-model"]').getAttribute('aria-selected')).toBe('true');
    expect(await models.getAttribute('aria-activedescendant')).toBe(await models.locator('[data-model="credit-model"]').getAttribute('id'));
    // The models table searches and sorts too.
    await page().locator('[data-model-search]').fill('no such model');
    await page().locator('[data-model-nomatch]').waitFor();
    expect(await page().locator('[data-model-count]').textContent()).toBe('0 of 1 model');
    await page().locator('[data-model-search]').fill('sklearn production');
    await expect.poll(() => models.locator('[data-model]').count()).toBe(1);
    expect(await page().locator('[data-model-count]').textContent()).toBe('1 model');
    const header = page().getByRole('columnheader', { name: 'Created' });
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    expect(await seriousViolations()).toEqual([]);
  });

  it('arrives at the endpoints of the workspace chosen in Workspaces', async () => {
    await page().getByRole('tab', { name: 'Workspaces' }).click();
    await page().getByRole('button', { name: /Flaky workspace/ }).click();
    await page().getByRole('tab', { name: 'Endpoints' }).click();
    await expect.poll(() => page().locator('[data-endpoints-workspace]').inputValue()).toBe(FAILING.id);
    await page().getByRole('heading', { name: 'No online endpoints in this workspace' }).waitFor();
    await chooseWorkspace(BIG);
    await grid().waitFor();
  });

  it('reads well in light, dark and high contrast (screenshots of the list and the detail)', async () => {
    for (const [label, suffix] of [
      ['Light', 'light'],
      ['Dark', 'dark'],
      ['High contrast', 'high-contrast'],
    ] as const) {
      await page().getByRole('tab', { name: 'Settings' }).click();
      await page().getByRole('radio', { name: label }).check();
      await page().getByRole('tab', { name: 'Endpoints' }).click();
      await grid().waitFor();
      await page().locator('[data-endpoint-search]').fill('');
      await renderedRows().nth(3).click();
      await page().locator('[data-endpoint-detail]').waitFor();
      await page().getByRole('button', { name: 'Back to endpoints' }).click();
      await page().getByRole('heading', { name: 'Online endpoints' }).click(); // no focus ring in the picture
      await page().screenshot({ path: path.join(SHOTS, `endpoints-${suffix}.png`), animations: 'disabled' });
      expect(await seriousViolations()).toEqual([]);
      await page().locator('[data-endpoint-search]').fill('credit');
      await renderedRows().first().click();
      await page().locator('[data-log-text]').waitFor();
      await page().getByRole('heading', { name: 'Endpoint', exact: true }).click();
      // The screen scrolls inside the app, not the page: a taller window shows the detail down to the Test section.
      await page().setViewportSize({ width: 1280, height: 1500 });
      await page().screenshot({ path: path.join(SHOTS, `endpoints-detail-${suffix}.png`), animations: 'disabled' });
      await page().setViewportSize({ width: 1280, height: 800 });
      expect(await seriousViolations()).toEqual([]);
      await page().getByRole('button', { name: 'Back to endpoints' }).click();
    }
  });
});
