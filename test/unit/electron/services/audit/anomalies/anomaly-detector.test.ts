// Anomaly hints from the audit trail: history read once at start (through the trail's query, paged), then
// kept up to date from each appended record. A fake clock and a fake trail (this file): nothing here reads the
// wall clock. Times are in UTC (the detector is given the zone).
import { afterEach, describe, expect, it } from 'vitest';
import { createAnomalyDetector, type AnomalyDetector, type ObservedRecord } from '../../../../../../electron/services/audit';
import type { AuditFilter, AuditPage, AuditPageRequest, AuditRecord } from '../../../../../../electron/services/audit';
import { fixedClock } from '../../../../../support/test-airlock';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Wednesday 2026-11-25 10:00 UTC.
const NOW = '2026-11-25T10:00:00.000Z';
const T0 = Date.parse(NOW);
const ANA = 'oid-ana.tid';

type Fields = Partial<Omit<AuditRecord, 'seq' | 'time'>>;

/** A fake trail: records in memory, the query's `from` filter and keyset paging (newest first). */
function fakeTrail(options: { gate?: Promise<void> } = {}) {
  const records: AuditRecord[] = [];
  let queries = 0;
  return {
    records,
    queries: () => queries,
    add(at: number, fields: Fields): AuditRecord {
      const record: AuditRecord = {
        kind: 'decision',
        correlationId: `c${records.length + 1}`,
        action: 'workspace.list',
        resource: 'workspace:*',
        accountId: ANA,
        username: 'ana@contoso.test',
        tenantId: 'tid',
        environmentId: 'Sandbox',
        decision: 'allow',
        route: 'none',
        addresses: ['10.1.2.3'],
        ...fields,
        seq: records.length + 1,
        time: new Date(at).toISOString(),
      };
      records.push(record);
      return record;
    },
    async query(filter: AuditFilter, page: AuditPageRequest): Promise<AuditPage> {
      queries += 1;
      if (options.gate) await options.gate;
      const matching = records.filter((r) => (filter.from === undefined || r.time >= filter.from) && (page.before === undefined || r.seq < page.before)).sort((a, b) => b.seq - a.seq);
      return { records: matching.slice(0, page.limit), hasOlder: matching.length > page.limit, hasNewer: false };
    },
  };
}

const detectors: AnomalyDetector[] = [];
afterEach(() => {
  for (const d of detectors.splice(0)) d.dispose();
});

function detect(trail: ReturnType<typeof fakeTrail>, blocking: readonly string[] = []) {
  const clock = fixedClock(NOW);
  const detector = createAnomalyDetector({ trail, clock, policyBlocking: () => blocking, timeZone: 'UTC' });
  detectors.push(detector);
  return { clock, detector };
}

/** An event as the guard appends it: no time (the detector's clock says when). */
function appended(seq: number, fields: Fields): ObservedRecord {
  return { kind: 'decision', action: 'workspace.list', accountId: ANA, username: 'ana@contoso.test', decision: 'allow', route: 'none', addresses: ['10.1.2.3'], ...fields, seq };
}

const failedSignIn = (seq: number, code = 'E_AUTH_REQUIRED'): ObservedRecord =>
  appended(seq, { kind: 'outcome', action: 'auth.signIn', accountId: null, username: null, outcome: 'error', errorCode: code, decision: undefined });

/** Ana works weekdays 09:00-17:00 UTC, a call every 20 minutes, for the `days` days before today. */
function officeHistory(trail: ReturnType<typeof fakeTrail>, days = 28, extra: Fields = {}) {
  for (let d = days; d >= 1; d -= 1) {
    const dayStart = T0 - 10 * HOUR - d * DAY;
    const weekday = new Date(dayStart).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    for (let m = 9 * 60; m < 17 * 60; m += 20) trail.add(dayStart + m * MINUTE, extra);
  }
}

