// The models table as an Azure ML studio user reads it: name (with its description), latest version, type or
// framework, stage, tags, created and modified, in the virtualized grid: one line a row (a long description or
// tag list cut, the whole in a tooltip and in the model's detail view), one tab stop, arrows select, Enter opens.
// A 10,000-model workspace keeps only a screenful of rows in the DOM and still searches all of them. Hostile
// strings from ARM stay text. The workspace handlers are stubbed here (the sandbox's own models are checked in
// browse-step-up.e2e.test.ts); everything else is the real host.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../../scripts/build';
import type { ModelSummary, WorkspaceSummary } from '../../../shared/contract/schemas/workspace';
import { ensureRendererBuilt } from '../../harness/ensure-built';
import { harnessAirlock, launchHarness, type Harness } from '../../harness/harness';

const SHOTS = path.join(ROOT, 'test-results', 'e2e');
const HOSTILE = '<img src=x onerror="window.__pwned=1">';
const LONG = `Gradient-boosted churn model trained on 36 months of account activity. ${'It weighs tenure, support tickets and billing changes. '.repeat(12)}END-OF-DESCRIPTION`;

const workspace: WorkspaceSummary = {
  id: '/subscriptions/5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/ws-1',
  name: 'ws-1',
  displayName: 'Retention research',
  subscriptionId: '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  resourceGroup: 'rg-ml',
  location: 'westeurope',
  publicNetworkAccess: 'Disabled',
  privateEndpoints: 1,
};

const zoo: WorkspaceSummary = { ...workspace, id: `${workspace.id}-zoo`, name: 'ws-zoo', displayName: 'Model zoo' };

const models: ModelSummary[] = [
  {
    name: 'churn-predictor',
    latestVersion: '7',
    modelType: 'mlflow_model',
    framework: 'lightgbm',
    stage: 'Production',
    tags: [
      { key: 'team', value: 'retention' },
      { key: 'auc', value: '0.91' },
      { key: 'owner', value: 'dana' },
      { key: 'dataset', value: 'accounts-2026q2' },
      { key: 'reviewed', value: 'yes' },
    ],
    description: LONG,
    createdAt: '2026-01-20T09:00:00Z',
    modifiedAt: '2026-03-02T16:30:00Z',
  },
  {
    name: HOSTILE,
    latestVersion: '1',
    modelType: 'custom_model',
    framework: null,
    stage: HOSTILE,
    tags: [{ key: HOSTILE, value: HOSTILE }],
    description: HOSTILE,
    createdAt: 'not a date',
    modifiedAt: null,
  },
];

/** Ten thousand models, numbered: enough that rendering every row would show (it took 30 s to first paint). */
const ZOO: ModelSummary[] = Array.from({ length: 10_000 }, (_, i) => ({
  name: `bench-model-${i}`,
  latestVersion: String((i % 9) + 1),
  modelType: i % 2 ? 'mlflow_model' : 'custom_model',
  framework: i % 2 ? 'sklearn' : null,
  stage: i % 3 ? 'Development' : 'Production',
  tags: [{ key: 'team', value: `team-${i % 7}` }],
  description: null,
  createdAt: '2026-01-20T09:00:00Z',
  modifiedAt: null,
}));

let h: Harness;
const grid = () => h.page.getByRole('grid', { name: 'Models in Retention research' });
const row = (name: string) => grid().locator(`[role="row"][data-model="${name}"]`);

