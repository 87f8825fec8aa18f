// The Audit screen and Settings → Policy in the states a healthy sandbox never shows, with the audit and policy
// handlers replaced (behind the same guard): a trail that cannot be written, keys in memory only, forwarding
// waiting for its collector, an anomaly hint (a hint, not an error), a list that fails (ErrorPanel, and no
// "No records" claim), Verify's progress, Cancel and a tampered result naming the first bad record, and a
// broken policy naming file and line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditList, VerifyReportView } from '../../../shared/contract/schemas/audit';
import type { PolicyView } from '../../../shared/contract/schemas/policy';
import { AirlockError } from '../../../shared/errors/airlock-error';
import { ensureRendererBuilt } from '../../harness/ensure-built';
import { harnessAirlock, launchHarness, type Harness } from '../../harness/harness';
import type { Airlock } from '../../../electron/services';

let listFails = true;
let pendingVerify: ((report: VerifyReportView) => void) | null = null;
let verifyRuns = 0;
let airlock: Airlock | null = null;
/** What the real verify runner pushes while it runs (the audit.verifyProgress event); the screen polls nothing. */
const pushProgress = () => airlock?.services.events.emit('audit.verifyProgress', { state: 'running', checked: 250_000, total: 1_000_000, report: null });

const report = (over: Partial<VerifyReportView>): VerifyReportView => ({ result: 'intact', checked: 0, total: 1_000_000, first: null, findings: [], unverifiable: [], words: '', ...over });
const TAMPERED = report({
  result: 'tampered',
  checked: 1_000_000,
  first: { seq: 4711, toSeq: 4711, what: 'edited', words: 'Record 4711 was changed.' },
  findings: [{ seq: 4711, toSeq: 4711, what: 'edited', words: 'Record 4711 was changed.' }, { seq: 9000, toSeq: 9010, what: 'deleted', words: 'Records 9000–9010 were deleted.' }],
  unverifiable: [{ fromSeq: 1, toSeq: 120, words: 'Records 1–120 were written while the keys were in memory only.' }],
  words: 'The trail was changed: 2 findings.',
});
const PAGE: AuditList = {
  records: [{ seq: 42, time: '2026-12-03T08:00:00.000Z', kind: 'outcome', correlationId: 'c42', action: 'workspace.list', resource: 'workspace:*', accountId: 'a', username: 'pat@contoso.test', tenantId: 't', environmentId: 'Sandbox', outcome: 'ok', durationMs: 12 }],
  hasOlder: false,
  hasNewer: false,
};
const BROKEN: PolicyView = {
  status: 'broken',
  source: { kind: 'file', location: '/etc/airlock/policy.yaml', label: 'Policy file /etc/airlock/policy.yaml' },
  loadedAt: '2026-12-03T08:00:00.000Z',
  engine: 'cedar 4.13.0',
  problem: '/etc/airlock/policy.yaml, line 7: unknown condition "ip_ranges"',
  documentText: null,
  settings: [{ name: 'idleLockMinutes', label: 'Idle lock', value: '15 minutes', managed: false }],
};

let h: Harness;

