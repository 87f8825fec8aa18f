// The admin policy's effects outside the guard, with the real policy service (Cedar), the real SQLite audit
// trail and fake time (no wall clock): every load and change is a 'policy.loaded' record naming its source
// (never the document), a broken policy too; the idle lock follows idleLockMinutes; retention prunes at start,
// on its schedule and on a policy change, at a checkpoint, so what remains verifies.
import { afterEach, describe, expect, it } from 'vitest';
import { createPolicyService, createTextPolicySource, type PolicyService, type PolicySource } from '../../../electron/services/policy';
import type { AuditTrail } from '../../../electron/services/audit';
import { createMemoryKeychain } from '../../../electron/services/vault';
import { startPolicyEffects, type PolicyEffects } from '../../../electron/services/composition/policy-effects';
import { createFakeTime, createRecordingLogger, type FakeTime } from '../../unit/electron/services/vault/vault-fixtures';
import { event, openTrail, tempFolder } from '../audit/audit-fixtures';

const DAY = 86_400_000;
const MIN = 60_000;
const FILE = '/etc/airlock/policy.yaml';

const policyText = (settings: string): string => `version: 1
environments: ["*"]
tenants: ["*"]
${settings}
rules:
  - id: quiet-rule-7c1
    effect: allow
    actions: ["*"]
`;

/** A machine source whose text the test replaces (then calls reload, as the watcher would). */
function switchableSource(text: string): PolicySource & { set(next: string): void } {
  let current = createTextPolicySource({ text, format: 'yaml', file: FILE, kind: 'file' });
  return {
    info: current.info,
    read: () => current.read(),
    watch: () => () => undefined,
    set(next) {
      current = createTextPolicySource({ text: next, format: 'yaml', file: FILE, kind: 'file' });
    },
  };
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Rig {
  time: FakeTime;
  trail: AuditTrail;
  policy: PolicyService;
  source: ReturnType<typeof switchableSource>;
  applied: number[];
  start(configIdleLockMs?: number): PolicyEffects;
}

async function rig(text: string, options: { machine?: boolean } = {}): Promise<Rig> {
  const time = createFakeTime('2026-01-01T00:00:00.000Z');
  const folder = tempFolder();
  cleanups.push(() => folder.remove());
  const trail = await openTrail(folder.file, createMemoryKeychain(), { clock: time.clock, scheduler: time.scheduler });
  cleanups.push(() => trail.close());
  const source = switchableSource(text);
  const policy = await createPolicyService({ machine: options.machine === false ? null : source, clock: time.clock, watch: false });
  cleanups.push(() => policy.dispose());
  const applied: number[] = [];
  return {
    time,
    trail,
    policy,
    source,
    applied,
    start(configIdleLockMs) {
      const effects = startPolicyEffects({
        policy: Promise.resolve(policy),
        trail: Promise.resolve(trail),
        configIdleLockMs,
        applyIdleLockMs: (ms) => applied.push(ms),
        clock: time.clock,
        scheduler: time.scheduler,
        logger: createRecordingLogger(),
      });
      cleanups.push(() => effects.dispose());
      return effects;
    },
  };
}

const loadedRecords = async (trail: AuditTrail) => (await trail.query({ action: 'policy.loaded' }, { limit: 50 })).records;

describe('policy.loaded records', () => {
  it('records the source at start and each change, a broken policy with its problem line, never the document', async () => {
    const r = await rig(policyText('idleLockMinutes: 5'));
    const effects = r.start();
    await effects.settled();
    let records = await loadedRecords(r.trail);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ kind: 'system', action: 'policy.loaded', resource: 'policy:file', rule: 'ok', accountId: null });
    expect(records[0]!.reason).toContain(`Policy file ${FILE}`);

    r.source.set('version: 1\nrules: []\nidleLockMinutes: lots\n');
    await r.policy.reload();
    await effects.settled();
    records = await loadedRecords(r.trail);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ resource: 'policy:file', rule: 'broken' });
    expect(records[0]!.reason).toContain(`Policy file ${FILE}`);
    expect(records[0]!.reason).toContain(`${FILE}, line 3`);
    expect(r.policy.effective().status).toBe('broken');

    const all = JSON.stringify((await r.trail.query({}, { limit: 500 })).records);
    expect(all).not.toContain('quiet-rule-7c1'); // the document's text stays out of the trail
    expect(all).not.toContain('lots');
    expect(await r.trail.verify()).toMatchObject({ result: 'intact' });
  });

  it('names the built-in default when no machine policy exists', async () => {
    const r = await rig(policyText(''), { machine: false });
    await r.start().settled();
    const [record] = await loadedRecords(r.trail);
    expect(record).toMatchObject({ resource: 'policy:default', rule: 'ok' });
    expect(record!.reason).toContain("Airlock's built-in default");
  });
});

