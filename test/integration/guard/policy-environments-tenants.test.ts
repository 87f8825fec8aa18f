// The admin policy's allowed environments and tenants, end to end against the sandbox (IdP on loopback) with
// the real policy service and audit trail: sign-in to an environment the policy does not allow is denied
// before any browser opens — also while an account of an allowed environment is active — and an account of a
// tenant the policy does not allow is signed out again at once: its tokens do not stay, the call answers
// E_POLICY_DENIED naming the tenants rule, and the trail records the denial with that account.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAirlock, createMemoryKeychain, loadEnvironmentFile, type Airlock } from '../../../electron/services';
import type { Environment } from '../../../electron/services/environments';
import type { AuditAppender, AuditEvent } from '../../../electron/services/guard';
import { createPolicyService, createTextPolicySource, type PolicyService } from '../../../electron/services/policy';
import { startSandbox, type RunningSandbox } from '../../../sandbox/start-sandbox';
import { AirlockError } from '../../../shared/errors/airlock-error';
import { createScriptedBrowser } from '../../support/sandbox/scripted-browser';
import { capturingLogger, fixedClock, through } from '../../support/test-airlock';

const OTHER_TENANT = '0b9d2c4e-1f3a-4b5c-8d6e-7f8091a2b3c4';

const policyText = (environments: string, tenants: string): string => `version: 1
environments: ${environments}
tenants: ${tenants}
rules:
  - id: everything-else
    effect: allow
    actions: ["*"]
`;

let sandbox: RunningSandbox;
let stateDir: string;
let sandboxEnv: Environment;
let browserOpens = 0;
const opened: Array<{ airlock: Airlock; policy: PolicyService }> = [];

beforeAll(async () => {
  stateDir = await mkdtemp(path.join(tmpdir(), 'airlock-env-tenant-'));
  sandbox = await startSandbox({ stateDir: path.join(stateDir, 'sandbox') });
  sandboxEnv = await loadEnvironmentFile(sandbox.environmentPath);
}, 60_000);

afterEach(async () => {
  for (const { airlock, policy } of opened.splice(0)) {
    await airlock.dispose();
    policy.dispose();
  }
});

afterAll(async () => {
  await sandbox?.stop();
  await rm(stateDir, { recursive: true, force: true });
});

/** An Airlock whose guard decides with `text`; a second environment (a copy of the sandbox's, also on loopback). */
async function airlockWith(text: string, audit?: AuditAppender): Promise<Airlock> {
  const { seed, ca, now } = sandbox.context;
  const bob = seed.users.find((u) => u.username === 'bob@contoso.test')!;
  const browser = createScriptedBrowser({ caPem: ca.certPem, user: bob, now });
  const policy = await createPolicyService({ machine: createTextPolicySource({ text, format: 'yaml', file: '/etc/airlock/policy.yaml', kind: 'file' }) });
  const copy: Environment = { ...sandboxEnv, id: 'SandboxCopy', displayName: 'Sandbox copy' };
  const airlock = createAirlock(
    { runtime: { version: '0.1.0', build: 'development', runtime: 'node', platform: 'linux', arch: 'x64' }, extraEnvironments: [sandboxEnv, copy] },
    {
      clock: fixedClock(),
      logger: capturingLogger(),
      identity: {
        openBrowser: (url) => (browserOpens++, browser.openBrowser(url)),
        keychain: createMemoryKeychain(),
        userDataDir: await mkdtemp(path.join(stateDir, 'userdata-')),
      },
      guard: { policy, ...(audit ? { audit } : {}) },
    },
  );
  opened.push({ airlock, policy });
  return airlock;
}