beforeAll(async () => {
  await ensureRendererBuilt();
  const account = { accountId: 'oid.tid', environmentId: 'AzureCloud', username: 'dana@contoso.test', name: 'Dana', tenantId: 'tid', authMethods: ['pwd', 'mfa'], signedInAt: null };
  h = await launchHarness({
    airlock: harnessAirlock(undefined, [], {}, {
      auth: { accounts: async () => ({ accounts: [account], activeAccountId: account.accountId }) },
      workspace: {
        list: async () => ({ workspaces: [workspace, zoo] }),
        models: async ({ workspaceId }) => ({ workspaceId, models: workspaceId === zoo.id ? ZOO : models, complete: true }),
        modelVersions: async ({ workspaceId, modelName }) => ({ workspaceId, modelName, versions: [] }),
      },
    }),
  });
  await h.page.getByRole('button', { name: /Retention research/ }).click();
  await grid().waitFor();
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('models table (harness)', () => {
  it('has the columns an Azure ML studio user expects, one line a row', async () => {
    expect(await grid().getByRole('columnheader').allTextContents()).toEqual(['Name', 'Version', 'Type', 'Stage', 'Tags', 'Created', 'Modified']);
    expect(await h.page.locator('[data-model-count]').textContent()).toBe('2 models');
    const cells = row('churn-predictor').getByRole('gridcell');
    expect(await cells.nth(1).textContent()).toBe('7');
    expect(await cells.nth(2).textContent()).toBe('MLflow · lightgbm');
    expect(await cells.nth(3).textContent()).toBe('Production');
    expect(await cells.nth(5).locator('time').getAttribute('datetime')).toBe('2026-01-20T09:00:00Z');
    expect(await cells.nth(6).locator('time').getAttribute('datetime')).toBe('2026-03-02T16:30:00Z');
    expect(await cells.nth(5).textContent()).toMatch(/2026/);
    expect(await row('churn-predictor').evaluate((r) => r.getBoundingClientRect().height)).toBe(36);
  });

  it('cuts a long description to the row, the start of it in a tooltip', async () => {
    const name = row('churn-predictor').getByRole('gridcell').nth(0);
    expect(await name.textContent()).toMatch(/^churn-predictorGradient-boosted churn model/);
    expect(await name.textContent()).not.toContain('END-OF-DESCRIPTION');
    expect(await name.locator('[title]').first().getAttribute('title')).toMatch(/^Gradient-boosted churn model trained on 36 months/);
    // One line: the cell clips what does not fit (an ellipsis), it does not grow.
    expect(await name.evaluate((c) => [getComputedStyle(c).whiteSpace, getComputedStyle(c).textOverflow])).toEqual(['nowrap', 'ellipsis']);
  });

  it('shows the first tags and how many more, every tag in a tooltip; no buttons inside the grid', async () => {
    const tags = row('churn-predictor').getByRole('gridcell').nth(4);
    expect(await tags.textContent()).toBe('team: retention, auc: 0.91, owner: dana +2');
    expect(await tags.locator('[title]').first().getAttribute('title')).toBe('team: retention, auc: 0.91, owner: dana, dataset: accounts-2026q2, reviewed: yes');
    expect(await grid().locator('[role="row"][data-model] :is(button, a, [tabindex])').count()).toBe(0);
  });

  it('keeps hostile strings as text: no element, no script', async () => {
    const hostile = grid().getByRole('row').filter({ hasText: 'onerror' });
    expect(await hostile.count()).toBe(1);
    expect(await hostile.locator('img').count()).toBe(0);
    expect(await h.page.evaluate(() => (window as unknown as Record<string, unknown>)['__pwned'])).toBeUndefined();
    expect(await hostile.getByRole('gridcell').nth(0).textContent()).toBe(`${HOSTILE}${HOSTILE}`);
    expect(await hostile.getByRole('gridcell').nth(2).textContent()).toBe('Custom');
    expect(await hostile.getByRole('gridcell').nth(4).textContent()).toBe(`${HOSTILE}: ${HOSTILE}`);
    expect(await hostile.getByRole('gridcell').nth(6).textContent()).toBe('—');
  });

  it('is one tab stop: arrows select, Enter opens the model', async () => {
    await grid().focus();
    await h.page.keyboard.press('Home');
    await expect.poll(() => row('churn-predictor').getAttribute('aria-selected')).toBe('true');
    expect(await grid().getAttribute('aria-activedescendant')).toBe(await row('churn-predictor').getAttribute('id'));
    await h.page.keyboard.press('ArrowDown');
    await expect.poll(() => row('churn-predictor').getAttribute('aria-selected')).toBe('false');
    await h.page.keyboard.press('ArrowUp');
    await h.page.keyboard.press('Enter');
    await h.page.locator('[data-model-detail="churn-predictor"]').waitFor();
    await h.page.screenshot({ path: path.join(SHOTS, 'models-table-opened.png') });
    await h.page.getByRole('button', { name: 'Back to models' }).click();
    await grid().waitFor();
    // The list kept its selection while the detail view was open.
    expect(await row('churn-predictor').getAttribute('aria-selected')).toBe('true');
  });

  it('a click on a row opens that model', async () => {
    await row('churn-predictor').click();
    await h.page.locator('[data-model-detail="churn-predictor"]').waitFor();
    await h.page.getByRole('button', { name: 'Back to models' }).click();
    await grid().waitFor();
  });

  it('10,000 models: a screenful of rows in the DOM, the count, and a search over all of them', async () => {
    await h.page.getByRole('button', { name: /Model zoo/ }).click();
    const zooGrid = h.page.getByRole('grid', { name: 'Models in Model zoo' });
    await zooGrid.waitFor({ timeout: 30_000 });
    const count = h.page.locator('[data-model-count]');
    expect(await count.textContent()).toBe('10,000 models');
    expect(await zooGrid.getAttribute('aria-rowcount')).toBe('10001');
    const rendered = await zooGrid.locator('[role="row"][data-model^="bench-model-"]').count();
    expect(rendered).toBeGreaterThan(3);
    expect(rendered).toBeLessThan(100);
    await zooGrid.focus();
    await h.page.keyboard.press('End');
    await zooGrid.locator('[data-model="bench-model-9999"][aria-selected="true"]').waitFor();
    // Open the last model and come back: the grid has the focus again, the row in view below the sticky header.
    await h.page.keyboard.press('Enter');
    await h.page.locator('[data-model-detail="bench-model-9999"]').waitFor();
    await h.page.getByRole('button', { name: 'Back to models' }).click();
    await expect.poll(() => h.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Models in Model zoo');
    const last = zooGrid.locator('[data-model="bench-model-9999"][aria-selected="true"]');
    await last.waitFor();
    const [gridBox, rowBox] = await Promise.all([zooGrid.boundingBox(), last.boundingBox()]);
    expect(rowBox!.y).toBeGreaterThanOrEqual(gridBox!.y + 33);
    expect(rowBox!.y + rowBox!.height).toBeLessThanOrEqual(gridBox!.y + gridBox!.height);
    await h.page.locator('[data-model-search]').fill('bench-model-999');
    await expect.poll(() => count.textContent()).toBe('11 of 10,000 models'); // 999 and 9990-9999
    await h.page.locator('[data-model-search]').fill('team-3 production');
    await expect.poll(() => count.textContent()).toBe('477 of 10,000 models');
    await h.page.locator('[data-model-search]').fill('no such model');
    await h.page.locator('[data-model-nomatch]').waitFor();
    expect(await h.page.locator('[data-model-nomatch]').textContent()).toBe('No model matches this search.');
    expect(await count.textContent()).toBe('0 of 10,000 models');
    await h.page.locator('[data-model-search]').fill('');
    await zooGrid.waitFor();
    const nameHeader = zooGrid.getByRole('columnheader', { name: 'Name' });
    await nameHeader.getByRole('button').click();
    await nameHeader.getByRole('button').click();
    expect(await nameHeader.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(() => zooGrid.locator('[role="row"][data-model]').first().getAttribute('data-model')).toBe('bench-model-9999');
  });
});
