// The Connections screen and its status-bar item in the states a healthy sandbox rarely shows, with the route,
// forward and workspace handlers replaced (behind the same guard) and route.state / route.prompt pushed through
// the event hub as the manager would: a degraded route, a dropped route reconnecting, a route the policy
// forbids, Connect with an unknown host key (Trust → trustHostKey with that fingerprint, then connect again),
// a changed host key (a stop: both fingerprints, no Trust), a failed Test connection (the failed step marked,
// the cause in words), local forwards (Copy, End, Forward a port), and the passphrase prompt (Submit answers,
// Cancel answers null, the field is empty when it opens again).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Airlock } from '../../../electron/services';
import type { ForwardView, RouteListEntry, RouteStatusView, TestConnectionView } from '../../../shared/contract/schemas/route';
import { AirlockError } from '../../../shared/errors/airlock-error';
import { ROOT } from '../../../scripts/build';
import { ensureRendererBuilt } from '../../harness/ensure-built';
import { harnessAirlock, launchHarness, type Harness } from '../../harness/harness';

const WS = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/ws-private';
const FP_NEW = `SHA256:${'A'.repeat(42)}k`;
const FP_OLD = `SHA256:${'B'.repeat(42)}s`;
const since = new Date(Date.now() - 5 * 60_000).toISOString();
const base = (over: Partial<RouteListEntry>): RouteListEntry => ({
  environmentId: 'AzureCloud',
  via: 'vpn',
  state: 'off',
  since,
  target: 'VPN (OS resolver)',
  bytesIn: 0,
  bytesOut: 0,
  rttMs: null,
  lastError: null,
  reconnect: null,
  allowed: true,
  why: null,
  ...over,
});
const ROUTES: RouteListEntry[] = [
  base({ via: 'vpn', state: 'degraded', rttMs: 480, bytesIn: 12_345_678, bytesOut: 1_500 }),
  base({ via: 'jump', target: 'jumpbox.internal.sandbox:22 as alice' }),
  base({ via: 'bastion', allowed: false, why: 'The policy forbids Azure Bastion for this environment.', target: 'bst-sandbox → vm-jumpbox:22' }),
];
const FAILED_TEST: TestConnectionView = {
  via: 'vpn',
  host: 'credit-scoring.westeurope.inference.ml.azure.com',
  ok: false,
  at: new Date().toISOString(),
  totalMs: 41,
  steps: [
    { name: 'dns', ok: false, ms: 41, code: 'E_NOT_PRIVATE', detail: 'credit-scoring.westeurope.inference.ml.azure.com → 20.50.2.10', cause: 'Private DNS is not answering: connect to the VPN (the name resolved to the public address 20.50.2.10).' },
    { name: 'tcp', ok: false, ms: 0, skipped: true },
    { name: 'tls', ok: false, ms: 0, skipped: true },
    { name: 'http', ok: false, ms: 0, skipped: true },
  ],
};

/** Light, dark and high contrast go to test-results/e2e/ (copied to docs/screenshots/ by hand when they change). */
const SHOTS = path.join(ROOT, 'test-results', 'e2e');

const calls: Array<{ channel: string; input: unknown }> = [];
let connectAnswer: 'unknown' | 'forbidden' | 'changed' | 'ok' = 'unknown';
let forwards: ForwardView[] = [{ id: 'f1', address: '127.0.0.1:18443', target: 'credit-scoring.westeurope.inference.ml.azure.com:443', via: 'vpn', openedAt: since, bytesIn: 2_048, bytesOut: 512 }];
let airlock: Airlock;
let h: Harness;
const push = (status: RouteStatusView) => airlock.services.events.emit('route.state', status);
const card = (via: string) => h.page.locator(`[data-route="${via}"]`);

