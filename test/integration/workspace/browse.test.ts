// Browsing as a signed-in user, through the real composition root against the whole sandbox (IdP + ARM):
// workspaces across subscriptions, models in one, and a workspace protected by auth context c1 whose
// claims challenge becomes a step-up that, once answered with MFA, lets the same call through.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAirlock, createMemoryKeychain, loadEnvironmentFile, type Airlock } from '../../../electron/services';
import { startSandbox, type RunningSandbox } from '../../../sandbox/start-sandbox';
import { AirlockError } from '../../../shared/errors/airlock-error';
import { createScriptedBrowser } from '../../support/sandbox/scripted-browser';
import { capturingLogger, fixedClock, through } from '../../support/test-airlock';

const MARKER = 'PLANTEDBROWSEMARKER31';
const SUB = '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const wsId = (name: string) => `/subscriptions/${SUB}/resourceGroups/rg-ml-private/providers/Microsoft.MachineLearningServices/workspaces/${name}`;

let sandbox: RunningSandbox;
let airlock: Airlock;
let stateDir: string;
const logs = capturingLogger();
const seen: unknown[] = [];
let who = 'bob@contoso.test';
/** The sandbox's clock (its ARM checks token times with it) against this process's: moved to play skew. */
let sandboxSkewMs = 0;

beforeAll(async () => {
  stateDir = await mkdtemp(path.join(tmpdir(), 'airlock-browse-'));
  sandbox = await startSandbox({ stateDir: path.join(stateDir, 'sandbox'), tokenMarker: MARKER, now: () => new Date(Date.now() + sandboxSkewMs) });
  const { seed, ca, now } = sandbox.context;
  const browsers = new Map(seed.users.map((u) => [u.username, createScriptedBrowser({ caPem: ca.certPem, user: u, now })]));
  airlock = createAirlock(
    { runtime: { version: '0.1.0', build: 'development', runtime: 'node', platform: 'linux', arch: 'x64' }, extraEnvironments: [await loadEnvironmentFile(sandbox.environmentPath)] },
    {
      clock: fixedClock(),
      logger: logs,
      identity: { openBrowser: (url) => browsers.get(who)!.openBrowser(url), keychain: createMemoryKeychain(), userDataDir: path.join(stateDir, 'userdata') },
    },
  );
}, 60_000);

afterAll(async () => {
  await airlock?.dispose();
  await sandbox?.stop();
  await rm(stateDir, { recursive: true, force: true });
});

/** Calls a handler the way the IPC gateway does, keeping whatever it returned or threw for the leak scan. */
async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    const value = await run();
    seen.push(value);
    return value;
  } catch (thrown) {
    seen.push(thrown instanceof AirlockError ? thrown.toShape() : String(thrown));
    throw thrown;
  }
}

