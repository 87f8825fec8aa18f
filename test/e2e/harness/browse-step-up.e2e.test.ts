// Tried as a user would: bob (password only) signs in against the whole sandbox, sees his workspaces, opens
// the workspace protected by auth context c1, is asked for a stronger sign-in in a dialog naming the
// resource and reason, continues (MFA in the scripted browser) and sees the models — the call retried once.
// Then every IPC response, log line and renderer storage is scanned for the IdP's planted token marker.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../../scripts/build';
import { startSandbox, type RunningSandbox } from '../../../sandbox/start-sandbox';
import { ensureRendererBuilt } from '../../harness/ensure-built';
import { launchHarness, type Harness } from '../../harness/harness';
import { createScriptedBrowser } from '../../support/sandbox/scripted-browser';
import { capturingLogger } from '../../support/test-airlock';

const MARKER = 'PLANTEDSTEPUPE2E53';
const SHOTS = path.join(ROOT, 'test-results', 'e2e');
let sandbox: RunningSandbox;
let stateDir: string;
let h: Harness;
const logger = capturingLogger();

beforeAll(async () => {
  await ensureRendererBuilt();
  stateDir = await mkdtemp(path.join(tmpdir(), 'airlock-e2e-browse-'));
  sandbox = await startSandbox({ stateDir, tokenMarker: MARKER });
  const { seed, ca, now } = sandbox.context;
  const bob = seed.users.find((u) => u.username === 'bob@contoso.test')!;
  const browser = createScriptedBrowser({ caPem: ca.certPem, user: bob, now });
  h = await launchHarness({ environmentFile: sandbox.environmentPath, openBrowser: browser.openBrowser, logger });
  await h.page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
}, 60_000);

afterAll(async () => {
  await h?.close();
  await sandbox?.stop();
  await rm(stateDir, { recursive: true, force: true });
});

describe('browse with step-up (harness, whole sandbox)', () => {
  it('signs bob in with a password and lists his workspaces, private ones marked', async () => {
    await h.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => h.page.locator('[data-status="account"]').textContent(), { timeout: 30_000 }).toBe('bob@contoso.test');
    const list = h.page.getByRole('list', { name: 'Workspaces' });
    await list.waitFor({ timeout: 30_000 });
    expect(await list.getByRole('listitem').count()).toBe(3);
    expect(await h.page.locator('[data-workspace="ws-fraud-restricted"]').textContent()).toContain('Private');
    await h.page.screenshot({ path: path.join(SHOTS, 'workspaces.png') });
  });

  it('asks for a stronger sign-in when bob opens the protected workspace, naming resource and reason', async () => {
    await h.page.locator('[data-workspace="ws-fraud-restricted"]').click();
    const dialog = h.page.getByRole('alertdialog', { name: 'Stronger sign-in needed' });
    await dialog.waitFor({ timeout: 30_000 });
    expect(await dialog.locator('[data-step-up-resource]').textContent()).toBe('Azure Resource Manager');
    expect(await dialog.textContent()).toContain('Authentication context c1');
    expect(await dialog.textContent()).toContain('bob@contoso.test');
    await h.page.screenshot({ path: path.join(SHOTS, 'step-up-dialog.png'), animations: 'disabled' }); // the dialog fully in
  });

  it('"Not now" leaves the error on screen, saying what to do', async () => {
    await h.page.getByRole('button', { name: 'Not now' }).click();
    const error = h.page.locator('[data-error-code="E_STEP_UP_REQUIRED"]');
    await error.waitFor();
    expect(await error.textContent()).toContain('Azure Resource Manager asked for a stronger sign-in');
    await expect.poll(() => h.page.getByRole('alertdialog').count()).toBe(0); // after the closing transition
  });

  it('Try again asks once more; Continue runs MFA in the browser, then the models load (retried once)', async () => {
    await h.page.getByRole('button', { name: 'Try again' }).click();
    await h.page.getByRole('alertdialog', { name: 'Stronger sign-in needed' }).waitFor({ timeout: 30_000 });
    await h.page.getByRole('button', { name: 'Continue' }).click();
    const table = h.page.getByRole('grid', { name: 'Models in Fraud detection (restricted)' });
    await table.waitFor({ timeout: 30_000 });
    await expect.poll(() => table.getByRole('row').count()).toBe(3); // header + two models (the grid renders its rows once it has measured itself)
    // The columns an Azure ML studio user expects, filled from the sandbox ARM's containers and latest versions.
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(['Name', 'Version', 'Type', 'Stage', 'Tags', 'Created', 'Modified']);
    const fraud = table.locator('[data-model="fraud-detector"]').getByRole('gridcell');
    expect(await Promise.all([1, 2, 3].map((i) => fraud.nth(i).textContent()))).toEqual(['2', 'MLflow · lightgbm', 'Staging']);
    expect(await fraud.nth(4).textContent()).toContain('team: fraud');
    expect(await fraud.nth(5).locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    const graph = table.locator('[data-model="aml-graph-scorer"]').getByRole('gridcell');
    expect(await Promise.all([1, 2, 3].map((i) => graph.nth(i).textContent()))).toEqual(['1', 'Custom', 'Development']);
    await expect.poll(() => h.page.getByRole('alertdialog').count()).toBe(0); // after the closing transition
    await h.page.screenshot({ path: path.join(SHOTS, 'models-after-step-up.png') });
    const calls = h.ipcLog.map((e) => e.channel);
    expect(calls.filter((c) => c === 'workspace.models')).toHaveLength(3); // challenged, challenged again, retried
    expect(calls.filter((c) => c === 'auth.stepUp')).toHaveLength(1);
  });

  it('reads well in the dark and high-contrast themes (screenshots)', async () => {
    for (const [label, file] of [
      ['Dark', 'workspaces-dark.png'],
      ['High contrast', 'workspaces-high-contrast.png'],
    ] as const) {
      await h.page.getByRole('tab', { name: 'Settings' }).click();
      await h.page.getByRole('radio', { name: label }).check();
      await h.page.getByRole('tab', { name: 'Workspaces' }).click();
      await h.page.locator('[data-workspace="ws-fraud-restricted"]').click();
      await h.page.getByRole('grid', { name: 'Models in Fraud detection (restricted)' }).waitFor({ timeout: 30_000 });
      await h.page.screenshot({ path: path.join(SHOTS, file), animations: 'disabled' });
    }
  });

  it('leaked no token into IPC responses, logs or renderer storage', async () => {
    const storage = await h.page.evaluate(() => ({ local: JSON.stringify({ ...localStorage }), session: JSON.stringify({ ...sessionStorage }), html: document.documentElement.outerHTML }));
    for (const [where, text] of [
      ['ipc', JSON.stringify(h.ipcLog)],
      ['logs', JSON.stringify(logger.entries)],
      ['renderer', JSON.stringify(storage)],
    ] as const) {
      expect(text.includes(MARKER), `marker found in ${where}`).toBe(false);
      expect(/eyJ[A-Za-z0-9_-]{10,}\.eyJ/.test(text), `JWT found in ${where}`).toBe(false);
    }
  });
});
