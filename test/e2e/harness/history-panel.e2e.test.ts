// History, re-run, compare and Copy as curl / Python in the endpoint detail's Test section (harness, the
// workspace, endpoint, score and history handlers replaced behind the same guard, with an in-memory history):
// a send says "Saved to history" and the list grows; View shows the request and response as they were (hostile
// text inert); Re-run sends the same request (payload, deployment, route) again through endpoint.score; two
// picked entries compare side by side (differing facts and body lines marked); Delete; history that is not kept
// says why; the clipboard gets a curl command and a Python script with a placeholder for the token; every action
// from the keyboard; light / dark / high-contrast screenshots with axe.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeploymentSummary, EndpointSummary, InvokeResultView } from '../../../shared/contract/schemas/endpoint';
import type { HistoryEntrySummary, HistoryEntryView, HistoryList } from '../../../shared/contract/schemas/history';
import type { WorkspaceSummary } from '../../../shared/contract/schemas/workspace';
import { AirlockError } from '../../../shared/errors/airlock-error';
import { ROOT } from '../../../scripts/build';
import { ensureRendererBuilt } from '../../harness/ensure-built';
import { harnessAirlock, launchHarness, type Harness } from '../../harness/harness';

const SHOTS = path.join(ROOT, 'test-results', 'e2e');
const DOCS = path.join(ROOT, 'docs', 'screenshots');
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
const HOSTILE = '<img src=x onerror="window.__pwned=1">\u202eexe.txt';
const answer = (score: number, label: string) => JSON.stringify({ predictions: [{ score, label, reasons: [HOSTILE, 'income'] }] });
/** A token that must never reach the page: main would hold it; the snippets carry a placeholder. */
const TOKEN = 'eyJ-secret-aml-token-e2e';

let clock = Date.parse('2026-12-04T09:00:00.000Z');
let nextId = 1;
let keeping = true;
const store: HistoryEntryView[] = [];
const scoreCalls: Array<{ payload: string; deploymentName?: string | undefined; via?: string | undefined }> = [];
const removed: string[] = [];
/** The id the fake history gave the latest score (null when it kept none). */
let lastKeptId: string | null = null;

function result(deployment: string, status: number, body: string, totalMs: number, historyId: string | null): InvokeResultView {
  return {
    status,
    ok: status < 300,
    requestId: `req-${historyId ?? 'none'}`,
    modelDeployment: deployment,
    runFunctionFailure: null,
    contentType: 'application/json',
    body,
    bodyBytes: body.length,
    bodyTruncated: false,
    failure: status === 503 ? { title: 'Service unavailable', words: 'The deployment is not ready or is overloaded: wait and try again.' } : null,
    timings: { dnsMs: 2.1, connectMs: 6.4, tlsMs: 18.2, ttfbMs: totalMs - 30, downloadMs: 3.3, totalMs },
    authMode: 'AMLToken',
    route: { via: 'vpn', id: 'vpn' },
    historyId,
  };
}

/** Keeps one invocation the way main's history would (newest first). */
function keep(payload: string, deploymentName: string | null, status: number, body: string, totalMs: number): InvokeResultView {
  const id = keeping ? `h-${String(nextId++).padStart(8, '0')}` : null;
  const r = result(deploymentName ?? 'blue', status, body, totalMs, id);
  lastKeptId = id;
  if (id === null) return r;
  clock += 60_000;
  const summary: HistoryEntrySummary = {
    id,
    at: new Date(clock).toISOString(),
    environmentId: 'AzureCloud',
    workspaceId: WS.id,
    endpointName: ENDPOINT.name,
    deploymentName,
    answeredBy: r.modelDeployment,
    status,
    ok: status < 300,
    failureTitle: r.failure?.title ?? null,
    totalMs,
    requestBytes: Buffer.byteLength(payload),
    responseBytes: body.length,
    requestSha256: createHash('sha256').update(payload).digest('hex'),
    authMode: 'AMLToken',
    via: 'vpn',
  };
  store.unshift({ summary, payload, result: r });
  return r;
}

keep(GOOD, null, 200, answer(0.82, 'approve'), 150);
keep(GOOD, 'green', 503, JSON.stringify({ error: 'overloaded' }), 2400);
keep(GOOD, 'blue', 200, answer(0.31, 'review'), 180);

