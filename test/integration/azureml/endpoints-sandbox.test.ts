// Endpoints through the SDK-backed control plane against the whole sandbox (IdP + ARM), signed in with MSAL
// as the demo users: bob (Reader + endpoint invoker) lists endpoints, reads one with its deployments and
// traffic split, a model's versions, an AML token and a key endpoint's keys (shapes only: values are never
// printed); his role has no getLogs, so ARM's 403 stays E_AZURE_FORBIDDEN; alice (data scientist) reads a log
// tail; dave, without any role, gets E_AZURE_FORBIDDEN for the endpoints.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAirlock, createMemoryKeychain, loadEnvironmentFile, type Airlock } from '../../../electron/services';
import { browseHandlers, type BrowseHandlers } from '../../../electron/services/composition/browse-handlers';
import type { RequestContext } from '../../../electron/services/guard';
import { createWorkspaceService, type WorkspaceService } from '../../../electron/services/workspace';
import { startSandbox, type RunningSandbox } from '../../../sandbox/start-sandbox';
import { contract } from '../../../shared/contract/contract';
import { createScriptedBrowser } from '../../support/sandbox/scripted-browser';
import { capturingLogger, fixedClock, through } from '../../support/test-airlock';

const MARKER = 'PLANTEDENDPOINTSMARKER11';
const SUB = '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const WS = `/subscriptions/${SUB}/resourceGroups/rg-ml-private/providers/Microsoft.MachineLearningServices/workspaces/ws-credit-private`;

let sandbox: RunningSandbox;
let airlock: Airlock;
let stateDir: string;
let workspace: WorkspaceService;
let handlers: BrowseHandlers;
const logs = capturingLogger();
const accounts = new Map<string, string>();
let who = 'bob@contoso.test';
const secrets: string[] = [];

const ctxOf = (username: string) => ({ account: { accountId: accounts.get(username)! } }) as unknown as RequestContext;

async function signIn(username: string): Promise<void> {
  who = username;
  const account = await through(airlock).auth.signIn({ environmentId: 'Sandbox', method: 'browser' });
  accounts.set(username, account.accountId);
}

beforeAll(async () => {
  stateDir = await mkdtemp(path.join(tmpdir(), 'airlock-endpoints-'));
  sandbox = await startSandbox({ stateDir: path.join(stateDir, 'sandbox'), tokenMarker: MARKER });
  const { seed, ca, now } = sandbox.context;
  const browsers = new Map(seed.users.map((u) => [u.username, createScriptedBrowser({ caPem: ca.certPem, user: u, now })]));
  airlock = createAirlock(
    { runtime: { version: '0.1.0', build: 'development', runtime: 'node', platform: 'linux', arch: 'x64' }, extraEnvironments: [await loadEnvironmentFile(sandbox.environmentPath)] },
    { clock: fixedClock(), logger: logs, identity: { openBrowser: (url) => browsers.get(who)!.openBrowser(url), keychain: createMemoryKeychain(), userDataDir: path.join(stateDir, 'userdata') } },
  );
  // The service as create-airlock will build it (same auth service), and the handlers the lead wires.
  workspace = createWorkspaceService({ auth: airlock.services.auth, logger: logs });
  handlers = browseHandlers({ workspace });
  await signIn('bob@contoso.test');
}, 60_000);

afterAll(async () => {
  await airlock?.dispose();
  await sandbox?.stop();
  await rm(stateDir, { recursive: true, force: true });
});

