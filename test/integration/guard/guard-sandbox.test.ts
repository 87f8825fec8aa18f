// The guard against the whole sandbox (IdP + ARM), with a real admin policy (a text source compiled to
// Cedar) and the real audit trail: the request context carries the signed-in account and the MFA facts of its
// tokens (acrs c1 once a step-up answered a claims challenge); a policy rule denies one workspace by name and
// reason without ARM being asked; an ARM 403 (an Azure role) stays E_AZURE_FORBIDDEN — allowed by policy,
// refused by Azure — and both land in the trail as different records.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAirlock, createMemoryKeychain, loadEnvironmentFile, type Airlock } from '../../../electron/services';
import type { RequestContext } from '../../../electron/services/guard';
import { createPolicyService, createTextPolicySource, type PolicyService } from '../../../electron/services/policy';
import { startSandbox, type RunningSandbox } from '../../../sandbox/start-sandbox';
import { AirlockError } from '../../../shared/errors/airlock-error';
import { createScriptedBrowser } from '../../support/sandbox/scripted-browser';
import { capturingLogger, fixedClock, through } from '../../support/test-airlock';

const SUB = '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const wsId = (name: string) => `/subscriptions/${SUB}/resourceGroups/rg-ml-private/providers/Microsoft.MachineLearningServices/workspaces/${name}`;

const POLICY = `version: 1
environments: ["*"]
tenants: ["*"]
rules:
  - id: everything-else
    effect: allow
    actions: ["*"]
  - id: no-research-models
    effect: deny
    actions: ["workspace.models"]
    resources: ["workspace:*/ws-research-open"]
    reason: Models of the open research workspace are not to be read from managed computers.
`;

let sandbox: RunningSandbox;
let airlock: Airlock;
let policy: PolicyService;
let stateDir: string;
let who = 'bob@contoso.test';
const decided: RequestContext[] = [];
const logs = capturingLogger();

beforeAll(async () => {
  stateDir = await mkdtemp(path.join(tmpdir(), 'airlock-guard-'));
  sandbox = await startSandbox({ stateDir: path.join(stateDir, 'sandbox') });
  const { seed, ca, now } = sandbox.context;
  const browsers = new Map(seed.users.map((u) => [u.username, createScriptedBrowser({ caPem: ca.certPem, user: u, now })]));
  policy = await createPolicyService({ machine: createTextPolicySource({ text: POLICY, format: 'yaml', file: '/etc/airlock/policy.yaml', kind: 'file' }) });
  airlock = createAirlock(
    { runtime: { version: '0.1.0', build: 'development', runtime: 'node', platform: 'linux', arch: 'x64' }, extraEnvironments: [await loadEnvironmentFile(sandbox.environmentPath)] },
    {
      clock: fixedClock(),
      logger: logs,
      identity: { openBrowser: (url) => browsers.get(who)!.openBrowser(url), keychain: createMemoryKeychain(), userDataDir: path.join(stateDir, 'userdata') },
      // The real policy service, watched: every context it is asked about is kept.
      guard: { policy: { decide: (ctx) => (decided.push(ctx), policy.decide(ctx)) } },
    },
  );
}, 60_000);

afterAll(async () => {
  await airlock?.dispose();
  policy?.dispose();
  await sandbox?.stop();
  await rm(stateDir, { recursive: true, force: true });
});

const lastContext = (channel: string) => decided.filter((c) => c.channel === channel).at(-1);
const calls = () => through(airlock);

describe('the guard against the sandbox', () => {
  it('decides sign-in on the environment, then names the signed-in account and its MFA facts in every later context', async () => {
    await calls().auth.signIn({ environmentId: 'Sandbox', method: 'browser' });
    const signIns = decided.filter((c) => c.channel === 'auth.signIn');
    expect(signIns[0]).toMatchObject({ resource: { type: 'environment', id: 'Sandbox' }, account: null, environmentId: 'Sandbox', host: 'test' });
    // Decided again with the account it produced (its tenant is known only now): the same call, kept.
    expect(signIns[1]).toMatchObject({ correlationId: signIns[0]!.correlationId, account: { username: 'bob@contoso.test', environmentId: 'Sandbox' } });
    await calls().workspace.list();
    const ctx = lastContext('workspace.list')!;
    expect(ctx).toMatchObject({ account: { username: 'bob@contoso.test', environmentId: 'Sandbox' }, environmentId: 'Sandbox', resource: { type: 'workspace', id: '*' } });
    expect(ctx.mfa.amr).toContain('pwd');
    expect(ctx.mfa.satisfied).toBe(false);
  });

  it("after a step-up for a workspace's auth context, the context shows MFA (amr mfa, acrs c1)", async () => {
    const error = (await calls().workspace.models({ workspaceId: wsId('ws-fraud-restricted') }).catch((e: unknown) => e)) as AirlockError;
    expect(error).toMatchObject({ code: 'E_STEP_UP_REQUIRED' });
    await calls().auth.stepUp({ stepUpId: String(error.details?.['stepUpId']) });
    await calls().workspace.models({ workspaceId: wsId('ws-fraud-restricted') });
    const ctx = lastContext('workspace.models')!;
    expect(ctx.resource).toEqual({ type: 'workspace', id: wsId('ws-fraud-restricted') });
    expect(ctx.mfa).toMatchObject({ satisfied: true });
    expect(ctx.mfa.amr).toContain('mfa');
    expect(ctx.mfa.acrs).toContain('c1');
  });

  it("denies by the admin's rule, naming it and its reason, and records the denial", async () => {
    const denied = (await calls().workspace.models({ workspaceId: wsId('ws-research-open') }).catch((e: unknown) => e)) as AirlockError;
    expect(denied).toMatchObject({ code: 'E_POLICY_DENIED', details: { rule: 'no-research-models', source: 'policy' } });
    expect(denied.message).toContain('Models of the open research workspace are not to be read from managed computers.');
    expect(denied.hint).toContain("'no-research-models'");
    const { records } = await (await airlock.services.audit!).query({ action: 'workspace.models' }, { limit: 2 });
    expect(records.map((r) => [r.kind, r.decision ?? r.errorCode, r.rule ?? null])).toEqual([
      ['outcome', 'E_POLICY_DENIED', null],
      ['decision', 'deny', 'no-research-models'],
    ]);
  });

  it("an Azure role refusal (ARM 403) is allowed by policy and refused by Azure: E_AZURE_FORBIDDEN, recorded as Azure's outcome", async () => {
    who = 'dave@contoso.test'; // no role anywhere
    const dave = await calls().auth.signIn({ environmentId: 'Sandbox', method: 'browser' });
    await calls().auth.switchAccount({ accountId: dave.accountId });
    const refused = (await calls().workspace.models({ workspaceId: wsId('ws-credit-private') }).catch((e: unknown) => e)) as AirlockError;
    expect(refused).toMatchObject({ code: 'E_AZURE_FORBIDDEN', details: { status: 403 } });
    expect(refused.message).not.toMatch(/policy/i);
    const { records } = await (await airlock.services.audit!).query({ action: 'workspace.models' }, { limit: 2 });
    expect(records.map((r) => [r.kind, r.decision ?? r.errorCode, r.username])).toEqual([
      ['outcome', 'E_AZURE_FORBIDDEN', 'dave@contoso.test'],
      ['decision', 'allow', 'dave@contoso.test'],
    ]);
  });

  it('left a trail that verifies', async () => {
    expect(await (await airlock.services.audit!).verify()).toMatchObject({ result: 'intact' });
  });
});