/** axe-core's serious and critical violations (as in invoke-panel.e2e.test.ts), Fluent's focus sentinels left out. */
async function seriousViolations(): Promise<Array<{ id: string; targets: string[] }>> {
  const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page().evaluate(source);
  return page().evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const result = await axe.run({ exclude: [['[data-tabster-dummy]']] } as unknown as Document, { resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, targets: v.nodes.map((n) => String(n.target[0])) }));
  });
}

let h: Harness;
const page = () => h.page;
const invoke = () => page().locator('[data-invoke-panel="credit-scoring"]');
const history = () => page().locator('[data-history-panel="credit-scoring"]');
const rows = () => history().locator('[role="row"][data-history-entry]');
const action = (name: string) => history().locator(`[data-history-action="${name}"]`);

/** Selects the history row `index` (0 = newest) from the keyboard: focus the grid, Home, then ArrowDown. */
async function selectRow(index: number): Promise<void> {
  await history().getByRole('grid').focus();
  await page().keyboard.press('Home');
  for (let i = 0; i < index; i += 1) await page().keyboard.press('ArrowDown');
}

async function openDetail(): Promise<void> {
  await page().locator('[data-endpoint-detail]').or(page().getByRole('grid', { name: 'Online endpoints in Credit workspace' })).first().waitFor({ timeout: 30_000 });
  if ((await page().locator('[data-endpoint-detail]').count()) === 0) await page().locator('[role="row"][data-endpoint]').first().click();
  await invoke().locator('[data-payload-editor="ready"]').waitFor({ timeout: 30_000 });
}

/** Picks the two newest entries as A and B and opens the comparison, all from the keyboard. */
async function compareNewestTwo(): Promise<void> {
  await rows().first().waitFor();
  // The detail may have stayed mounted (its picks with it): a comparison on screen is kept.
  if ((await history().locator('[data-compare-view]').count()) > 0) return;
  await selectRow(0);
  await action('pick').focus();
  await page().keyboard.press('Enter');
  await selectRow(1);
  await action('pick').focus();
  await page().keyboard.press('Enter');
  await action('compare').focus();
  await page().keyboard.press('Enter');
  await history().locator('[data-compare-view]').waitFor();
}

