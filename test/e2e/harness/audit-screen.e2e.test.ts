// Tried as a user would: bob signs in against the whole sandbox, browses (workspaces, one workspace's models),
// steps up for the workspace protected by auth context c1 and signs out; then opens Audit (signed out: the
// organization's policy still allows reading the trail) and finds those very actions in the trail — the
// sign-in, the step-up, the sign-out, workspace.list, workspace.models — through the filters; reads a record
// in the detail pane; verifies the trail (intact); exports it as CSV and finds the file. Settings → Policy shows the policy in force and its settings. Screenshots of both screens in
// light, dark and high contrast go to test-results/e2e/ (copied to docs/screenshots/ by hand when they change).
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../../scripts/build';
import { startSandbox, type RunningSandbox } from '../../../sandbox/start-sandbox';
import { composeHostAirlock } from '../../../electron/preview';
import { loadEnvironmentFile, silentLogger } from '../../../electron/services';
import { createTextPolicySource } from '../../../electron/services/policy';
import { ensureRendererBuilt } from '../../harness/ensure-built';
import { launchHarness, type Harness } from '../../harness/harness';
import { createScriptedBrowser } from '../../support/sandbox/scripted-browser';

const SHOTS = path.join(ROOT, 'test-results', 'e2e');
/** An organization's policy (as /etc/airlock/policy.yaml would hold it): it manages the idle lock and retention. */
const POLICY = `version: 1
environments: ["*"]
tenants: ["*"]
idleLockMinutes: 10
retention: { auditDays: 90, historyDays: 30 }
rules:
  - id: everything
    effect: allow
    actions: ["*"]
`;
let sandbox: RunningSandbox;
let stateDir: string;
let h: Harness;

beforeAll(async () => {
  await ensureRendererBuilt();
  stateDir = await mkdtemp(path.join(tmpdir(), 'airlock-e2e-audit-'));
  sandbox = await startSandbox({ stateDir });
  const { seed, ca, now } = sandbox.context;
  const bob = seed.users.find((u) => u.username === 'bob@contoso.test')!;
  const browser = createScriptedBrowser({ caPem: ca.certPem, user: bob, now });
  await mkdir(path.join(stateDir, 'user-data'));
  const airlock = composeHostAirlock({
    logger: silentLogger,
    extraEnvironments: [await loadEnvironmentFile(sandbox.environmentPath)],
    openBrowser: browser.openBrowser,
    userDataDir: path.join(stateDir, 'user-data'),
    guard: { policySource: createTextPolicySource({ text: POLICY, format: 'yaml', file: '/etc/airlock/policy.yaml', kind: 'file' }) },
  });
  h = await launchHarness({ environmentFile: sandbox.environmentPath, airlock });
  await h.page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
}, 60_000);

afterAll(async () => {
  await h?.close();
  await sandbox?.stop();
  await rm(stateDir, { recursive: true, force: true });
});

const list = () => h.page.getByRole('listbox', { name: 'Audit records' });
const rowsOf = (action: string) => list().locator(`[data-audit-action="${action}"]`);

async function filterAction(value: string) {
  await h.page.getByRole('textbox', { name: 'Action' }).fill(value);
}

async function useTheme(label: 'Light' | 'Dark' | 'High contrast') {
  await h.page.getByRole('tab', { name: 'Settings' }).click();
  await h.page.getByRole('radio', { name: label }).check();
}

