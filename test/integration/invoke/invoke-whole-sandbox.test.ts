// Invoke through the real parts against the whole sandbox: bob signs in (MSAL, scripted browser), the Azure ML
// control plane (the workspace service: ARM GET endpoint, POST token, POST listKeys) gives auth mode, scoring
// URI and credential, the auth service the Entra ML token, and the route composition's dataPlane the client
// on the VPN route (sandbox DNS → private address → loopback port), TLS verified against the endpoint's real
// name. AML tokens go to a vault (memory keychain). The handlers are the ones the lead wires.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAirlock, createMemoryKeychain, loadEnvironmentFile, type Airlock } from '../../../electron/services';
import { invokeHandlers, vaultTokenStore, type InvokeHandlers } from '../../../electron/services/composition/invoke-handlers';
import { composeRoutes, type RouteComposition } from '../../../electron/services/composition/routes/compose-routes';
import { createEventHub } from '../../../electron/services/events';
import type { RequestContext } from '../../../electron/services/guard';
import { createInvokeService } from '../../../electron/services/invoke';
import { systemClock, systemScheduler } from '../../../electron/services/ports';
import { createVault } from '../../../electron/services/vault';
import { createWorkspaceService } from '../../../electron/services/workspace';
import { startSandbox, type RunningSandbox } from '../../../sandbox/start-sandbox';
import { contract } from '../../../shared/contract/contract';
import { AirlockError } from '../../../shared/errors/airlock-error';
import { createScriptedBrowser } from '../../support/sandbox/scripted-browser';
import { capturingLogger, fixedClock, through } from '../../support/test-airlock';

const MARKER = 'PLANTEDINVOKEMARKER11';
const WS = '/subscriptions/5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourceGroups/rg-ml-private/providers/Microsoft.MachineLearningServices/workspaces/ws-credit-private';

let sandbox: RunningSandbox;
let airlock: Airlock;
let stateDir: string;
let routes: RouteComposition;
let handlers: InvokeHandlers;
let ctx: RequestContext;
let vault: ReturnType<typeof createVault>;
const logs = capturingLogger();
const seen: string[] = [];

beforeAll(async () => {
  stateDir = await mkdtemp(path.join(tmpdir(), 'airlock-invoke-'));
  sandbox = await startSandbox({ stateDir: path.join(stateDir, 'sandbox'), tokenMarker: MARKER });
  const { seed, ca, now } = sandbox.context;
  const bob = seed.users.find((u) => u.username === 'bob@contoso.test')!;
  const environment = await loadEnvironmentFile(sandbox.environmentPath);
  airlock = createAirlock(
    { runtime: { version: '0.1.0', build: 'development', runtime: 'node', platform: 'linux', arch: 'x64' }, extraEnvironments: [environment] },
    { clock: fixedClock(), logger: logs, identity: { openBrowser: createScriptedBrowser({ caPem: ca.certPem, user: bob, now }).openBrowser, keychain: createMemoryKeychain(), userDataDir: path.join(stateDir, 'userdata') } },
  );
  const account = await through(airlock).auth.signIn({ environmentId: 'Sandbox', method: 'browser' });
  const { auth, environments } = airlock.services;
  const workspace = createWorkspaceService({ auth, logger: logs });
  routes = composeRoutes({ environments, auth, workspace, settings: () => null, audit: () => undefined, events: createEventHub({ logger: logs }), userDataDir: path.join(stateDir, 'routes'), clock: systemClock, scheduler: systemScheduler, logger: logs });
  vault = createVault({ keychain: createMemoryKeychain(), files: { dir: path.join(stateDir, 'vault') }, clock: systemClock, logger: logs, environmentId: 'Sandbox' });
  const invoke = createInvokeService({
    controlPlane: workspace,
    mlToken: async (accountId, options) => (await auth.accessToken(accountId, 'ml', options)).token,
    tokenStore: () => vaultTokenStore(vault),
    settings: () => null,
    clock: systemClock,
    logger: logs,
  });
  handlers = invokeHandlers({ invoke, routes });
  ctx = { account: { accountId: account.accountId, username: account.username }, environmentId: 'Sandbox' } as unknown as RequestContext;
}, 90_000);

afterAll(async () => {
  await routes?.closeAll('test-end');
  await airlock?.dispose();
  await sandbox?.stop();
  await rm(stateDir, { recursive: true, force: true });
});

