// The policy.* and audit.* channels through the guarded door, with the real policy service and the real
// SQLite trail (testAirlock): what Settings → Policy, the Audit screen and `airlock policy|audit` get. And
// with the guard's fakes (no policy service, no trail, so no anomaly detector): a typed E_UNAVAILABLE, never
// an empty answer.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAirlock, createMemoryKeychain, type Airlock } from '../../../../../electron/services';
import { createTextPolicySource } from '../../../../../electron/services/policy';
import { AirlockError } from '../../../../../shared/errors/airlock-error';
import { CHANNEL_EXAMPLES } from '../../../../support/channel-examples';
import { capturingLogger, fixedClock, testAirlock, through } from '../../../../support/test-airlock';

const POLICY = `version: 1
environments: ["*"]
tenants: ["*"]
idleLockMinutes: 10
rules:
  - id: read-everything
    effect: allow
    actions: ["*"]
  - id: no-models
    effect: deny
    actions: [workspace.models]
    reason: Models are not shown on this machine.
`;

/** Every test starts the real Cedar + SQLite stack: a cold start takes seconds on a busy 2-core machine. */
const COLD_START_MS = 30_000;
vi.setConfig({ testTimeout: COLD_START_MS });

let airlock: Airlock | null = null;
afterEach(async () => {
  await airlock?.dispose();
  airlock = null;
});

async function failure(promise: Promise<unknown>): Promise<AirlockError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AirlockError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('policy.show and policy.explain', () => {
  it('shows the effective policy: source, status, settings in words with their managed flag, the document as YAML', async () => {
    airlock = testAirlock({ guard: { policySource: createTextPolicySource({ text: POLICY, format: 'yaml', file: '/etc/airlock/policy.yaml', kind: 'file' }) } });
    const view = await through(airlock).policy.show();
    expect(view).toMatchObject({ status: 'ok', problem: null, source: { kind: 'file', location: '/etc/airlock/policy.yaml' } });
    expect(view.settings.find((s) => s.name === 'idleLockMinutes')).toEqual({ name: 'idleLockMinutes', label: 'Idle lock', value: '10 minutes', managed: true });
    expect(view.settings.find((s) => s.name === 'maxPayloadBytes')).toMatchObject({ managed: false });
    expect(view.settings.map((s) => s.name)).toHaveLength(13);
    expect(view.settings.find((s) => s.name === 'hostKeyFirstUse')).toMatchObject({ label: 'Trust a new jump host key on first use', value: 'Allowed, after you confirm the fingerprint' });
    expect(view.documentText).toContain('id: no-models');
  });

  it('explains a decision: the rule, the rules that matched, the reason and the source', async () => {
    airlock = testAirlock({ guard: { policySource: createTextPolicySource({ text: POLICY, format: 'yaml', file: '/etc/airlock/policy.yaml', kind: 'file' }) } });
    const calls = through(airlock);
    const denied = await calls.policy.explain({ action: 'workspace.models', resource: 'workspace:ws-1' });
    expect(denied).toMatchObject({ effect: 'deny', rule: 'no-models', auditRequired: false });
    expect(denied.source).toContain('/etc/airlock/policy.yaml');
    expect(denied.reason).toContain('Models are not shown');
    expect(denied.matched).toContain('no-models');
    expect(await calls.policy.explain({ action: 'workspace.list', resource: 'workspace:*' })).toMatchObject({ effect: 'allow', rule: 'read-everything' });
  });

  it('refuses an action this Airlock does not have, or a resource without a type, in plain words', async () => {
    airlock = testAirlock();
    const calls = through(airlock);
    expect((await failure(calls.policy.explain({ action: 'workspace.delete', resource: 'workspace:ws-1' }))).code).toBe('E_BAD_REQUEST');
    expect((await failure(calls.policy.explain({ action: 'workspace.list', resource: 'nonsense:x' }))).code).toBe('E_BAD_REQUEST');
  });
});