describe('browse workspaces and models (whole sandbox)', () => {
  it('asks for sign-in before anything is read', async () => {
    await expect(call(() => through(airlock).workspace.list())).rejects.toMatchObject({ code: 'E_AUTH_REQUIRED' });
  });

  it('lists the workspaces bob can see, marking the private ones', async () => {
    who = 'bob@contoso.test';
    await call(() => through(airlock).auth.signIn({ environmentId: 'Sandbox', method: 'browser' }));
    const { workspaces } = await call(() => through(airlock).workspace.list());
    expect(workspaces.map((w) => w.name).sort()).toEqual(['ws-credit-private', 'ws-fraud-restricted', 'ws-research-open']);
    expect(workspaces.find((w) => w.name === 'ws-fraud-restricted')).toMatchObject({ id: wsId('ws-fraud-restricted'), publicNetworkAccess: 'Disabled', resourceGroup: 'rg-ml-private' });
  });

  it('lists the models of an ordinary workspace without asking for more', async () => {
    const { models } = await call(() => through(airlock).workspace.models({ workspaceId: wsId('ws-credit-private') }));
    expect(models.length).toBeGreaterThan(0);
    expect(models[0]).toMatchObject({ name: expect.any(String) as unknown, latestVersion: expect.any(String) as unknown });
  });

  it("gives each model the columns Azure ML studio shows, from the sandbox ARM's model containers and latest versions", async () => {
    const { models } = await call(() => through(airlock).workspace.models({ workspaceId: wsId('ws-credit-private') }));
    const byName = new Map(models.map((m) => [m.name, m]));
    expect(byName.get('credit-risk')).toMatchObject({ latestVersion: '3', modelType: 'mlflow_model', framework: 'sklearn', stage: 'Staging', description: 'Logistic regression over six applicant features.' });
    expect(byName.get('credit-risk')?.tags).toEqual(expect.arrayContaining([{ key: 'team', value: 'risk' }, { key: 'auc', value: '0.85' }]));
    expect(byName.get('sentiment')).toMatchObject({ latestVersion: '1', modelType: 'custom_model', framework: null, stage: 'Production' });
    for (const m of models) {
      expect(Date.parse(m.createdAt ?? '')).not.toBeNaN();
      expect(Date.parse(m.modifiedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(m.createdAt ?? ''));
    }
  });

  it('turns the protected workspace claims challenge into a step-up; answered with MFA, the retry succeeds', async () => {
    const error = await call(() => through(airlock).workspace.models({ workspaceId: wsId('ws-fraud-restricted') })).then(
      () => new AirlockError('E_INTERNAL', { message: 'expected a step-up' }),
      (e: unknown) => e as AirlockError,
    );
    expect(error).toMatchObject({ code: 'E_STEP_UP_REQUIRED', details: { resource: 'Azure Resource Manager', reason: 'claims-challenge', authContext: 'c1' } });
    const stepped = await call(() => through(airlock).auth.stepUp({ stepUpId: String(error.details?.['stepUpId']) }));
    expect(stepped).toMatchObject({ username: 'bob@contoso.test' });
    expect(stepped.authMethods).toContain('mfa');
    const { models } = await call(() => through(airlock).workspace.models({ workspaceId: wsId('ws-fraud-restricted') }));
    expect(models.map((m) => m.name).sort()).toEqual(['aml-graph-scorer', 'fraud-detector']);
  });

  it('says plainly when the workspace does not exist', async () => {
    await expect(call(() => through(airlock).workspace.models({ workspaceId: wsId('ws-nope') }))).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
  });

  it('names what is missing: an endpoint, a model (not "the item you asked for")', async () => {
    const ws = wsId('ws-credit-private');
    await expect(call(() => through(airlock).endpoint.detail({ workspaceId: ws, endpointName: 'nope-ep' }))).rejects.toMatchObject({
      code: 'E_NOT_FOUND',
      message: 'The workspace ws-credit-private has no online endpoint named nope-ep, or your account cannot see it.',
    });
    await expect(call(() => through(airlock).workspace.modelVersions({ workspaceId: ws, modelName: 'no-such-model' }))).rejects.toMatchObject({
      code: 'E_NOT_FOUND',
      message: 'The workspace ws-credit-private has no model named no-such-model, or your account cannot see it.',
    });
  });

  it('shows an account without any role no workspaces (not an error)', async () => {
    who = 'dave@contoso.test';
    const dave = await call(() => through(airlock).auth.signIn({ environmentId: 'Sandbox', method: 'browser' }));
    await call(() => through(airlock).auth.switchAccount({ accountId: dave.accountId }));
    const result = await call(() => through(airlock).workspace.list()).catch((e: unknown) => e as AirlockError);
    expect(result).toEqual({ workspaces: [] });
  });

  it('when ARM and the token disagree about the time even after a renewal, says to check the clock', async () => {
    sandboxSkewMs = 3 * 3_600_000; // ARM's clock three hours ahead of when the tokens were minted
    try {
      const error = await call(() => through(airlock).workspace.list()).catch((e: unknown) => e as AirlockError);
      expect(error).toMatchObject({ code: 'E_AUTH_REQUIRED', details: { reason: 'expired' } });
      expect((error as AirlockError).hint).toContain('date, time and time zone');
      expect(logs.entries.filter((e) => e.event === 'workspace.token_rejected')).toHaveLength(1); // renewed once, then stopped
    } finally {
      sandboxSkewMs = 0;
    }
    await expect(call(() => through(airlock).workspace.list())).resolves.toMatchObject({ workspaces: [] });
  });

  it('never returned or logged a token', () => {
    const text = JSON.stringify(seen) + JSON.stringify(logs.entries);
    expect(text).not.toContain(MARKER);
    expect(/eyJ[A-Za-z0-9_-]{10,}\.eyJ/.test(text)).toBe(false);
    expect(logs.entries.map((e) => e.event)).toEqual(expect.arrayContaining(['workspace.listed', 'auth.step_up_required']) as unknown);
  });
});