describe('idle lock from the policy', () => {
  it('still follows the policy without a trail (a test gave the guard its own audit port): nothing to record, nothing fails', async () => {
    const r = await rig(policyText('idleLockMinutes: 5'));
    const logger = createRecordingLogger();
    const effects = startPolicyEffects({ policy: Promise.resolve(r.policy), trail: null, configIdleLockMs: 20 * MIN, applyIdleLockMs: (ms) => r.applied.push(ms), clock: r.time.clock, scheduler: r.time.scheduler, logger });
    cleanups.push(() => effects.dispose());
    await effects.settled();
    expect(r.applied).toEqual([5 * MIN]);
    expect(await loadedRecords(r.trail)).toEqual([]); // the trail of the rig was never given to it
    expect(logger.lines.filter((line) => line.includes('"level":"warn"'))).toEqual([]);
  });

  it('uses idleLockMinutes when managed, the configured lock when not, and applies changes to open vaults', async () => {
    const r = await rig(policyText('idleLockMinutes: 5'));
    const effects = r.start(20 * MIN);
    expect(effects.idleLockMs()).toBe(20 * MIN); // before the policy is known: the configuration
    await effects.settled();
    expect(effects.idleLockMs()).toBe(5 * MIN);
    expect(r.applied).toEqual([5 * MIN]);

    r.source.set(policyText('idleLockMinutes: 30'));
    await r.policy.reload();
    await effects.settled();
    expect(r.applied).toEqual([5 * MIN, 30 * MIN]);

    r.source.set(policyText('')); // the organization stops managing it
    await r.policy.reload();
    await effects.settled();
    expect(r.applied.at(-1)).toBe(20 * MIN);
    expect(effects.idleLockMs()).toBe(20 * MIN);
  });

  it('without a configured lock, an unmanaged policy leaves the default (15 minutes)', async () => {
    const r = await rig(policyText(''), { machine: false });
    const effects = r.start();
    await effects.settled();
    expect(effects.idleLockMs()).toBe(15 * MIN);
  });
});

describe('audit retention from the policy', () => {
  /** Appends, then lets the minute pass within which the trail checkpoints (fake time: verify queues behind it). */
  const fillAt = async (r: Rig, from: number, n: number): Promise<void> => {
    for (let i = from; i < from + n; i++) await r.trail.append(event(i));
    r.time.advance(MIN);
    await r.trail.verify();
  };

  it('prunes records older than auditRetentionDays at start and then on its schedule; what remains verifies', async () => {
    const r = await rig(policyText('retention: { auditDays: 30, historyDays: 30 }'));
    await fillAt(r, 0, 60); // 2026-01-01
    r.time.advance(40 * DAY);
    await fillAt(r, 100, 5); // 40 days later: within retention
    const effects = r.start();
    await effects.settled();

    const pruned = (await r.trail.query({ action: 'audit.pruned' }, { limit: 10 })).records;
    expect(pruned).toHaveLength(1);
    const cutoff = new Date(r.time.clock.now().getTime() - 30 * DAY).toISOString();
    const remaining = (await r.trail.query({}, { limit: 500 })).records;
    expect(remaining.filter((rec) => rec.correlationId.startsWith('c-') && rec.time < cutoff)).toEqual([]);
    expect(remaining.filter((rec) => /^c-10[0-4]$/.test(rec.correlationId))).toHaveLength(5);
    expect(await r.trail.verify()).toMatchObject({ result: 'intact' });

    // A month on, the hourly schedule prunes what has aged since.
    r.time.advance(31 * DAY);
    await fillAt(r, 200, 3);
    r.time.advance(60 * MIN);
    await effects.settled();
    const after = (await r.trail.query({}, { limit: 500 })).records;
    expect(after.filter((rec) => /^c-10[0-4]$/.test(rec.correlationId))).toEqual([]);
    expect(after.filter((rec) => /^c-20[0-2]$/.test(rec.correlationId))).toHaveLength(3);
    expect((await r.trail.query({ action: 'audit.pruned' }, { limit: 10 })).records).toHaveLength(2);
    expect(await r.trail.verify()).toMatchObject({ result: 'intact' });
  });

  it('prunes on a policy change that shortens retention, and a broken policy prunes nothing', async () => {
    const r = await rig(policyText('retention: { auditDays: 365, historyDays: 30 }'));
    await fillAt(r, 0, 30);
    r.time.advance(40 * DAY);
    const effects = r.start();
    await effects.settled();
    expect((await r.trail.query({ action: 'audit.pruned' }, { limit: 10 })).records).toEqual([]);

    r.source.set('version: 1\nrules: [\n'); // broken: retention at its longest, nothing pruned
    await r.policy.reload();
    await effects.settled();
    expect((await r.trail.query({ action: 'audit.pruned' }, { limit: 10 })).records).toEqual([]);

    r.source.set(policyText('retention: { auditDays: 30, historyDays: 30 }'));
    await r.policy.reload();
    await effects.settled();
    expect((await r.trail.query({ action: 'audit.pruned' }, { limit: 10 })).records).toHaveLength(1);
    expect((await r.trail.query({ action: 'workspace.models' }, { limit: 500 })).records).toEqual([]);
    expect(await r.trail.verify()).toMatchObject({ result: 'intact' });
  });
});
