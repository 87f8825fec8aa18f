// The Connections screen over the real routes (H's composition, C's VPN route) against the whole sandbox: bob
// signs in, the screen lists the sandbox's three routes from route.list, Connect brings the VPN route up (the
// sandbox's private DNS answers privately; its connector maps private addresses to loopback), the card and the
// status bar follow the route.state pushes, Disconnect takes it down. Loopback only.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeHostAirlock } from '../../../electron/preview';
import { loadEnvironmentFile, silentLogger } from '../../../electron/services';
import { startSandbox, type RunningSandbox } from '../../../sandbox/start-sandbox';
import { ensureRendererBuilt } from '../../harness/ensure-built';
import { launchHarness, type Harness } from '../../harness/harness';
import { createScriptedBrowser } from '../../support/sandbox/scripted-browser';

let sandbox: RunningSandbox;
let stateDir: string;
let h: Harness;
const card = (via: string) => h.page.locator(`[data-route="${via}"]`);

beforeAll(async () => {
  await ensureRendererBuilt();
  stateDir = await mkdtemp(path.join(tmpdir(), 'airlock-e2e-connections-'));
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
    guard: { policySource: null },
  });
  h = await launchHarness({ environmentFile: sandbox.environmentPath, airlock });
  await h.page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
}, 60_000);

afterAll(async () => {
  await h?.close();
  await sandbox?.stop();
  await rm(stateDir, { recursive: true, force: true });
});

describe('Connections screen (harness, whole sandbox, real route handlers)', () => {
  it('after sign-in lists the routes; Connect brings VPN up, the status bar follows; Disconnect takes it down', async () => {
    await h.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => h.page.locator('[data-status="account"]').textContent(), { timeout: 30_000 }).toBe('bob@contoso.test');
    await h.page.getByRole('tab', { name: 'Connections' }).click();
    await card('vpn').waitFor({ timeout: 30_000 });
    expect(await h.page.locator('[data-route]').evaluateAll((els) => els.map((e) => e.getAttribute('data-route')))).toEqual(['vpn', 'jump', 'bastion']);
    await card('vpn').getByRole('button', { name: 'Connect VPN or direct', exact: true }).click();
    await expect.poll(() => card('vpn').getAttribute('data-route-state'), { timeout: 30_000 }).toBe('up');
    await expect.poll(() => h.page.locator('[data-status="route"]').textContent()).toMatch(/^VPN or direct: up( · |$)/);
    await card('vpn').getByRole('button', { name: 'Disconnect VPN or direct', exact: true }).click();
    await expect.poll(() => card('vpn').getAttribute('data-route-state'), { timeout: 30_000 }).toBe('off');
  }, 90_000);
});