beforeAll(async () => {
  await ensureRendererBuilt();
  // Signed in (the screenshots show the account in the status bar, as a user sees the screen).
  const account = { accountId: 'oid.tid', environmentId: 'AzureCloud', username: 'alice@contoso.test', name: 'Alice', tenantId: 'tid', authMethods: ['pwd', 'mfa'], signedInAt: null };
  airlock = harnessAirlock(undefined, [], {}, {
    auth: { accounts: async () => ({ accounts: [account], activeAccountId: account.accountId }) },
    route: {
      list: async () => ({ environmentId: 'AzureCloud', routes: ROUTES }),
      connect: async (input) => {
        calls.push({ channel: 'route.connect', input });
        if (connectAnswer === 'unknown') throw new AirlockError('E_HOST_KEY_UNKNOWN', { message: 'The jump host jumpbox.internal.sandbox presented a key Airlock has not seen.', details: { host: 'jumpbox.internal.sandbox', presented: FP_NEW } });
        if (connectAnswer === 'forbidden') throw new AirlockError('E_HOST_KEY_UNKNOWN', { message: 'The jump host jumpbox.internal.sandbox presented a key Airlock has not seen.', details: { host: 'jumpbox.internal.sandbox', presented: FP_NEW, firstUse: 'forbidden' } });
        if (connectAnswer === 'changed') throw new AirlockError('E_HOST_KEY_CHANGED', { message: "The jump host's key changed.", details: { host: 'jumpbox.internal.sandbox', expected: FP_OLD, presented: FP_NEW } });
        const { allowed: _a, why: _w, ...view } = ROUTES[1]!;
        return { ...view, state: 'up', rttMs: 12, since: new Date().toISOString() };
      },
      disconnect: async (input) => {
        calls.push({ channel: 'route.disconnect', input });
        const { allowed: _a, why: _w, ...view } = ROUTES.find((r) => r.via === input.via)!;
        return { ...view, state: 'off', rttMs: null };
      },
      trustHostKey: async (input) => {
        calls.push({ channel: 'route.trustHostKey', input });
        connectAnswer = 'ok';
        return { trusted: true };
      },
      check: async (input) => {
        calls.push({ channel: 'route.check', input });
        return FAILED_TEST;
      },
      answerPrompt: async (input) => {
        calls.push({ channel: 'route.answerPrompt', input });
        return { done: true };
      },
    },
    forward: {
      list: async () => ({ forwards }),
      open: async (input) => {
        calls.push({ channel: 'forward.open', input });
        const view: ForwardView = { id: 'f2', address: `127.0.0.1:${input.localPort ?? 40555}`, target: 'fraud.westeurope.inference.ml.azure.com:443', via: input.via ?? 'vpn', openedAt: new Date().toISOString(), bytesIn: 0, bytesOut: 0 };
        forwards = [...forwards, view];
        return view;
      },
      close: async (input) => {
        calls.push({ channel: 'forward.close', input });
        forwards = forwards.filter((f) => f.id !== input.id);
        return { closed: true };
      },
    },
    workspace: {
      list: async () => ({ workspaces: [{ id: WS, name: 'ws-private', displayName: 'Private workspace', subscriptionId: '00000000-0000-0000-0000-000000000001', resourceGroup: 'rg-ml', location: 'westeurope', publicNetworkAccess: 'Disabled', privateEndpoints: 1 }] }),
    },
  });
  h = await launchHarness({ airlock });
  await h.page.getByRole('navigation', { name: 'Main navigation' }).waitFor({ timeout: 30_000 });
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('Connections screen (harness, replaced route/forward handlers)', () => {
  it('the status bar shows the live route and opens Connections with the keyboard', async () => {
    const item = h.page.locator('[data-status="route"]');
    await expect.poll(() => item.textContent()).toBe('VPN or direct: degraded · 480 ms');
    await item.focus();
    await h.page.keyboard.press('Enter');
    await h.page.locator('main[data-section-view="connections"]').waitFor();
    await card('vpn').waitFor();
  });

  it('each route: state, since (exact on hover), target, bytes, latency; a forbidden one disabled with the why', async () => {
    expect(await card('vpn').getAttribute('data-route-state')).toBe('degraded');
    expect(await card('vpn').locator('[data-route-badge]').textContent()).toBe('Degraded');
    expect(await card('vpn').locator('[data-route-since]').textContent()).toBe('5 min ago');
    expect(await card('vpn').locator('[data-route-since]').getAttribute('title')).toBeTruthy();
    expect(await card('vpn').locator('[data-route-bytes]').textContent()).toBe('12.3 MB / 1.5 kB');
    expect(await card('vpn').locator('[data-route-rtt]').textContent()).toBe('480 ms');
    expect(await card('bastion').locator('[data-route-why]').textContent()).toContain('The policy forbids Azure Bastion');
    expect(await card('bastion').getByRole('button', { name: 'Connect Azure Bastion', exact: true }).isDisabled()).toBe(true);
  });

  it('a dropped route says it is reconnecting (attempt, when) and the last error in words, from the push alone', async () => {
    const { allowed: _a, why: _w, ...vpn } = ROUTES[0]!;
    push({ ...vpn, state: 'failed', since: new Date().toISOString(), lastError: { code: 'E_ROUTE_DROPPED', message: 'The VPN route dropped.' }, reconnect: { attempt: 2, at: new Date(Date.now() + 4_000).toISOString() } });
    await expect.poll(() => card('vpn').getAttribute('data-route-state')).toBe('failed');
    expect(await card('vpn').locator('[data-route-reconnect]').textContent()).toMatch(/^Dropped — reconnecting, attempt 2 (in \d s|now)$/);
    expect(await card('vpn').locator('[data-route-error]').textContent()).toBe('Last error: The VPN route dropped.');
    await expect.poll(() => h.page.locator('[data-status="route"]').textContent()).toBe('VPN or direct: reconnecting (attempt 2)');
  });

  it('Connect with an unknown host key asks, shows the fingerprint; Trust → trustHostKey(that fingerprint) → connect again', async () => {
    await card('jump').getByRole('button', { name: 'Connect SSH jump host', exact: true }).click();
    const dialog = h.page.locator('[data-host-key-dialog="unknown"]');
    await dialog.waitFor();
    expect(await dialog.locator('[data-fingerprint="presented"]').textContent()).toBe(FP_NEW);
    await dialog.getByRole('button', { name: 'Trust and connect' }).click();
    await expect.poll(() => card('jump').getAttribute('data-route-state')).toBe('up');
    expect(calls.filter((c) => c.channel.startsWith('route.') && c.channel !== 'route.check').map((c) => c.channel)).toEqual(['route.connect', 'route.trustHostKey', 'route.connect']);
    expect(calls.find((c) => c.channel === 'route.trustHostKey')!.input).toEqual({ via: 'jump', fingerprint: FP_NEW });
    await expect.poll(() => h.page.locator('[data-status="route"]').textContent()).toBe('SSH jump host: up · 12 ms');
  });

  it('a changed host key is a stop: both fingerprints, no Trust button', async () => {
    connectAnswer = 'changed';
    await card('jump').getByRole('button', { name: 'Disconnect SSH jump host', exact: true }).click();
    await expect.poll(() => card('jump').getAttribute('data-route-state')).toBe('off');
    await card('jump').getByRole('button', { name: 'Connect SSH jump host', exact: true }).click();
    const dialog = h.page.locator('[data-host-key-dialog="changed"]');
    await dialog.waitFor();
    expect(await dialog.locator('[data-fingerprint="expected"]').textContent()).toBe(FP_OLD);
    expect(await dialog.locator('[data-fingerprint="presented"]').textContent()).toBe(FP_NEW);
    expect(await dialog.getByRole('button', { name: /trust/i }).count()).toBe(0);
    const trusts = calls.filter((c) => c.channel === 'route.trustHostKey').length;
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(calls.filter((c) => c.channel === 'route.trustHostKey').length).toBe(trusts);
  });

  it('an unknown key the organization forbids trusting: the fingerprint and who to ask, no Trust button', async () => {
    connectAnswer = 'forbidden';
    await expect.poll(() => card('jump').getAttribute('data-route-state')).toBe('off'); // the changed key left it off
    await card('jump').getByRole('button', { name: 'Connect SSH jump host', exact: true }).click();
    const dialog = h.page.locator('[data-host-key-dialog="forbidden"]');
    await dialog.waitFor();
    expect(await dialog.locator('[data-fingerprint="presented"]').textContent()).toBe(FP_NEW);
    expect(await dialog.locator('[data-first-use="forbidden"]').textContent()).toContain('Your organization does not allow trusting a new host key; ask your administrator for the fingerprint.');
    expect(await dialog.getByRole('button', { name: /trust/i }).count()).toBe(0);
    const trusts = calls.filter((c) => c.channel === 'route.trustHostKey').length;
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(calls.filter((c) => c.channel === 'route.trustHostKey').length).toBe(trusts);
  });

  it('a failed Test connection marks the failed step with its cause in words and skips the rest', async () => {
    const panel = h.page.locator('[data-test-connection]');
    await panel.locator('[data-test-field="endpoint"]').fill('credit-scoring');
    await panel.getByRole('button', { name: 'Test' }).click();
    await panel.locator('[data-test-result="failed"]').waitFor();
    expect(calls.find((c) => c.channel === 'route.check')!.input).toEqual({ via: 'vpn', workspaceId: WS, endpointName: 'credit-scoring' });
    expect(await panel.locator('[data-step="dns"]').getAttribute('data-step-state')).toBe('failed');
    expect(await panel.locator('[data-step="dns"] [data-step-cause]').textContent()).toContain('Private DNS is not answering: connect to the VPN');
    expect(await panel.locator('[data-step-state="skipped"]').count()).toBe(3);
  });

  it('local forwards: the address with Copy, End closes it, the form opens one', async () => {
    const panel = h.page.locator('[data-forwards]');
    await panel.locator('[data-forward="f1"]').waitFor();
    await h.page.context().grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => undefined);
    await panel.getByRole('button', { name: 'Copy 127.0.0.1:18443' }).click();
    await expect.poll(() => panel.getByRole('status').textContent()).toMatch(/127\.0\.0\.1:18443/);
    await panel.locator('[data-forward-field="endpoint"]').fill('fraud');
    await panel.locator('[data-forward-field="port"]').fill('18444');
    await panel.getByRole('button', { name: 'Forward a port' }).click();
    await panel.locator('[data-forward="f2"]').waitFor();
    expect(calls.find((c) => c.channel === 'forward.open')!.input).toEqual({ workspaceId: WS, endpointName: 'fraud', localPort: 18444 });
    await panel.getByRole('button', { name: 'End 127.0.0.1:18443' }).click();
    await panel.locator('[data-forward="f1"]').waitFor({ state: 'detached' });
    expect(calls.find((c) => c.channel === 'forward.close')!.input).toEqual({ id: 'f1' });
    // A forward opened elsewhere (the CLI's tunnel is another process; here: a push) appears and goes without a re-read.
    const f3: ForwardView = { id: 'f3', address: '127.0.0.1:18555', target: 'churn.westeurope.inference.ml.azure.com:443', via: 'jump', openedAt: new Date().toISOString(), bytesIn: 10, bytesOut: 20 };
    airlock.services.events.emit('forward.state', { kind: 'opened', forward: f3 });
    await panel.locator('[data-forward="f3"]').waitFor();
    airlock.services.events.emit('forward.state', { kind: 'closed', forward: f3 });
    await panel.locator('[data-forward="f3"]').waitFor({ state: 'detached' });
    expect(await panel.locator('[data-forward-closed]').count()).toBe(0); // closed by the user (elsewhere): nothing to explain
    // One Airlock closed because the policy changed: the row goes, a warning says why, until dismissed.
    const f4: ForwardView = { ...f3, id: 'f4', address: '127.0.0.1:18556' };
    airlock.services.events.emit('forward.state', { kind: 'opened', forward: f4 });
    await panel.locator('[data-forward="f4"]').waitFor();
    airlock.services.events.emit('forward.state', { kind: 'closed', forward: f4, closedBecause: "Your organization's policy changed: local port forwards are not allowed." });
    await panel.locator('[data-forward="f4"]').waitFor({ state: 'detached' });
    const warning = panel.locator('[data-forward-closed="f4"]');
    expect(await warning.textContent()).toContain("Airlock closed the forward on 127.0.0.1:18556 to churn.westeurope.inference.ml.azure.com:443.Your organization's policy changed: local port forwards are not allowed.");
    await warning.getByRole('button', { name: 'Dismiss' }).click();
    await warning.waitFor({ state: 'detached' });
  });

  it('the passphrase prompt: Submit answers it, Cancel answers null, the field is empty when asked again', async () => {
    const promptId = '3f2c1a9e-8b7d-4c6e-9f10-1a2b3c4d5e6f';
    airlock.services.events.emit('route.prompt', { promptId, kind: 'passphrase', key: 'id_ed25519', attempt: 1 });
    const dialog = h.page.locator('[data-passphrase-dialog]');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('id_ed25519');
    await dialog.locator('[data-passphrase-input]').fill('correct horse');
    await h.page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    expect(calls.filter((c) => c.channel === 'route.answerPrompt').at(-1)!.input).toEqual({ promptId, answer: 'correct horse' });
    const second = '4f2c1a9e-8b7d-4c6e-9f10-1a2b3c4d5e6f';
    airlock.services.events.emit('route.prompt', { promptId: second, kind: 'passphrase', key: 'id_ed25519', attempt: 2 });
    await dialog.waitFor();
    expect(await dialog.locator('[data-passphrase-input]').inputValue()).toBe('');
    expect(await dialog.getByRole('alert').count()).toBe(1); // "did not open the key"
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(calls.filter((c) => c.channel === 'route.answerPrompt').at(-1)!.input).toEqual({ promptId: second, answer: null });
  });

  it('reads well in light, dark and high contrast (screenshots), with a failed Test connection', async () => {
    const { allowed: _a, why: _w, ...vpn } = ROUTES[0]!;
    const { allowed: _b, why: _v, ...jump } = ROUTES[1]!;
    push({ ...vpn, state: 'degraded', lastError: { code: 'E_TIMEOUT', message: 'The last probe took 2.1 s; the route is slow.' }, reconnect: null });
    push({ ...jump, state: 'up', rttMs: 12, bytesIn: 48_213_004, bytesOut: 2_310_555, since: new Date(Date.now() - 42 * 60_000).toISOString() });
    for (const [label, suffix] of [
      ['Light', 'light'],
      ['Dark', 'dark'],
      ['High contrast', 'high-contrast'],
    ] as const) {
      await h.page.getByRole('tab', { name: 'Settings' }).click();
      await h.page.getByRole('radio', { name: label }).check();
      await h.page.getByRole('tab', { name: 'Connections' }).click();
      await card('jump').waitFor();
      await expect.poll(() => card('jump').getAttribute('data-route-state')).toBe('up');
      await h.page.locator('[data-forward]').first().waitFor();
      await h.page.getByRole('heading', { name: 'Connections' }).click(); // no focus ring in the picture
      await h.page.screenshot({ path: path.join(SHOTS, `connections-${suffix}.png`), animations: 'disabled' });
      const panel = h.page.locator('[data-test-connection]');
      await panel.locator('[data-test-field="endpoint"]').fill('credit-scoring');
      await panel.getByRole('button', { name: 'Test' }).click();
      await panel.locator('[data-test-result="failed"]').waitFor();
      await panel.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await h.page.getByRole('heading', { name: 'Test connection' }).click();
      await h.page.screenshot({ path: path.join(SHOTS, `connections-test-failed-${suffix}.png`), animations: 'disabled' });
    }
  });
});