describe('repeated-failures', () => {
  it('five failed sign-ins within 15 minutes raise it for nobody-signed-in; refusals by policy, network failures, timeouts and internal errors do not count', async () => {
    const { clock, detector } = detect(fakeTrail());
    await detector.ready;
    for (let seq = 1; seq <= 4; seq += 1) {
      detector.observe(failedSignIn(seq));
      clock.advance(MINUTE);
    }
    detector.observe(failedSignIn(5, 'E_POLICY_DENIED'));
    detector.observe(failedSignIn(6, 'E_UNAVAILABLE'));
    detector.observe(failedSignIn(8, 'E_TIMEOUT'));
    detector.observe(failedSignIn(9, 'E_INTERNAL'));
    expect(detector.activeFor(null)).toEqual([]);
    detector.observe(failedSignIn(7));
    expect(detector.activeFor(null)).toEqual(['repeated-failures']);
    expect(detector.activeFor(ANA)).toEqual([]);
    const [hint] = await detector.hints();
    expect(hint).toMatchObject({ kind: 'repeated-failures', accountId: null, username: null, blocking: false, evidenceSeqs: [1, 2, 3, 4, 7], since: NOW });
    expect(hint?.summary).toMatch(/5 failed sign-ins, step-ups or unlocks within 4 minutes/);
  });

  it('counts failed step-ups and unlocks of an account; ends 15 minutes after, yet stays listed for a day', async () => {
    const { clock, detector } = detect(fakeTrail());
    await detector.ready;
    const actions = ['auth.stepUp', 'auth.unlock', 'auth.stepUp', 'auth.signIn', 'auth.unlock'];
    actions.forEach((action, i) => detector.observe(appended(i + 1, { kind: 'outcome', action, outcome: 'error', errorCode: 'E_AUTH_REQUIRED' })));
    detector.observe(appended(6, { kind: 'outcome', action: 'workspace.list', outcome: 'error', errorCode: 'E_AUTH_REQUIRED' }));
    expect(detector.activeFor(ANA)).toEqual(['repeated-failures']);
    clock.advance(15 * MINUTE + 1);
    expect(detector.activeFor(ANA)).toEqual([]);
    expect((await detector.hints()).map((h) => [h.kind, h.accountId, h.blocking])).toEqual([['repeated-failures', ANA, false]]);
    clock.advance(DAY);
    expect(await detector.hints()).toEqual([]);
  });

  it('is marked blocking while active when the policy blocks it', async () => {
    const { clock, detector } = detect(fakeTrail(), ['repeated-failures']);
    await detector.ready;
    for (let seq = 1; seq <= 5; seq += 1) detector.observe(failedSignIn(seq));
    expect((await detector.hints())[0]?.blocking).toBe(true);
    expect((await detector.hints())[0]?.summary).toMatch(/policy/);
    clock.advance(16 * MINUTE);
    expect((await detector.hints())[0]?.blocking).toBe(false);
  });

  it('of two stretches of failures the same day, only the one going on now is blocking', async () => {
    const { clock, detector } = detect(fakeTrail(), ['repeated-failures']);
    await detector.ready;
    for (let seq = 1; seq <= 5; seq += 1) detector.observe(failedSignIn(seq));
    clock.advance(2 * HOUR);
    for (let seq = 6; seq <= 10; seq += 1) detector.observe(failedSignIn(seq));
    const hints = await detector.hints();
    expect(hints.map((h) => [h.evidenceSeqs[0], h.blocking])).toEqual([
      [6, true],
      [1, false],
    ]);
  });

  it('learns failures from the history it reads at start, without counting a record twice that arrives while it reads', async () => {
    let open!: () => void;
    const trail = fakeTrail({ gate: new Promise<void>((resolve) => (open = resolve)) });
    for (let i = 0; i < 4; i += 1) trail.add(T0 - (4 - i) * MINUTE, { kind: 'outcome', action: 'auth.signIn', accountId: null, username: null, outcome: 'error', errorCode: 'E_AUTH_REQUIRED' });
    const { detector } = detect(trail);
    detector.observe(failedSignIn(4)); // the guard's copy of the newest record, seen while history loads
    open();
    await detector.ready;
    expect(detector.activeFor(null)).toEqual([]);
    detector.observe(failedSignIn(5));
    expect(detector.activeFor(null)).toEqual(['repeated-failures']);
  });
});

describe('for the guard, at start', () => {
  it('when the policy blocks a kind, decisions wait for the history (a block is never missed at start); otherwise they do not', async () => {
    const history = (trail: ReturnType<typeof fakeTrail>) => {
      for (let i = 0; i < 5; i += 1) trail.add(T0 - (5 - i) * MINUTE, { kind: 'outcome', action: 'auth.signIn', accountId: null, username: null, outcome: 'error', errorCode: 'E_AUTH_REQUIRED' });
    };
    let open!: () => void;
    const gated = fakeTrail({ gate: new Promise<void>((resolve) => (open = resolve)) });
    history(gated);
    const blocking = detect(gated, ['repeated-failures']).detector;
    const pending = blocking.activeForDecision(null);
    expect(pending).toBeInstanceOf(Promise);
    open();
    expect(await pending).toEqual(['repeated-failures']);
    expect(blocking.activeForDecision(null)).toEqual(['repeated-failures']); // ready: answered at once

    const slow = fakeTrail({ gate: new Promise<void>(() => undefined) });
    history(slow);
    expect(detect(slow, []).detector.activeForDecision(null)).toEqual([]);
  });
});