describe('endpoints through the SDK (whole sandbox)', () => {
  it("lists the seeded workspace's endpoints with auth mode, scoring host and traffic", async () => {
    const answer = await handlers.endpoint.list({ workspaceId: WS }, ctxOf('bob@contoso.test'));
    expect(() => contract['endpoint.list'].output.parse(answer)).not.toThrow();
    const byName = new Map(answer.endpoints.map((e) => [e.name, e]));
    expect([...byName.keys()].sort()).toEqual(['credit-aad-ep', 'credit-ep', 'sentiment-ep']);
    expect(byName.get('credit-ep')).toMatchObject({
      id: `${WS}/onlineEndpoints/credit-ep`,
      authMode: 'AMLToken',
      scoringHost: 'credit-ep.westeurope.inference.ml.azure.com',
      publicNetworkAccess: 'Disabled',
      provisioningState: 'Succeeded',
      description: 'Credit risk scoring (AML token).',
    });
    expect(byName.get('credit-ep')!.traffic).toEqual(expect.arrayContaining([{ deployment: 'blue', percent: 90 }, { deployment: 'green', percent: 10 }]));
    expect(byName.get('sentiment-ep')?.authMode).toBe('Key');
    expect(byName.get('credit-aad-ep')?.authMode).toBe('AADToken');
  });

  it('reads one endpoint with its deployments: state, SKU, instance type and count, traffic share, model', async () => {
    const detail = await handlers.endpoint.detail({ workspaceId: WS, endpointName: 'credit-ep' }, ctxOf('bob@contoso.test'));
    expect(() => contract['endpoint.detail'].output.parse(detail)).not.toThrow();
    expect(detail.deployments.map((d) => [d.name, d.trafficPercent, d.model])).toEqual([
      ['blue', 90, 'credit-risk:2'],
      ['green', 10, 'credit-risk:3'],
    ]);
    expect(detail.deployments[0]).toMatchObject({ provisioningState: 'Succeeded', sku: 'Default', instanceType: expect.any(String) as unknown, instanceCount: expect.any(Number) as unknown });
  });

  it("lists a model's versions, newest first", async () => {
    const answer = await handlers.workspace.modelVersions({ workspaceId: WS, modelName: 'credit-risk' }, ctxOf('bob@contoso.test'));
    expect(() => contract['workspace.modelVersions'].output.parse(answer)).not.toThrow();
    expect(answer.versions.map((v) => v.version).sort()).toEqual(['1', '2', '3']);
    const times = answer.versions.map((v) => Date.parse(v.createdAt ?? ''));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(answer.versions.find((v) => v.version === '3')).toMatchObject({ stage: 'Staging', framework: 'sklearn', description: 'Candidate with debt ratio cap.' });
  });

  it('gives invoke what it needs: auth mode and scoring URI, an AML token, a key endpoint’s keys (shapes only)', async () => {
    const bob = accounts.get('bob@contoso.test')!;
    expect(await workspace.endpoint(bob, WS, 'credit-ep')).toEqual({
      authMode: 'AMLToken',
      scoringUri: 'https://credit-ep.westeurope.inference.ml.azure.com/score',
      swaggerUri: 'https://credit-ep.westeurope.inference.ml.azure.com/swagger.json',
      deployments: expect.arrayContaining(['blue', 'green']) as unknown,
    });
    const token = await workspace.amlToken(bob, WS, 'credit-ep');
    secrets.push(token.accessToken);
    expect(typeof token.accessToken).toBe('string');
    expect(token.accessToken.length).toBeGreaterThan(10);
    expect(token.refreshAfter).toBeLessThanOrEqual(token.expiresAt);
    expect(token.expiresAt).toBeGreaterThan(Date.now()); // ms epoch, not seconds
    const keys = await workspace.endpointKeys(bob, WS, 'sentiment-ep');
    secrets.push(keys.primaryKey, keys.secondaryKey ?? '');
    expect(keys.primaryKey.length).toBeGreaterThan(10);
    expect(keys.secondaryKey === null || keys.secondaryKey.length > 10).toBe(true);
    // The wrong mode for the endpoint: ARM's 400 in Airlock's words.
    await expect(workspace.endpointKeys(bob, WS, 'credit-ep')).rejects.toMatchObject({ code: 'E_UNAVAILABLE', details: { status: 400 } });
  });

  it("keeps ARM's 403 as E_AZURE_FORBIDDEN: bob's role has no getLogs", async () => {
    await expect(handlers.endpoint.logs({ workspaceId: WS, endpointName: 'credit-ep', deploymentName: 'blue', tail: 50 }, ctxOf('bob@contoso.test'))).rejects.toMatchObject({
      code: 'E_AZURE_FORBIDDEN',
      details: { status: 403 },
    });
  });

  it("reads a deployment's log tail as a data scientist", async () => {
    await signIn('alice@contoso.test');
    const tail = await handlers.endpoint.logs({ workspaceId: WS, endpointName: 'sentiment-ep', deploymentName: 'broken', tail: 4 }, ctxOf('alice@contoso.test'));
    expect(() => contract['endpoint.logs'].output.parse(tail)).not.toThrow();
    expect(tail.lines).toBe(4);
    expect(tail.truncated).toBe(false);
    const whole = await handlers.endpoint.logs({ workspaceId: WS, endpointName: 'sentiment-ep', deploymentName: 'broken', tail: 300 }, ctxOf('alice@contoso.test'));
    expect(whole.content).toContain("User's init function failed");
  });

  it('an account without any role gets E_AZURE_FORBIDDEN for the endpoints', async () => {
    await signIn('dave@contoso.test');
    await expect(handlers.endpoint.list({ workspaceId: WS }, ctxOf('dave@contoso.test'))).rejects.toMatchObject({ code: 'E_AZURE_FORBIDDEN', details: { status: 403 } });
  });

  it('never logged a token or a key', () => {
    const text = JSON.stringify(logs.entries);
    expect(text).not.toContain(MARKER);
    for (const secret of secrets.filter(Boolean)) expect(text).not.toContain(secret);
  });
});