beforeAll(async () => {
  await ensureRendererBuilt();
  const account = { accountId: 'oid.tid', environmentId: 'AzureCloud', username: 'dana@contoso.test', name: 'Dana', tenantId: 'tid', authMethods: ['pwd', 'mfa'], signedInAt: null };
  const airlock = harnessAirlock(undefined, [], {}, {
      auth: { accounts: async () => ({ accounts: [account], activeAccountId: account.accountId }) },
      workspace: { list: async () => ({ workspaces: [WS] }) },
      endpoint: {
        list: async ({ workspaceId }) => ({ workspaceId, endpoints: [ENDPOINT], complete: true }),
        detail: async ({ workspaceId }) => ({ workspaceId, endpoint: ENDPOINT, deployments: DEPLOYMENTS }),
        logs: async () => ({ content: '', lines: 0, truncated: false }),
        payloadSchema: async () => ({ schema: null, samples: [{ name: 'One applicant', payload: GOOD }], maxPayloadBytes: 65_536, source: null }),
        score: async ({ payload, deploymentName, via }) => {
          scoreCalls.push({ payload, deploymentName, via });
          // The third re-run answers differently, so compare has something to show.
          return keep(payload, deploymentName ?? null, 200, answer(scoreCalls.length % 2 ? 0.77 : 0.82, 'approve'), 140 + scoreCalls.length);
        },
      },
      history: {
        list: async ({ workspaceId, endpointName, limit, before }): Promise<HistoryList> => {
          const mine = store.filter((e) => (!workspaceId || e.summary.workspaceId === workspaceId) && (!endpointName || e.summary.endpointName === endpointName));
          const start = before ? mine.findIndex((e) => e.summary.id === before) + 1 : 0;
          const page = mine.slice(start, start + limit);
          return {
            entries: page.map((e) => e.summary),
            nextBefore: start + limit < mine.length ? page.at(-1)!.summary.id : null,
            keeping,
            retentionDays: keeping ? 30 : 0,
            notKeptReason: keeping ? null : 'No OS keychain answers on this machine, so Airlock cannot encrypt history and keeps none. Scoring still works.',
          };
        },
        get: async ({ id }) => {
          const found = store.find((e) => e.summary.id === id);
          if (!found) throw new AirlockError('E_NOT_FOUND');
          return found;
        },
        remove: async (input) => {
          if (!('id' in input)) return { deleted: 0 };
          const at = store.findIndex((e) => e.summary.id === input.id);
          if (at >= 0) store.splice(at, 1);
          removed.push(input.id);
          return { deleted: at >= 0 ? 1 : 0 };
        },
      },
  });
  // The composition root records every score for the signed-in account and hands back ITS history id
  // (history-handlers.ts recordingScore); this harness signs nobody in, so that id is null. The page is given
  // the fake history's id instead, after the guarded door, so the renderer sees what a kept send looks like.
  h = await launchHarness({
    airlock: {
      ...airlock,
      gateway: (host, origin) => {
        const door = airlock.gateway(host, origin);
        return {
          call: async (channel, payload, caller) => {
            const answer = await door.call(channel, payload, caller);
            return channel === 'endpoint.score' && answer.ok ? { ...answer, value: { ...(answer.value as InvokeResultView), historyId: lastKeptId } } : answer;
          },
        };
      },
    },
  });
  await page().context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page().getByRole('tab', { name: 'Endpoints' }).click();
  await openDetail();
  await page().setViewportSize({ width: 1280, height: 2200 });
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('History, re-run, compare and copy-as (harness, replaced handlers)', () => {
  it("lists this endpoint's invocations newest first: time, target, who answered, status, time, sizes", async () => {
    await rows().nth(2).waitFor();
    expect(await rows().count()).toBe(3);
    const first = (await rows().first().textContent()) ?? '';
    expect(first).toContain('Deployment blue');
    expect(first).toContain('200');
    expect(first).toContain('180 ms');
    expect(await rows().nth(1).textContent()).toContain('503 Service unavailable');
    expect(await history().locator('[data-history-not-kept]').count()).toBe(0);
  });

  it('a send says "Saved to history" and the new entry appears at the top', async () => {
    await invoke().locator('[data-invoke-send]').click();
    await invoke().locator('[data-invoke-saved]').waitFor();
    expect(await invoke().locator('[data-invoke-saved]').textContent()).toBe('Saved to history.');
    await expect.poll(() => rows().count()).toBe(4);
    expect(await rows().first().getAttribute('data-history-entry')).toBe(store[0]!.summary.id);
  });

  it('View (Enter on the row) shows the request as sent and the response as shown, hostile text inert', async () => {
    await selectRow(1);
    await page().keyboard.press('Enter');
    const view = history().locator('[data-history-view]');
    await view.waitFor();
    expect(await view.getAttribute('data-history-view')).toBe(store[1]!.summary.id);
    expect(await view.locator('[data-history-payload]').textContent()).toBe(GOOD);
    expect(await view.locator('[data-response-body="json"]').textContent()).toContain('"label": "review"');
    expect(await view.locator('[data-response-body]').textContent()).toContain('[U+202E]');
    expect(await view.locator('img').count()).toBe(0);
    expect(await page().evaluate(() => (window as unknown as Record<string, unknown>)['__pwned'])).toBeUndefined();
  });

  it('Re-run sends the same request again (payload, deployment, route), shows the new answer and keeps it', async () => {
    const before = scoreCalls.length;
    const entry = store.find((e) => e.summary.deploymentName === 'green')!;
    await selectRow(store.indexOf(entry));
    await action('rerun').focus();
    await page().keyboard.press('Enter');
    await history().locator('[data-history-rerun="done"]').waitFor();
    expect(scoreCalls.slice(before)).toEqual([{ payload: GOOD, deploymentName: 'green', via: 'vpn' }]);
    expect(await history().locator('[data-history-rerun-saved]').textContent()).toBe('Sent again. Saved to history as a new entry.');
    expect(await history().locator('[data-history-rerun="done"] [data-response-status="200"]').count()).toBe(1);
    await expect.poll(() => rows().count()).toBe(5);
  });

  it('two entries picked as A and B compare side by side: differing facts and body lines marked', async () => {
    await compareNewestTwo();
    const compare = history().locator('[data-compare-view]');
    const [a, b] = [store[0]!, store[1]!];
    expect(await compare.locator('[data-compare-fact="target"]').getAttribute('data-differs')).toBe(String(a.summary.deploymentName !== b.summary.deploymentName));
    expect(await compare.locator('[data-compare-fact="totalMs"]').getAttribute('data-differs')).toBe('true');
    expect(await compare.locator('[data-compare-fact="request"]').getAttribute('data-differs')).toBe('false');
    expect(await compare.locator('[data-diff="changed"]').count()).toBeGreaterThan(0);
    expect(await compare.locator('[data-diff="changed"]').first().textContent()).toMatch(/0\.77.*≠?.*0\.82|0\.82.*0\.77/s);
    expect(await compare.locator('[data-compare-summary]').textContent()).toMatch(/^\d+ of \d+ lines differ\./);
    expect(await compare.locator('img').count()).toBe(0);
    // The compare column shows which is A and which is B.
    expect(await rows().first().locator('[role="gridcell"]').last().textContent()).toBe('A');
  });

  it('Delete removes the selected entry (and any view of it) and says so', async () => {
    const victim = store[2]!.summary.id;
    await selectRow(2);
    await action('delete').focus();
    await page().keyboard.press('Enter');
    await expect.poll(() => removed).toEqual([victim]);
    await expect.poll(() => rows().count()).toBe(4);
    expect(await history().locator(`[data-history-entry="${victim}"]`).count()).toBe(0);
    expect(await history().locator('[data-history-notice]').textContent()).toMatch(/^Deleted the entry sent at /);
  });

  it('Copy as curl / Copy as Python put the request on the clipboard with a placeholder for the token, never the token', async () => {
    await invoke().locator('[data-copy-as-button="curl"]').focus();
    await page().keyboard.press('Enter');
    await expect.poll(() => invoke().locator('[data-copy-as-status]').getAttribute('data-copy-as-status')).toBe('copied');
    const curl = await page().evaluate(() => navigator.clipboard.readText());
    expect(curl).toContain("'https://credit-scoring.westeurope.inference.ml.azure.com/score'");
    expect(curl).toContain('"Authorization: Bearer ${AML_TOKEN}"');
    expect(curl).toContain('"income": 51000.5');
    expect(curl).toContain('az ml online-endpoint get-credentials --name credit-scoring --resource-group rg-ml --workspace-name ws-credit');
    expect(curl).not.toContain(TOKEN);
    expect(await invoke().locator('[data-copy-as-status]').textContent()).toContain('placeholder AML_TOKEN');
    await invoke().locator('[data-invoke-target]').selectOption('green');
    await invoke().locator('[data-copy-as-button="python"]').click();
    await expect.poll(() => page().evaluate(() => navigator.clipboard.readText())).toContain('os.environ["AML_TOKEN"]');
    const python = await page().evaluate(() => navigator.clipboard.readText());
    expect(python).toContain('"azureml-model-deployment": "green"');
    expect(await invoke().locator('[data-copy-as-text="python"]').textContent()).toBe(python);
    await invoke().locator('[data-invoke-target]').selectOption('');
    // Nothing the page was handed holds a credential.
    expect(JSON.stringify(h.ipcLog)).not.toContain(TOKEN);
  });

  it('when history is not kept it says why (no empty state that looks like "nothing sent")', async () => {
    keeping = false;
    const count = await rows().count();
    await history().locator('[data-history-refresh]').click();
    await history().locator('[data-history-not-kept]').waitFor();
    expect(await history().locator('[data-history-not-kept]').textContent()).toContain('No OS keychain answers on this machine');
    expect(await history().locator('[data-history-empty]').count()).toBe(0);
    expect(await rows().count()).toBe(count); // what was kept before is still listed
    await invoke().locator('[data-invoke-send]').click();
    await invoke().locator('[data-response-status="200"]').waitFor();
    expect(await invoke().locator('[data-invoke-saved]').count()).toBe(0);
    keeping = true;
    await history().locator('[data-history-refresh]').click();
    await history().locator('[data-history-not-kept]').waitFor({ state: 'detached' });
  });

  it('reads well in light, dark and high contrast, with no serious axe violations', async () => {
    mkdirSync(DOCS, { recursive: true });
    for (const [label, suffix] of [
      ['Light', 'light'],
      ['Dark', 'dark'],
      ['High contrast', 'high-contrast'],
    ] as const) {
      await page().getByRole('tab', { name: 'Settings' }).click();
      await page().getByRole('radio', { name: label }).check();
      await page().getByRole('tab', { name: 'Endpoints' }).click();
      await openDetail();
      await compareNewestTwo();
      await history().scrollIntoViewIfNeeded();
      await page().getByRole('heading', { name: 'History', exact: true }).click();
      const shot = path.join(SHOTS, `history-${suffix}.png`);
      await history().screenshot({ path: shot, animations: 'disabled' });
      copyFileSync(shot, path.join(DOCS, `history-${suffix}.png`));
      expect(await seriousViolations()).toEqual([]);
    }
  });
});