async function score(endpointName: string, payload: unknown, deploymentName?: string) {
  const input = contract['endpoint.score'].input.parse({ workspaceId: WS, endpointName, payload: JSON.stringify(payload), ...(deploymentName ? { deploymentName } : {}) });
  const result = contract['endpoint.score'].output.parse(await handlers.score(input, ctx));
  seen.push(JSON.stringify(result));
  return result;
}

describe('invoke through the real parts (whole sandbox, VPN route)', () => {
  it('no route up yet: E_ROUTE_DOWN', async () => {
    const error = await handlers.score(contract['endpoint.score'].input.parse({ workspaceId: WS, endpointName: 'credit-ep', payload: '{"input_data":[]}' }), ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AirlockError);
    expect((error as AirlockError).code).toBe('E_ROUTE_DOWN');
    seen.push(JSON.stringify((error as AirlockError).toShape()));
  });

  it('payloadSchema, then AMLToken, Key and AADToken endpoints and one deployment over the VPN route', async () => {
    await routes.connect(ctx, 'vpn');
    const view = contract['endpoint.payloadSchema'].output.parse(await handlers.payloadSchema({ workspaceId: WS, endpointName: 'credit-ep' }, ctx));
    seen.push(JSON.stringify(view));
    expect(view.schema).not.toBeNull();
    const sample = JSON.parse(view.samples[0]!.payload) as unknown;
    expect(await score('credit-ep', sample)).toMatchObject({ status: 200, authMode: 'AMLToken', route: { via: 'vpn', id: 'Sandbox/vpn' } });
    expect(await score('sentiment-ep', { input_data: ['Thanks, the fix works great!'] })).toMatchObject({ status: 200, authMode: 'Key' });
    expect(await score('credit-aad-ep', sample)).toMatchObject({ status: 200, authMode: 'AADToken' });
    expect(await score('credit-ep', sample, 'green')).toMatchObject({ status: 200, modelDeployment: 'green' });
    // The AML token went to the environment's vault (kept until its renew time), under account + endpoint.
    const key = `${(ctx.account as { accountId: string }).accountId}|${WS.toLowerCase()}/onlineendpoints/credit-ep`;
    expect((await vault.getEndpointToken(key))?.expiresAt.getTime()).toBeGreaterThan(Date.now());
  });

  it("timing phases over the VPN route: the posture check's lookup is the DNS phase of a fresh connection; a kept-alive one has no dns, connect or tls", async () => {
    const sample = JSON.parse((await handlers.payloadSchema({ workspaceId: WS, endpointName: 'credit-ep' }, ctx)).samples[0]!.payload) as unknown;
    // A route connected again is a new connection: the data plane's next request opens a fresh stream over it.
    await routes.disconnect(ctx, 'vpn');
    await routes.connect(ctx, 'vpn');
    const fresh = (await score('credit-ep', sample)).timings;
    const kept = (await score('credit-ep', sample)).timings;
    expect(fresh).toMatchObject({ dnsMs: expect.any(Number) as unknown, connectMs: expect.any(Number) as unknown, tlsMs: expect.any(Number) as unknown, ttfbMs: expect.any(Number) as unknown, downloadMs: expect.any(Number) as unknown });
    expect(kept).toMatchObject({ dnsMs: null, connectMs: null, tlsMs: null, ttfbMs: expect.any(Number) as unknown, downloadMs: expect.any(Number) as unknown });
    for (const t of [fresh, kept]) {
      const phases = [t.dnsMs, t.connectMs, t.tlsMs, t.ttfbMs, t.downloadMs].filter((ms): ms is number => ms !== null);
      for (const ms of phases) expect(ms).toBeGreaterThanOrEqual(0);
      expect(phases.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(t.totalMs + 1e-6); // in order, never overlapping
    }
  });

  it('dataPlane: only the route asked for, and only when it is up', () => {
    expect(routes.dataPlane(ctx, 'vpn')).toMatchObject({ via: 'vpn', id: 'Sandbox/vpn' });
    expect(() => routes.dataPlane(ctx, 'bastion')).toThrow(expect.objectContaining({ code: 'E_ROUTE_DOWN' }));
  });

  it('leak scan: no token marker in any result, error or log line', () => {
    const everything = [...seen, ...logs.entries.map((e) => JSON.stringify(e))].join('\n');
    expect(everything).not.toContain(MARKER);
    expect(everything).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./); // no JWT of any kind
  });
});