describe('unusual-hours', () => {
  it('with four weeks of office hours: a weekday morning is usual, Saturday 03:00 is not; the hint lists the calls', async () => {
    const trail = fakeTrail();
    officeHistory(trail);
    const { clock, detector } = detect(trail);
    await detector.ready;
    expect(detector.activeFor(ANA)).toEqual([]); // Wednesday 10:00
    clock.advance(2 * DAY + 17 * HOUR); // Saturday 03:00
    expect(detector.activeFor(ANA)).toEqual(['unusual-hours']);
    const last = trail.records.length;
    detector.observe(appended(last + 1, {}));
    clock.advance(10 * MINUTE);
    detector.observe(appended(last + 2, { action: 'workspace.models' }));
    const hints = await detector.hints();
    expect(hints).toHaveLength(1);
    expect(hints[0]).toMatchObject({ kind: 'unusual-hours', accountId: ANA, username: 'ana@contoso.test', since: '2026-11-28T03:00:00.000Z', evidenceSeqs: [last + 1, last + 2], blocking: false });
    expect(hints[0]?.summary).toMatch(/2 calls .*Saturday 03:00/);
  });

  it('an hour next to the usual ones is usual; status polls are not activity', async () => {
    const trail = fakeTrail();
    officeHistory(trail);
    const { clock, detector } = detect(trail);
    await detector.ready;
    clock.advance(-2 * HOUR); // Wednesday 08:00, next to 09:00
    expect(detector.activeFor(ANA)).toEqual([]);
    clock.advance(2 * DAY + 19 * HOUR); // Saturday 03:00
    detector.observe(appended(9999, { action: 'app.health' }));
    expect(await detector.hints()).toEqual([]);
  });

  it('says nothing without enough history (fewer than 7 active days, or less than 14 days)', async () => {
    const trail = fakeTrail();
    officeHistory(trail, 8); // 6 weekdays
    const { clock, detector } = detect(trail);
    await detector.ready;
    clock.advance(2 * DAY + 17 * HOUR);
    expect(detector.activeFor(ANA)).toEqual([]);
  });
});

describe('volume-spike', () => {
  /** Ten calls in each of the account's active ten-minute windows, 30 windows over the past days. */
  function steadyHistory(trail: ReturnType<typeof fakeTrail>) {
    for (let w = 0; w < 30; w += 1) {
      const start = T0 - DAY - w * HOUR;
      for (let i = 0; i < 10; i += 1) trail.add(start + i * 30_000, {});
    }
  }

  it('fires at max(50, 4 × the 95th percentile) calls in ten minutes, not below', async () => {
    const trail = fakeTrail();
    steadyHistory(trail);
    const { clock, detector } = detect(trail);
    await detector.ready;
    let seq = trail.records.length;
    for (let i = 0; i < 49; i += 1) {
      detector.observe(appended(++seq, {}));
      clock.advance(5_000);
    }
    expect(detector.activeFor(ANA)).toEqual([]);
    detector.observe(appended(++seq, {}));
    expect(detector.activeFor(ANA)).toEqual(['volume-spike']);
    const [hint] = await detector.hints();
    expect(hint).toMatchObject({ kind: 'volume-spike', accountId: ANA, since: NOW });
    expect(hint?.evidenceSeqs).toHaveLength(20);
    expect(hint?.summary).toMatch(/50 calls in 10 minutes/);
    expect(hint?.summary).toMatch(/10 calls/);
    clock.advance(10 * MINUTE);
    expect(detector.activeFor(ANA)).toEqual([]);
  });

  it("does not count the Audit and Policy screens' reads: 1,000 audit.list calls (and the other reads) raise none", async () => {
    const trail = fakeTrail();
    steadyHistory(trail);
    const { clock, detector } = detect(trail);
    await detector.ready;
    let seq = trail.records.length;
    for (let i = 0; i < 1_000; i += 1) {
      detector.observe(appended(++seq, { action: 'audit.list' }));
      clock.advance(500);
    }
    for (const action of ['audit.status', 'audit.verify', 'audit.verifyProgress', 'audit.cancelVerify', 'audit.anomalies', 'policy.show', 'policy.explain']) {
      for (let i = 0; i < 60; i += 1) detector.observe(appended(++seq, { action }));
    }
    expect(detector.activeFor(ANA)).toEqual([]);
    expect(await detector.hints()).toEqual([]);
    // The same account working that hard still raises it.
    for (let i = 0; i < 50; i += 1) detector.observe(appended(++seq, {}));
    expect(detector.activeFor(ANA)).toEqual(['volume-spike']);
  });

  it('needs a baseline: an account with no history raises none, however busy', async () => {
    const { detector } = detect(fakeTrail());
    await detector.ready;
    for (let seq = 1; seq <= 500; seq += 1) detector.observe(appended(seq, {}));
    expect(detector.activeFor(ANA)).toEqual([]);
  });
});

