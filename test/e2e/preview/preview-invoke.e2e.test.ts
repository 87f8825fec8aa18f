// Issue 11 end to end in `npm run preview`, as a user does it: the command's own start (startPreview with its
// parsed flags: the local sandbox as a separate process, the default environment), alice signs in (password,
// then the TOTP code, in a window of the same Chromium), connects the VPN route under Connections, opens
// Endpoints on the private workspace, sees its endpoints and an endpoint's deployments, and sends each
// endpoint's swagger sample — AMLToken, Key and AADToken — getting 200; one deployment answers by name
// (azureml-model-deployment); a payload that breaks the schema is stopped before it leaves (inline error,
// E_PAYLOAD_INVALID, no request reached a scoring host). Screens in light, dark and high contrast go to
// test-results/e2e/preview-invoke-*.png (copied to docs/screenshots/ by hand when they change).
// Leak scan: every IPC result and event handed to the page, the page's text, its console and main's log lines
// hold no token (the real ARM and ML tokens, any JWT — AML tokens are JWTs too), no endpoint key, and no
// demo user's password or TOTP secret. The preview's sandbox runs as its own process without the IdP's
// planted marker (test/integration/cli/cli-invoke-sandbox.test.ts scans with it), so the scan looks for the
// real values instead.
// Then a request is re-run from the endpoint's history, and a load test of 20 requests draws its charts.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxEnvironment } from '../../../sandbox/environment/environment-file';
import { ROOT } from '../../../scripts/build';
import { parsePreviewArgs, startPreview, type RunningPreview } from '../../../scripts/preview';
import { certutilMissing } from '../../harness/certutil';
import { capturingLogger } from '../../support/test-airlock';
import { signInThroughStandIn } from './preview-sign-in-as';

const SHOTS = path.join(ROOT, 'test-results', 'e2e');
const WORKSPACE = 'ws-credit-private';
const JWT = /eyJ[A-Za-z0-9_-]{10,}\.eyJ/;
const missing = certutilMissing();
if (missing) console.log(`SKIPPED preview invoke e2e (test/e2e/preview): the stand-in browser cannot trust the sandbox CA — ${missing}.`);

const ipcLog: Array<{ channel: unknown; result: unknown }> = [];
const events: unknown[] = [];
const consoleLines: string[] = [];
const logger = capturingLogger();
let stateDir: string;
let preview: RunningPreview;
let env: SandboxEnvironment;
const app = (): Page => preview.host.page;
const panel = (endpoint: string) => app().locator(`[data-invoke-panel="${endpoint}"]`);
const grid = () => app().getByRole('grid', { name: 'Online endpoints in Credit risk (private)' });

/** POST /score requests that reached a scoring host, from the sandbox process's own log. */
async function scoringRequests(): Promise<number> {
  const log = await readFile(path.join(stateDir, 'sandbox.log'), 'utf8').catch(() => '');
  return log.split('\n').filter((line) => line.includes('"event":"scoring.request"') && line.includes('"path":"/score"')).length;
}

/** endpoint.score results the page was handed, newest last. */
const scoreResults = () => ipcLog.filter((entry) => entry.channel === 'endpoint.score').map((entry) => entry.result as { ok: boolean; value?: unknown; error?: { code: string } });

/** From the Endpoints list (or an open endpoint), open `endpoint` and wait for its editor. */
async function openEndpoint(endpoint: string): Promise<void> {
  const back = app().getByRole('button', { name: 'Back to endpoints' });
  if (await back.isVisible()) await back.click();
  await grid().locator(`[role="row"][data-endpoint="${endpoint}"]`).click();
  await app().locator(`[data-endpoint-detail="${endpoint}"]`).waitFor({ timeout: 30_000 });
  await panel(endpoint).locator('[data-payload-editor="ready"]').waitFor({ timeout: 30_000 });
  // The schema and its first sample arrive after the editor (swagger.json over the route, with the endpoint's
  // credential): until then the body is {}, as a person would see before the sample fills in.
  await expect.poll(() => panel(endpoint).locator('[data-invoke-schema-source]').textContent(), { timeout: 30_000 }).toMatch(/^Checked against swagger\.json/);
  await expect.poll(() => panel(endpoint).locator('.cm-content').textContent()).toContain('input_data');
}

/** Sends what the editor holds and waits for the answer's status. */
async function send(endpoint: string): Promise<string> {
  const before = scoreResults().length;
  await panel(endpoint).locator('[data-invoke-send]').click();
  await expect.poll(() => scoreResults().length, { timeout: 30_000 }).toBeGreaterThan(before);
  const status = panel(endpoint).locator('[data-response-status]');
  await status.or(panel(endpoint).locator('[data-error-code]')).first().waitFor({ timeout: 30_000 });
  expect(await status.count(), `no response shown; endpoint.score answered ${JSON.stringify(scoreResults().at(-1)).slice(0, 600)}`).toBe(1);
  return (await status.getAttribute('data-response-status')) ?? '';
}