describe('allowed environments and tenants', () => {
  it('denies sign-in to an environment the policy does not allow, before any browser opens', async () => {
    const airlock = await airlockWith(policyText('[AzureCloud]', '["*"]'));
    const before = browserOpens;
    const denied = (await through(airlock).auth.signIn({ environmentId: 'Sandbox', method: 'browser' }).catch((e: unknown) => e)) as AirlockError;
    expect(denied).toMatchObject({ code: 'E_POLICY_DENIED', details: { rule: 'airlock-environments', source: 'policy' } });
    expect(browserOpens).toBe(before);
  });

  it('denies sign-in to a disallowed environment while an account of an allowed one is active', async () => {
    const airlock = await airlockWith(policyText('[Sandbox]', '["*"]'));
    await through(airlock).auth.signIn({ environmentId: 'Sandbox', method: 'browser' });
    const before = browserOpens;
    const denied = (await through(airlock).auth.signIn({ environmentId: 'SandboxCopy', method: 'browser' }).catch((e: unknown) => e)) as AirlockError;
    expect(denied).toMatchObject({ code: 'E_POLICY_DENIED', details: { rule: 'airlock-environments' } });
    expect(browserOpens).toBe(before);
    expect((await through(airlock).auth.accounts()).accounts.map((a) => a.environmentId)).toEqual(['Sandbox']);
  });

  it('signs an account of a disallowed tenant out again at once and says which rule', async () => {
    const airlock = await airlockWith(policyText('["*"]', `["${OTHER_TENANT}"]`));
    const denied = (await through(airlock).auth.signIn({ environmentId: 'Sandbox', method: 'browser' }).catch((e: unknown) => e)) as AirlockError;
    expect(denied).toMatchObject({ code: 'E_POLICY_DENIED', details: { rule: 'airlock-tenants', source: 'policy' } });
    expect(denied.message).toContain(sandbox.context.seed.tenant.id);
    expect(await through(airlock).auth.accounts()).toEqual({ accounts: [], activeAccountId: null });
    expect(await through(airlock).auth.session()).toMatchObject({ account: null, tokens: [] });

    const trail = await airlock.services.audit!;
    const { records } = await trail.query({ action: 'auth.signIn' }, { limit: 5 });
    expect(records.map((r) => [r.kind, r.decision ?? r.errorCode, r.rule ?? null, r.tenantId])).toEqual([
      ['outcome', 'E_POLICY_DENIED', null, null],
      ['decision', 'deny', 'airlock-tenants', sandbox.context.seed.tenant.id],
      ['decision', 'allow', 'everything-else', null],
    ]);
    expect(await trail.verify()).toMatchObject({ result: 'intact' });
  });

  it('signs the denied account out before it records the denial (a slow trail keeps no denied account meanwhile)', async () => {
    let airlock: Airlock | null = null;
    const seenAtRecord: unknown[] = [];
    const recorded: AuditEvent[] = [];
    const appender: AuditAppender = {
      async append(event) {
        if (event.kind === 'decision' && event.decision === 'deny') seenAtRecord.push((await airlock!.services.auth.accounts()).map((a) => a.accountId));
        recorded.push(event);
        return { seq: recorded.length };
      },
    };
    airlock = await airlockWith(policyText('["*"]', `["${OTHER_TENANT}"]`), appender);
    const denied = (await through(airlock).auth.signIn({ environmentId: 'Sandbox', method: 'browser' }).catch((e: unknown) => e)) as AirlockError;
    expect(denied).toMatchObject({ code: 'E_POLICY_DENIED', details: { rule: 'airlock-tenants' } });
    expect(seenAtRecord).toEqual([[]]);
    expect(recorded.filter((e) => e.decision === 'deny').map((e) => [e.rule, e.tenantId])).toEqual([['airlock-tenants', sandbox.context.seed.tenant.id]]);
  });

  it('wipes the environment\'s vault when signing the denied account out fails, and still answers E_POLICY_DENIED', async () => {
    const airlock = await airlockWith(policyText('["*"]', `["${OTHER_TENANT}"]`));
    vi.spyOn(airlock.services.auth, 'signOut').mockRejectedValue(new AirlockError('E_UNAVAILABLE'));
    const denied = (await through(airlock).auth.signIn({ environmentId: 'Sandbox', method: 'browser' }).catch((e: unknown) => e)) as AirlockError;
    expect(denied).toMatchObject({ code: 'E_POLICY_DENIED', details: { rule: 'airlock-tenants', source: 'policy' } });
    // No token of it stays: not in MSAL's memory, not in the vault, not as the session's active account.
    expect(await airlock.services.auth.accounts()).toEqual([]);
    expect(airlock.services.session.activeAccount()).toBeNull();
    expect(await through(airlock).auth.session()).toMatchObject({ account: null, tokens: [] });
    const { records } = await (await airlock.services.audit!).query({ action: 'auth.signIn' }, { limit: 5 });
    expect(records.filter((r) => r.kind === 'decision' && r.decision === 'deny').map((r) => r.rule)).toEqual(['airlock-tenants']);
  });
});