describe('new-network', () => {
  it('a /24 first used today by an account known for weeks; the same /24 or /64 again is not new; it ends after a day', async () => {
    const trail = fakeTrail();
    officeHistory(trail, 14, { addresses: ['10.1.2.3', '2001:db8:1:2::a', 'fe80::1'] });
    const { clock, detector } = detect(trail);
    await detector.ready;
    let seq = trail.records.length;
    detector.observe(appended(++seq, { addresses: ['10.1.2.77', '2001:db8:1:2:ffff::1', 'fe80::99'] }));
    expect(detector.activeFor(ANA)).toEqual([]);
    detector.observe(appended(++seq, { addresses: ['192.0.2.7'] }));
    expect(detector.activeFor(ANA)).toEqual(['new-network']);
    const [hint] = await detector.hints();
    expect(hint).toMatchObject({ kind: 'new-network', accountId: ANA, since: NOW, evidenceSeqs: [seq] });
    expect(hint?.summary).toMatch(/192\.0\.2\.0\/24/);
    // Back on the office network: nothing new right now, but it stays listed.
    detector.observe(appended(++seq, {}));
    expect(detector.activeFor(ANA)).toEqual([]);
    expect(await detector.hints()).toHaveLength(1);
    clock.advance(DAY + 1);
    detector.observe(appended(++seq, { addresses: ['192.0.2.8'] }));
    expect(detector.activeFor(ANA)).toEqual([]);
  });

  it('a new IPv6 /64 and a new route count; an account still being learned raises none', async () => {
    const trail = fakeTrail();
    officeHistory(trail, 14);
    trail.add(T0 - 2 * DAY, { accountId: 'oid-ben.tid', username: 'ben@contoso.test' });
    const { detector } = detect(trail);
    await detector.ready;
    detector.observe(appended(1001, { addresses: ['2001:db8:9:9::1'] }));
    expect(detector.activeFor(ANA)).toEqual(['new-network']);
    detector.observe(appended(1002, { route: 'vpn' }));
    expect(detector.activeFor(ANA)).toEqual(['new-network']);
    expect((await detector.hints()).map((h) => h.summary).join(' ')).toMatch(/route .*VPN/);
    detector.observe(appended(1003, { accountId: 'oid-ben.tid', username: 'ben@contoso.test', addresses: ['198.51.100.4'] }));
    expect(detector.activeFor('oid-ben.tid')).toEqual([]);
  });
});

describe('start', () => {
  it('reads at most 30 days of history, in pages, once', async () => {
    const trail = fakeTrail();
    trail.add(T0 - 40 * DAY, {});
    for (let i = 0; i < 2500; i += 1) trail.add(T0 - DAY + i * 1000, {});
    const { detector } = detect(trail);
    await detector.ready;
    expect(trail.queries()).toBe(3);
    await detector.hints();
    expect(trail.queries()).toBe(3);
  });

  it('a trail that cannot be read leaves the detector empty, never failing', async () => {
    const clock = fixedClock(NOW);
    const detector = createAnomalyDetector({ trail: Promise.reject(new Error('no database')), clock, policyBlocking: () => [], timeZone: 'UTC' });
    detectors.push(detector);
    await detector.ready;
    detector.observe(failedSignIn(1));
    expect(detector.activeFor(null)).toEqual([]);
    expect(await detector.hints()).toEqual([]);
  });
});
