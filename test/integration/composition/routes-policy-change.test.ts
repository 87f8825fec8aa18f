// The admin policy changes while Airlock runs, through the real composition root against the whole sandbox:
// alice has the VPN route up and a local forward open; the machine policy file changes (the source's watcher
// fires) to forbid the VPN route for endpoints and local forwards. Both close at once: route.state says why
// (E_POLICY_DENIED in words), forward.state says closed, and the audit trail has the system records. The
// guard's context.route is the active environment's route, and 'none' once it closed. Loopback only.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAirlock, createMemoryKeychain, loadEnvironmentFile, type Airlock } from '../../../electron/services';
import { createTextPolicySource, type PolicySource } from '../../../electron/services/policy';
import { startSandbox, type RunningSandbox } from '../../../sandbox/start-sandbox';
import type { RouteStatusView } from '../../../shared/contract/schemas/route';
import { createScriptedBrowser } from '../../support/sandbox/scripted-browser';
import { capturingLogger, fixedClock, through } from '../../support/test-airlock';

const SUB = '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const WORKSPACE = `/subscriptions/${SUB}/resourceGroups/rg-ml-private/providers/Microsoft.MachineLearningServices/workspaces/ws-credit-private`;
const ALLOW_ALL = `version: 1
localForwards: true
rules:
  - { id: all, effect: allow, actions: ["*"] }
`;
const NO_VPN_NO_FORWARDS = `version: 1
localForwards: false
routes:
  endpoint: [ssh, bastion]
rules:
  - { id: all, effect: allow, actions: ["*"] }
`;

/** The machine policy file, as a test changes it: its text now, and the watcher the service gave it. */
function changingPolicy(): PolicySource & { change(text: string): void } {
  let text = ALLOW_ALL;
  let changed: (() => void) | null = null;
  const current = () => createTextPolicySource({ text, format: 'yaml', file: '/etc/airlock/policy.yaml', kind: 'file' });
  return {
    info: current().info,
    read: () => current().read(),
    watch(listener) {
      changed = listener;
      return () => (changed = null);
    },
    change(next) {
      text = next;
      changed?.();
    },
  };
}

let sandbox: RunningSandbox;
let airlock: Airlock;
let stateDir: string;
const policy = changingPolicy();
const pushed: Array<{ name: string; payload: unknown }> = [];

beforeAll(async () => {
  stateDir = await mkdtemp(path.join(tmpdir(), 'airlock-routes-policy-'));
  sandbox = await startSandbox({ stateDir: path.join(stateDir, 'sandbox') });
  const { seed, ca, now } = sandbox.context;
  const alice = seed.users.find((u) => u.username === 'alice@contoso.test')!;
  const environment = await loadEnvironmentFile(sandbox.environmentPath);
  airlock = createAirlock(
    { runtime: { version: '0.1.0', build: 'development', runtime: 'node', platform: 'linux', arch: 'x64' }, extraEnvironments: [environment] },
    {
      clock: fixedClock(),
      logger: capturingLogger(),
      identity: { openBrowser: createScriptedBrowser({ caPem: ca.certPem, user: alice, now }).openBrowser, keychain: createMemoryKeychain(), userDataDir: path.join(stateDir, 'userdata') },
      guard: { policySource: policy },
    },
  );
  airlock.events.subscribe((event) => void pushed.push({ name: event.name, payload: event.payload }));
  await airlock.services.policy;
  await through(airlock).auth.signIn({ environmentId: 'Sandbox', method: 'browser' });
}, 90_000);

afterAll(async () => {
  await airlock?.dispose();
  await sandbox?.stop();
  await rm(stateDir, { recursive: true, force: true });
});

const lastVpnState = () =>
  pushed
    .filter((e) => e.name === 'route.state')
    .map((e) => e.payload as RouteStatusView)
    .filter((s) => s.via === 'vpn')
    .at(-1);

describe('a policy change while routes are open (whole sandbox)', () => {
  it("closes the VPN route and the forward the new policy forbids, says why, audits it; context.route follows the environment's route", async () => {
    expect(await through(airlock).route.connect({ via: 'vpn' })).toMatchObject({ state: 'up' });
    const forward = await through(airlock).forward.open({ workspaceId: WORKSPACE, endpointName: 'credit-ep', via: 'vpn' });
    const trail = await airlock.services.audit!;
    const decision = async (action: string) => (await trail.query({ action, kind: 'decision' }, { limit: 1 })).records[0];
    expect(await decision('forward.open')).toMatchObject({ route: 'vpn' });

    policy.change(NO_VPN_NO_FORWARDS);
    await expect.poll(lastVpnState, { timeout: 20_000 }).toMatchObject({ state: 'off', lastError: { code: 'E_POLICY_DENIED', message: expect.stringContaining('VPN') as unknown } });
    await expect.poll(async () => (await through(airlock).forward.list()).forwards, { timeout: 20_000 }).toEqual([]);
    // The screen is told why (the user did not end it): the policy's words.
    expect(pushed.filter((e) => e.name === 'forward.state').at(-1)).toMatchObject({ payload: { kind: 'closed', forward: { id: forward.id }, closedBecause: expect.stringMatching(/^Your organization's policy changed: .*local port forwards/) as unknown } });
    await expect.poll(async () => (await trail.query({ action: 'route.closedByPolicy' }, { limit: 5 })).records, { timeout: 20_000 }).toEqual([
      expect.objectContaining({ kind: 'system', environmentId: 'Sandbox', rule: 'policy-changed' }),
    ]);
    expect((await trail.query({ action: 'forward.closed' }, { limit: 5 })).records[0]).toMatchObject({ rule: 'closed-by-policy', reason: expect.stringContaining('local port forwards') as unknown });

    // The route is closed, so the next call's context names none for this environment.
    await through(airlock).route.list();
    expect(await decision('route.list')).toMatchObject({ route: 'none' });
    await expect(through(airlock).route.connect({ via: 'vpn' })).rejects.toMatchObject({ code: 'E_POLICY_DENIED' });
  }, 60_000);
});