describe('Audit screen (harness, whole sandbox)', () => {
  it('bob signs in and browses: his workspaces, then one workspace’s models', async () => {
    await h.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => h.page.locator('[data-status="account"]').textContent(), { timeout: 30_000 }).toBe('bob@contoso.test');
    await h.page.getByRole('list', { name: 'Workspaces' }).waitFor({ timeout: 30_000 });
    await h.page.locator('[data-workspace]:not([data-workspace="ws-fraud-restricted"])').first().click();
    await h.page.getByRole('grid', { name: /^Models in / }).waitFor({ timeout: 30_000 });
  });

  it('bob opens the workspace protected by auth context c1: a stronger sign-in (step-up), then its models', async () => {
    await h.page.locator('[data-workspace="ws-fraud-restricted"]').click();
    await h.page.getByRole('alertdialog', { name: 'Stronger sign-in needed' }).waitFor({ timeout: 30_000 });
    await h.page.getByRole('button', { name: 'Continue' }).click();
    await h.page.getByRole('grid', { name: 'Models in Fraud detection (restricted)' }).waitFor({ timeout: 30_000 });
    await expect.poll(() => h.page.getByRole('alertdialog').count()).toBe(0); // after the closing transition
  });

  it('bob signs out; the organization’s policy still lets this machine read its audit trail', async () => {
    await h.page.locator('[data-status="account"]').click();
    await h.page.getByRole('menuitem', { name: 'Sign out bob@contoso.test' }).click();
    await expect.poll(() => h.page.locator('[data-status="account"]').textContent()).toBe('Account: Not signed in');
  });

  it('Audit lists the trail newest first, with the trail’s state in words', async () => {
    await h.page.getByRole('tab', { name: 'Audit' }).click();
    await list().waitFor({ timeout: 30_000 });
    const seqs = (await list().getByRole('option').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-audit-seq')))));
    expect(seqs.length).toBeGreaterThan(5);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    const status = h.page.locator('[data-trail-status]');
    expect(await status.locator('[data-trail-location]').textContent()).toContain('audit');
    expect(await status.locator('[data-trail-keys]').getAttribute('data-trail-keys')).toMatch(/^(keychain|memory)$/);
    expect(await status.textContent()).toContain('90 days'); // the organization's retention
  });

  it('finds the sign-in and the browse (workspace.list, workspace.models) through the action filter', async () => {
    await filterAction('auth.signIn');
    // Only what matches, once the list follows the filter.
    await expect.poll(async () => (await rowsOf('auth.signIn').count()) > 0 && (await list().getByRole('option').count()) === (await rowsOf('auth.signIn').count()), { timeout: 10_000 }).toBe(true);
    await filterAction('auth.*');
    // The step-up bob went through for the protected workspace, and his sign-out, each allowed and done.
    for (const action of ['auth.stepUp', 'auth.signOut']) {
      await expect.poll(() => rowsOf(action).count(), { timeout: 10_000 }).toBe(2); // the guard's decision and the outcome
      expect(await rowsOf(action).evaluateAll((rows) => rows.map((r) => r.textContent).sort())).toEqual([expect.stringContaining('Allowed'), expect.stringContaining('OK')]);
    }
    await filterAction('workspace.*');
    await expect.poll(() => rowsOf('workspace.models').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await rowsOf('workspace.list').count()).toBeGreaterThan(0);
    expect(await rowsOf('auth.signIn').count()).toBe(0);
  });

  it('says "No records match these filters" only when the query answered empty', async () => {
    await h.page.getByRole('combobox', { name: 'Outcome' }).selectOption('deny');
    await h.page.getByRole('region', { name: 'No records match these filters' }).waitFor({ timeout: 10_000 });
    await h.page.getByRole('combobox', { name: 'Outcome' }).selectOption('ok');
    await expect.poll(() => rowsOf('workspace.models').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await h.page.getByRole('region', { name: 'No records match these filters' }).count()).toBe(0);
  });

  it('shows every field of the selected record in the detail pane; the keyboard moves the selection', async () => {
    await rowsOf('workspace.models').first().click();
    const detail = h.page.locator('[data-audit-detail]');
    expect(await detail.locator('[data-detail="action"]').textContent()).toBe('workspace.models');
    expect(await detail.locator('[data-detail="result"]').textContent()).toBe('OK');
    expect(await detail.locator('[data-detail="username"]').textContent()).toBe('bob@contoso.test');
    expect(await detail.locator('[data-detail="resource"]').textContent()).toMatch(/^workspace:/);
    expect(await detail.locator('[data-detail="correlationId"]').textContent()).toMatch(/\S/);
    const first = await detail.locator('[data-detail="seq"]').textContent();
    await list().focus();
    await h.page.keyboard.press('End');
    await expect.poll(() => detail.locator('[data-detail="seq"]').textContent()).not.toBe(first);
    expect(await list().getAttribute('aria-activedescendant')).toMatch(/^audit-row-\d+$/);
  });

  it('Verify says the trail is intact', async () => {
    await h.page.getByRole('button', { name: 'Verify' }).click();
    const result = h.page.locator('[data-verify-result]');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.getAttribute('data-verify-result')).toBe('intact');
    expect(await result.textContent()).toContain('The audit trail is intact');
  });

  it('Export writes the matching records as CSV and says where', async () => {
    await h.page.getByRole('combobox', { name: 'Export format' }).selectOption('csv');
    await h.page.getByRole('button', { name: 'Export', exact: true }).click();
    const file = h.page.locator('[data-export-file]');
    await file.waitFor({ timeout: 30_000 });
    const saved = (await file.textContent())!;
    const text = await readFile(saved, 'utf8');
    expect(text).toContain('workspace.models');
    expect(text).not.toContain('auth.signIn'); // the filters apply
  });

  it('Settings → Policy: where the policy comes from, its status, each setting with who sets it, the document', async () => {
    await h.page.getByRole('tab', { name: 'Settings' }).click();
    const policy = h.page.locator('[data-policy]');
    await policy.locator('[data-policy-settings]').waitFor({ timeout: 30_000 });
    expect(await policy.locator('[data-fact="policy-source"]').textContent()).toBe('Policy file /etc/airlock/policy.yaml');
    expect(await policy.locator('[data-fact="policy-status"]').textContent()).toBe('In force');
    const idle = policy.locator('[data-policy-setting="idleLockMinutes"]');
    expect(await idle.textContent()).toContain('10 minutes');
    expect(await idle.locator('[data-managed]').textContent()).toBe('Managed by your organization');
    expect(await policy.locator('[data-policy-setting="auditRetentionDays"] [data-managed]').textContent()).toBe('Managed by your organization');
    expect(await policy.locator('[data-policy-setting="maxPayloadBytes"] [data-managed]').textContent()).toBe('Default');
    await policy.getByRole('button', { name: 'Policy document' }).click();
    expect(await policy.locator('[data-policy-document]').textContent()).toContain('id: everything');
  });

  it('reads well in light, dark and high contrast (screenshots)', async () => {
    for (const [label, suffix] of [
      ['Light', 'light'],
      ['Dark', 'dark'],
      ['High contrast', 'high-contrast'],
    ] as const) {
      await useTheme(label);
      await h.page.locator('[data-policy]').scrollIntoViewIfNeeded();
      await h.page.screenshot({ path: path.join(SHOTS, `settings-policy-${suffix}.png`), animations: 'disabled' });
      await h.page.getByRole('tab', { name: 'Audit' }).click();
      await list().waitFor({ timeout: 30_000 });
      // What bob did, done: the oldest rows with an outcome hold his sign-in, browse, step-up and sign-out (the
      // newest are this screen's own audit.* calls); the step-up's record in the detail pane.
      await h.page.getByRole('combobox', { name: 'Outcome' }).selectOption('ok');
      await expect.poll(() => list().locator('[data-audit-action^="audit."]').first().textContent(), { timeout: 10_000 }).toContain('OK');
      await list().focus();
      await h.page.keyboard.press('End');
      await expect.poll(() => rowsOf('auth.stepUp').count(), { timeout: 10_000 }).toBe(1);
      await rowsOf('auth.stepUp').click();
      await h.page.getByRole('heading', { name: 'Audit trail' }).click(); // focus off the list: no focus ring in the picture
      await h.page.screenshot({ path: path.join(SHOTS, `audit-${suffix}.png`), animations: 'disabled' });
    }
  });
});
