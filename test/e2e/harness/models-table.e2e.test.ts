// The models table as an Azure ML studio user reads it: name, latest version, type or framework, stage,
// tags, created and modified. A long description is shortened, with the whole text one keyboard press away;
// hostile strings from ARM stay text. The workspace handlers are stubbed here (the sandbox's own models are
// checked in browse-step-up.e2e.test.ts); everything else is the real host.
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

let h: Harness;

beforeAll(async () => {
  await ensureRendererBuilt();
  const account = { accountId: 'oid.tid', environmentId: 'AzureCloud', username: 'dana@contoso.test', name: 'Dana', tenantId: 'tid', authMethods: ['pwd', 'mfa'], signedInAt: null };
  h = await launchHarness({
    airlock: harnessAirlock(undefined, [], {}, {
      auth: { accounts: async () => ({ accounts: [account], activeAccountId: account.accountId }) },
      workspace: { list: async () => ({ workspaces: [workspace] }), models: async () => ({ workspaceId: workspace.id, models }) },
    }),
  });
  await h.page.getByRole('button', { name: /Retention research/ }).click();
  await h.page.getByRole('table', { name: 'Models in Retention research' }).waitFor();
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('models table (harness)', () => {
  it('has the columns an Azure ML studio user expects', async () => {
    const table = h.page.getByRole('table', { name: 'Models in Retention research' });
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(['Name', 'Version', 'Type', 'Stage', 'Tags', 'Created', 'Modified']);
    const row = table.getByRole('row').filter({ hasText: 'churn-predictor' });
    const cells = row.getByRole('cell');
    expect(await cells.nth(1).textContent()).toBe('7');
    expect(await cells.nth(2).textContent()).toBe('MLflow · lightgbm');
    expect(await cells.nth(3).textContent()).toBe('Production');
    expect(await cells.nth(5).locator('time').getAttribute('datetime')).toBe('2026-01-20T09:00:00Z');
    expect(await cells.nth(6).locator('time').getAttribute('datetime')).toBe('2026-03-02T16:30:00Z');
    expect(await cells.nth(5).textContent()).toMatch(/2026/);
  });

  it('shortens a long description and shows all of it on demand, from the keyboard', async () => {
    const row = h.page.getByRole('row').filter({ hasText: 'churn-predictor' });
    expect(await row.textContent()).not.toContain('END-OF-DESCRIPTION');
    const more = row.getByRole('button', { name: 'Full description' });
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    await more.focus();
    await h.page.keyboard.press('Enter');
    await expect.poll(() => row.textContent()).toContain('END-OF-DESCRIPTION');
    expect(await more.getAttribute('aria-expanded')).toBe('true');
    await h.page.screenshot({ path: path.join(SHOTS, 'models-table-expanded.png') });
    await h.page.keyboard.press('Enter');
    await expect.poll(() => row.textContent()).not.toContain('END-OF-DESCRIPTION');
  });

  it('shows a few tags and the rest on demand', async () => {
    const row = h.page.getByRole('row').filter({ hasText: 'churn-predictor' });
    expect(await row.textContent()).toContain('team: retention');
    expect(await row.textContent()).not.toContain('reviewed: yes');
    await row.getByRole('button', { name: /more tags/ }).press('Enter');
    await expect.poll(() => row.textContent()).toContain('reviewed: yes');
  });

  it('keeps hostile strings as text: no element, no script', async () => {
    const row = h.page.getByRole('row').filter({ hasText: 'onerror' });
    expect(await row.count()).toBe(1);
    expect(await row.locator('img').count()).toBe(0);
    expect(await h.page.evaluate(() => (window as unknown as Record<string, unknown>)['__pwned'])).toBeUndefined();
    expect(await row.getByRole('cell').nth(2).textContent()).toBe('Custom');
    expect(await row.getByRole('cell').nth(6).textContent()).toBe('—');
  });
});