describe('audit.*', () => {
  it('lists records newest first with paging flags, filters them, and reports the status', async () => {
    airlock = testAirlock();
    const calls = through(airlock);
    await calls.app.info();
    await calls.app.health();
    const page = await calls.audit.list({ limit: 2 });
    expect(page.records).toHaveLength(2);
    expect(page.records[0]!.seq).toBeGreaterThan(page.records[1]!.seq);
    expect(page).toMatchObject({ hasOlder: true, hasNewer: false });
    const decisions = await calls.audit.list({ filter: { action: 'app.info', kind: 'decision' } });
    expect(decisions.records.map((r) => [r.action, r.kind, r.decision])).toEqual([['app.info', 'decision', 'allow']]);
    const status = await calls.audit.status();
    // testAirlock's keychain is the memory one (what preview uses): its keys end with the run, and status says so.
    expect(status).toMatchObject({ writable: true, reason: null, keychain: 'memory', durability: 'process', retentionDays: 365, forwarding: null });
    expect(status.keychainReason).toMatch(/no OS keychain.*only while it runs/);
    expect(status.lastSeq).toBeGreaterThan(4);
  });

  it("says 'keychain' only for a keychain that outlives the run", async () => {
    const memory = createMemoryKeychain();
    const osLike = { ...memory, backend: async () => ({ available: true as const, backend: 'Secret Service' }) };
    airlock = testAirlock({ identity: { keychain: osLike } });
    expect(await through(airlock).audit.status()).toMatchObject({ keychain: 'keychain', keychainReason: null });
  });

  it('refuses before and after together', async () => {
    airlock = testAirlock();
    expect((await failure(through(airlock).audit.list({ before: 10, after: 2 }))).code).toBe('E_BAD_REQUEST');
  });

  it('verifies the trail, keeps the report for progress polling, and says whether a cancel stopped anything', async () => {
    airlock = testAirlock();
    const calls = through(airlock);
    expect(await calls.audit.verifyProgress()).toEqual({ state: 'idle', checked: 0, total: 0, report: null });
    const [a, b] = await Promise.all([calls.audit.verify(), calls.audit.verify()]);
    expect(a).toMatchObject({ result: 'intact', first: null });
    expect(b).toEqual(a); // the second call joined the first run
    expect(await calls.audit.verifyProgress()).toMatchObject({ state: 'done', report: { result: 'intact' } });
    expect(await calls.audit.cancelVerify()).toEqual({ cancelled: false });
  });

  it('exports to the host port (default <userData>/exports/) with the checkpoint; the request names no path', async () => {
    airlock = testAirlock();
    const calls = through(airlock);
    await calls.app.info();
    const result = await calls.audit.export({ format: 'csv', filter: { action: 'app.info' } });
    expect(result).toMatchObject({ saved: true, format: 'csv', records: 2 });
    const folder = path.join(airlock.ports.identity.userDataDir, 'exports');
    expect(result.file).toBe(path.join(folder, readdirSync(folder)[0]!));
    expect(readdirSync(folder)).toEqual([expect.stringMatching(/^airlock-audit-\d{8}-\d{6}\.csv$/)]);
    expect(readFileSync(result.file!, 'utf8')).toContain('app.info');
  });

  it('a cancelled save dialog writes nothing', async () => {
    const userDataDir = mkdtempSync(path.join(tmpdir(), 'airlock-export-'));
    airlock = createAirlock(
      { runtime: { version: '0.1.0', build: 'development', runtime: 'node', platform: 'linux', arch: 'x64' } },
      { clock: fixedClock(), logger: capturingLogger(), identity: { openBrowser: async () => undefined, keychain: createMemoryKeychain(), userDataDir }, guard: { policySource: null }, auditExportTarget: async () => null },
    );
    expect(await through(airlock).audit.export({ format: 'jsonl' })).toEqual({ saved: false, file: null, format: 'jsonl', records: 0, checkpointSeq: null });
    expect(readdirSync(userDataDir)).not.toContain('exports');
  });

  it('anomaly hints come from the detector over the trail (a fresh trail has none)', async () => {
    airlock = testAirlock();
    expect(await through(airlock).audit.anomalies()).toEqual({ hints: [] });
  });
});

describe('planted tokens', () => {
  const JWT = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJsZWFrLW1hcmtlciJ9.c2lnbmF0dXJlLWxlYWstbWFya2VyLTAxMjM0NTY3ODk';

  it('a token a caller put in a request never comes back from the audit channels or their export file', async () => {
    airlock = testAirlock();
    const calls = through(airlock);
    await calls.policy.explain({ action: 'workspace.models', resource: `workspace:${JWT}` }).catch(() => undefined);
    await calls.audit.list({ filter: { resource: `workspace:${JWT}` } }).catch(() => undefined);
    const answers = [
      await calls.audit.list({}),
      await calls.audit.status(),
      await calls.audit.verify(),
      await calls.audit.verifyProgress(),
      await calls.policy.show(),
    ];
    const exported = await calls.audit.export({ format: 'cef' });
    const text = JSON.stringify(answers) + readFileSync(exported.file!, 'utf8');
    expect(text).toContain('policy.explain');
    expect(text).not.toContain(JWT);
    expect(text).not.toContain('leak-marker');
  });
});

describe('without the policy service or the trail (the guard was given fakes)', () => {
  it.each(['policy.show', 'policy.explain', 'audit.status', 'audit.list', 'audit.verify', 'audit.verifyProgress', 'audit.cancelVerify', 'audit.export', 'audit.anomalies'] as const)('%s answers a typed E_UNAVAILABLE', async (channel) => {
    airlock = testAirlock({ guard: { policy: { decide: () => ({ effect: 'allow', rule: 't', reason: 'test', auditRequired: false }) }, audit: { append: async () => ({ seq: 1 }) } } });
    const result = await airlock.inProcess('test').call(channel, structuredClone(CHANNEL_EXAMPLES[channel]));
    expect(result).toMatchObject({ ok: false, error: { code: 'E_UNAVAILABLE' } });
  });
});