beforeAll(async () => {
  await ensureRendererBuilt();
  airlock = harnessAirlock(undefined, [], {}, {
    audit: {
      status: async () => ({
        writable: false,
        reason: 'The disk that holds the audit trail is full.',
        lastSeq: 42,
        keychain: 'memory',
        keychainReason: 'No OS keychain answered.',
        durability: 'process',
        location: '/home/pat/.config/Airlock/audit/audit.db',
        retentionDays: null,
        forwarding: { state: 'waiting', target: 'siem.contoso.test:6514 (CEF)', deliveredSeq: 40, words: 'Forwarding to siem.contoso.test:6514 (CEF): the collector does not answer, 2 records waiting.' },
      }),
      anomalies: async () => ({
        hints: [{ kind: 'repeated-failures', accountId: 'a', username: 'pat@contoso.test', since: '2026-12-03T07:45:00.000Z', summary: '5 failed sign-ins in 15 minutes. A hint only: it blocks nothing by itself.', blocking: false, evidenceSeqs: [3, 4, 5, 6, 7] }],
      }),
      list: async () => (listFails ? Promise.reject(new AirlockError('E_AUDIT_UNAVAILABLE')) : PAGE),
      verify: async () => {
        if (++verifyRuns > 1) return TAMPERED;
        pushProgress();
        return new Promise<VerifyReportView>((resolve) => (pendingVerify = resolve));
      },
      cancelVerify: async () => {
        pendingVerify?.(report({ result: 'aborted', checked: 250_000, words: 'Verify was stopped after 250,000 of 1,000,000 records.' }));
        return { cancelled: true };
      },
    },
    policy: { show: async () => BROKEN },
  });
  h = await launchHarness({ airlock });
  await h.page.getByRole('tab', { name: 'Audit' }).click();
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('Audit screen and Settings → Policy, the hard states (harness, replaced handlers)', () => {
  it('a failing list is an ErrorPanel, never "No records"; Try again loads it', async () => {
    const error = h.page.locator('[data-error-code="E_AUDIT_UNAVAILABLE"]');
    await error.waitFor({ timeout: 30_000 });
    expect(await h.page.getByText(/No records/).count()).toBe(0);
    listFails = false;
    await error.getByRole('button', { name: 'Try again' }).click();
    await h.page.locator('[data-audit-seq="42"]').waitFor();
  });

  it('says plainly that actions are not being recorded, keys are in memory only, forwarding is waiting', async () => {
    expect(await h.page.locator('[data-trail-unwritable]').textContent()).toContain('The disk that holds the audit trail is full.');
    const status = h.page.locator('[data-trail-status]');
    expect(await status.locator('[data-trail-keys]').textContent()).toContain('in memory only');
    expect(await status.locator('[data-trail-keys]').textContent()).toContain('No OS keychain answered.');
    const forwarding = (await status.locator('[data-trail-forwarding]').textContent())!;
    expect(forwarding).toContain('the collector does not answer, 2 records waiting');
    expect(forwarding.split('siem.contoso.test:6514').length - 1).toBe(1); // the target once: the words hold it
    expect(await status.locator('[data-trail-newest]').textContent()).toBe('#42');
    expect(await status.textContent()).toContain('Newest record');
    expect(await status.locator('[data-trail-retention]').textContent()).toBe('unknown'); // as `airlock audit status` says it
  });

  it('shows an anomaly as a hint, not an error', async () => {
    const hint = h.page.locator('[data-anomaly="repeated-failures"]');
    expect(await hint.textContent()).toContain('Hint: Repeated failed sign-ins or step-ups');
    expect(await hint.textContent()).toContain('5 failed sign-ins in 15 minutes.');
    const words = (await hint.textContent())!;
    expect(words.match(/hint only/gi)).toHaveLength(1); // the detector's own sentence, not a second one beside it
    expect(words).not.toContain('nothing is blocked');
    expect(await hint.getAttribute('role')).not.toBe('alert');
  });

  it('Verify shows its progress, Cancel stops it, and the result says so', async () => {
    await h.page.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => h.page.getByText('250,000 of 1,000,000 records checked').count(), { timeout: 10_000 }).toBe(1);
    expect(await h.page.getByRole('button', { name: 'Verify' }).isDisabled()).toBe(true);
    await h.page.getByRole('button', { name: 'Cancel' }).click();
    const result = h.page.locator('[data-verify-result]');
    await result.waitFor();
    expect(await result.getAttribute('data-verify-result')).toBe('aborted');
    expect(await result.textContent()).toContain('Verify was cancelled');
  });

  it('a tampered trail names the first bad record, what happened, the other findings and the unverifiable stretch', async () => {
    await h.page.getByRole('button', { name: 'Verify' }).click();
    const result = h.page.locator('[data-verify-result="tampered"]');
    await result.waitFor({ timeout: 10_000 });
    expect(await result.locator('[data-verify-first]').textContent()).toBe('First bad record: Record 4711 was changed.');
    expect(await result.textContent()).toContain('Records 9000–9010 were deleted.');
    expect(await result.locator('[data-verify-unverifiable]').textContent()).toContain('Records 1–120 were written while the keys were in memory only.');
  });

  it('Settings → Policy says the policy is broken and names file and line', async () => {
    await h.page.getByRole('tab', { name: 'Settings' }).click();
    const broken = h.page.locator('[data-policy-broken]');
    await broken.waitFor({ timeout: 30_000 });
    expect(await broken.locator('[data-policy-problem]').textContent()).toBe('/etc/airlock/policy.yaml, line 7: unknown condition "ip_ranges"');
    expect(await h.page.locator('[data-fact="policy-status"]').textContent()).toBe('Broken');
    expect(await h.page.locator('[data-policy-document]').count()).toBe(0);
  });
});