beforeAll(async () => {
  if (missing) return;
  stateDir = await mkdtemp(path.join(tmpdir(), 'airlock-preview-invoke-'));
  const options = parsePreviewArgs(['--headless', '--state-dir', stateDir]);
  preview = await startPreview(options, { onIpcResult: (channel, result) => ipcLog.push({ channel, result }), onEvent: (message) => events.push(message), logger });
  app().on('console', (message) => consoleLines.push(message.text()));
  env = JSON.parse(await readFile(path.join(stateDir, 'environment.json'), 'utf8')) as SandboxEnvironment;
  await app().setViewportSize({ width: 1280, height: 1400 });
}, 120_000);

afterAll(async () => {
  await preview?.stop();
  if (stateDir) await rm(stateDir, { recursive: true, force: true });
});

describe.skipIf(missing !== null)('npm run preview: endpoints and test inference against the sandbox, as a user does', () => {
  it('alice signs in and connects the VPN route under Connections', async () => {
    await signInThroughStandIn(preview, env, 'alice@contoso.test');
    await app().getByRole('tab', { name: 'Connections' }).click();
    const vpn = app().locator('[data-route="vpn"]');
    await vpn.waitFor({ timeout: 30_000 });
    await vpn.getByRole('button', { name: 'Connect VPN or direct', exact: true }).click();
    await expect.poll(() => vpn.getAttribute('data-route-state'), { timeout: 30_000 }).toBe('up');
    await expect.poll(() => app().locator('[data-status="route"]').textContent()).toMatch(/^VPN or direct: up/);
  });

  it('Endpoints on the private workspace lists its three endpoints with their auth modes; an endpoint shows its deployments', async () => {
    await app().getByRole('tab', { name: 'Endpoints' }).click();
    const picker = app().locator('[data-endpoints-workspace]');
    await picker.waitFor({ timeout: 30_000 });
    const id = await picker.locator('option').evaluateAll((options, name) => options.map((o) => (o as HTMLOptionElement).value).find((v) => v.endsWith(`/${name}`)), WORKSPACE);
    expect(id).toBeDefined();
    await picker.selectOption(id!);
    await grid().waitFor({ timeout: 30_000 });
    const rows = grid().locator('[role="row"][data-endpoint]');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(3);
    const authModes = Object.fromEntries(
      await rows.evaluateAll((els) => els.map((el) => [el.getAttribute('data-endpoint'), el.querySelectorAll('[role="gridcell"]')[1]?.textContent ?? ''])),
    ) as Record<string, string>;
    expect(Object.keys(authModes).sort()).toEqual(['credit-aad-ep', 'credit-ep', 'sentiment-ep']);
    expect(authModes['credit-ep']).toBe('Azure ML token');
    await app().screenshot({ path: path.join(SHOTS, 'preview-invoke-endpoints-light.png'), animations: 'disabled' });

    await openEndpoint('credit-ep');
    const deployments = app().getByRole('grid', { name: 'Deployments of credit-ep' });
    await deployments.waitFor({ timeout: 30_000 });
    expect((await deployments.locator('[role="row"][data-deployment]').evaluateAll((els) => els.map((e) => e.getAttribute('data-deployment')))).sort()).toEqual(['blue', 'green']);
  });

  it.each([
    ['credit-ep', 'AMLToken'],
    ['sentiment-ep', 'Key'],
    ['credit-aad-ep', 'AADToken'],
  ])('%s (%s): its swagger sample is sent over the VPN route and answers 200', async (endpoint, authMode) => {
    await openEndpoint(endpoint);
    expect(await send(endpoint)).toBe('200');
    const last = scoreResults().at(-1)!;
    expect(last.ok).toBe(true);
    expect(last.value).toMatchObject({ status: 200, authMode, route: { via: 'vpn' } });
    expect(await panel(endpoint).locator('[data-response-body="json"]').textContent()).toMatch(/\d/);
  });

  it('one deployment: the answer names it (azureml-model-deployment)', async () => {
    await openEndpoint('credit-ep');
    for (const deployment of ['green', 'blue']) {
      await panel('credit-ep').locator('[data-invoke-target]').selectOption(deployment);
      await expect.poll(() => panel('credit-ep').locator('[data-invoke-schema-source]').textContent()).toContain(`deployment ${deployment}`);
      expect(await send('credit-ep')).toBe('200');
      expect(await panel('credit-ep').locator('[data-response-fact="modelDeployment"]').textContent()).toBe(deployment);
      expect(scoreResults().at(-1)!.value).toMatchObject({ modelDeployment: deployment });
    }
    for (const theme of ['light', 'dark', 'high-contrast'] as const) await shootDetail(theme);
    await setTheme('light');
  });

  it('a payload that breaks the schema is marked inline and stopped before it leaves: E_PAYLOAD_INVALID, nothing sent', async () => {
    await openEndpoint('credit-ep');
    await panel('credit-ep').locator('[data-invoke-target]').selectOption('');
    const sentBefore = await scoringRequests();
    expect(sentBefore).toBeGreaterThanOrEqual(5); // the 200s above did reach the scoring hosts, and the log shows them
    const editor = panel('credit-ep').locator('.cm-content');
    await editor.click();
    await app().keyboard.press('Control+A');
    await app().keyboard.press('Delete');
    // insertText, not type: the editor closes brackets and quotes as a person types them.
    await app().keyboard.insertText('{"input_data": {"columns": ["age"], "index": [0], "data": [["forty", 1, 2, 3, 4, 5]]}}');
    const problem = panel('credit-ep').locator('[data-problem-pointer^="/input_data/data/0/0"]');
    await problem.first().waitFor({ timeout: 15_000 });
    expect(await problem.first().textContent()).toContain('must be number');
    const results = scoreResults().length;
    await panel('credit-ep').locator('[data-invoke-send]').click();
    await panel('credit-ep').locator('[data-error-code="E_PAYLOAD_INVALID"]').waitFor({ timeout: 30_000 });
    if (scoreResults().length > results) expect(scoreResults().at(-1)).toMatchObject({ ok: false, error: { code: 'E_PAYLOAD_INVALID' } });
    expect(await panel('credit-ep').locator('[data-response-status]').count()).toBe(0);
    expect(logger.entries.filter((e) => JSON.stringify(e).includes('invoke.scored')).length).toBeGreaterThanOrEqual(5);
    expect(await scoringRequests()).toBe(sentBefore);
  });

  // Issue 11 wave 2: re-run from history, and a load test with its charts — before the leak scan, so the scan
  // covers them too.
  it('re-runs a request from the endpoint\'s history: the same body sent again, 200, kept as a new entry', async () => {
    await openEndpoint('credit-ep');
    const history = app().locator('[data-history-panel="credit-ep"]');
    const rows = history.locator('[role="row"][data-history-entry]');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(5);
    const kept = await rows.count();
    await rows.first().click();
    const sentBefore = await scoringRequests();
    await history.locator('[data-history-action="rerun"]').click();
    const rerun = history.locator('[data-history-rerun="done"]');
    await rerun.waitFor({ timeout: 30_000 });
    expect(await rerun.locator('[data-response-status]').getAttribute('data-response-status')).toBe('200');
    expect(await rerun.locator('[data-history-rerun-saved]').getAttribute('data-history-rerun-saved')).toBe('yes');
    expect(ipcLog.some((entry) => entry.channel === 'history.get' && (entry.result as { ok: boolean }).ok)).toBe(true);
    await expect.poll(() => scoringRequests()).toBe(sentBefore + 1);
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(kept + 1);
  });

  it('runs a load test of 20 requests, 4 at once: all 200, with its latency charts drawn (light, dark, high contrast)', async () => {
    await openEndpoint('credit-ep');
    await app().getByRole('tab', { name: 'Load test' }).click();
    const run = app().locator('[data-test-run-panel="credit-ep"]');
    await run.locator('[data-payload-editor="ready"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => run.locator('.cm-content').textContent(), { timeout: 30_000 }).toContain('input_data');
    await run.locator('[data-test-run-input="count"]').fill('20');
    await run.locator('[data-test-run-input="concurrency"]').fill('4');
    const sentBefore = await scoringRequests();
    await run.locator('[data-test-run-start]').click();
    const report = run.locator('[data-test-run-report]');
    await report.waitFor({ timeout: 60_000 });
    expect(await report.getAttribute('data-test-run-report')).toBe('completed');
    expect(await report.locator('[data-test-run-fact="sent"]').textContent()).toBe('20');
    expect(await report.locator('[data-test-run-status="200"]').textContent()).toBe('20');
    await report.locator('[data-test-run-charts="ready"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => report.locator('[data-chart][data-chart-state="ready"]').count(), { timeout: 30_000 }).toBe(2);
    expect(await report.locator('[data-chart] canvas').count()).toBeGreaterThanOrEqual(2);
    await expect.poll(() => scoringRequests()).toBe(sentBefore + 20);
    await report.scrollIntoViewIfNeeded();
    await app().screenshot({ path: path.join(SHOTS, 'preview-invoke-load-test-light.png'), animations: 'disabled' });
    // The report and its charts in dark and high contrast: a short run in each (the report stays with its tab).
    for (const theme of ['dark', 'high-contrast'] as const) {
      await setTheme(theme);
      await openEndpoint('credit-ep');
      await app().getByRole('tab', { name: 'Load test' }).click();
      await expect.poll(() => run.locator('.cm-content').textContent(), { timeout: 30_000 }).toContain('input_data');
      await run.locator('[data-test-run-input="count"]').fill('8');
      await run.locator('[data-test-run-start]').click();
      await report.locator('[data-test-run-charts="ready"]').waitFor({ timeout: 60_000 });
      await expect.poll(() => report.locator('[data-chart][data-chart-state="ready"]').count(), { timeout: 30_000 }).toBe(2);
      expect(await report.locator('[data-test-run-status="200"]').textContent()).toBe('8');
      await report.scrollIntoViewIfNeeded();
      await app().screenshot({ path: path.join(SHOTS, `preview-invoke-load-test-${theme}.png`), animations: 'disabled' });
    }
    await setTheme('light');
  });


  it('leak scan: no token, endpoint key, password or TOTP secret in any IPC result, event, page text, console line or log line', async () => {
    const services = preview.host.airlock.services;
    const accounts = await services.session.accounts();
    const alice = accounts.accounts.find((a) => a.username === 'alice@contoso.test')!;
    const armToken = (await services.auth.accessToken(alice.accountId, 'arm')).token;
    const mlToken = (await services.auth.accessToken(alice.accountId, 'ml')).token;
    expect(armToken.length).toBeGreaterThan(40);
    const keys = JSON.stringify(JSON.parse(await readFile(path.join(stateDir, 'endpoint-credentials.json'), 'utf8')) as unknown).match(/"[A-Za-z0-9+/=_-]{24,}"/g) ?? [];
    expect(keys.length).toBeGreaterThanOrEqual(6); // two per endpoint
    const secrets = [armToken, mlToken, ...keys.map((k) => k.slice(1, -1)), ...env.users.flatMap((u) => [u.password, u.totpSecret])];
    const pageText = `${await app().evaluate(() => document.body.innerText)}\n${await app().content()}`;
    const seen: Record<string, string> = {
      ipc: JSON.stringify(ipcLog),
      events: JSON.stringify(events),
      page: pageText,
      console: consoleLines.join('\n'),
      log: JSON.stringify(logger.entries),
    };
    expect(ipcLog.length).toBeGreaterThan(20);
    for (const [where, text] of Object.entries(seen)) {
      for (const secret of secrets) expect(text.includes(secret), `a secret in ${where}`).toBe(false);
      expect(JWT.test(text), `a JWT in ${where}`).toBe(false);
    }
  });
});

/** The open endpoint with its last answer, in `theme` (Settings), written to test-results/e2e/. */
async function shootDetail(theme: 'light' | 'dark' | 'high-contrast'): Promise<void> {
  await setTheme(theme);
  const detail = app().locator('[data-endpoint-detail="credit-ep"]');
  await detail.or(grid()).first().waitFor({ timeout: 30_000 });
  if (theme !== 'light') {
    if (await detail.isVisible()) await app().getByRole('button', { name: 'Back to endpoints' }).click();
    await grid().waitFor();
    await app().screenshot({ path: path.join(SHOTS, `preview-invoke-endpoints-${theme}.png`), animations: 'disabled' });
  }
  await openEndpoint('credit-ep');
  if ((await panel('credit-ep').locator('[data-response-status="200"]').count()) === 0) expect(await send('credit-ep')).toBe('200');
  // Tall enough for the endpoint's facts, deployments, log, editor and answer at once (the main area scrolls, not the page).
  await app().setViewportSize({ width: 1280, height: 2300 });
  await panel('credit-ep').locator('[data-response-status]').scrollIntoViewIfNeeded();
  await app().screenshot({ path: path.join(SHOTS, `preview-invoke-detail-${theme}.png`), animations: 'disabled' });
  await app().setViewportSize({ width: 1280, height: 1400 });
}

/** Chooses the theme under Settings, as a person does, and goes back to Endpoints. */
async function setTheme(theme: 'light' | 'dark' | 'high-contrast'): Promise<void> {
  const label = { light: 'Light', dark: 'Dark', 'high-contrast': 'High contrast' }[theme];
  await app().getByRole('tab', { name: 'Settings' }).click();
  await app().getByRole('radio', { name: label }).check();
  await app().getByRole('tab', { name: 'Endpoints' }).click();
}
