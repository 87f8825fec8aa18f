// Verify on two threads (verify-split.ts): a second thread with its own read-only connection walks the second
// half of the same snapshot. What must hold: the same report as one thread for an intact or tampered trail
// (tampering in either half, at the join, across epochs, pruned), the same snapshot for both readers while
// another connection tries to commit, appends going on meanwhile, progress and cancel, and one thread when
// the second cannot be had. Assertions are about answers and rows, never about time.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type AuditStore } from '../../../electron/services/audit';
import type { StoreSnapshot } from '../../../electron/services/audit/audit-store';
import { createMemoryKeychain, type MemoryKeychain } from '../../../electron/services/vault';
import { fill, openTrail, tamper, tempFolder } from './audit-fixtures';

let folder: ReturnType<typeof tempFolder>;
let keychain: MemoryKeychain;
beforeEach(() => {
  folder = tempFolder();
  keychain = createMemoryKeychain();
});
afterEach(() => folder.remove());

/** The real store, noting how many verifies got a second thread and how many second threads were closed. */
function noting(seen: { split: number; closed: number }, helper?: () => Promise<{ close(): void } | null>) {
  return async (file: string, options: Parameters<typeof openSqliteStore>[1]): Promise<AuditStore> => {
    const store = await openSqliteStore(file, options);
    return {
      ...store,
      ...(helper ? { verifyHelper: helper } : {}),
      async pinnedSnapshot(h): Promise<StoreSnapshot> {
        const snapshot = await (store.pinnedSnapshot as NonNullable<AuditStore['pinnedSnapshot']>)(h);
        if (!snapshot.secondHalf) return snapshot;
        seen.split++;
        return {
          ...snapshot,
          close() {
            seen.closed++;
            snapshot.close();
          },
        };
      },
    };
  };
}

async function both(): Promise<{ one: Awaited<ReturnType<Awaited<ReturnType<typeof openTrail>>['verify']>>; two: typeof one; split: number }> {
  const seen = { split: 0, closed: 0 };
  const a = await openTrail(folder.file, keychain, { verifySplitFrom: Number.POSITIVE_INFINITY });
  const one = await a.verify();
  await a.close();
  const b = await openTrail(folder.file, keychain, { verifySplitFrom: 1, openStore: noting(seen) });
  const two = await b.verify();
  await b.close();
  return { one, two, split: seen.split };
}

const cases: [string, (db: Database.Database) => void][] = [
  ['intact', () => undefined],
  ['an edited body in the second half', (db) => db.prepare("UPDATE records SET body = replace(body, 'ws-', 'wx-') WHERE seq = 250").run()],
  ['an edited body in the first half', (db) => db.prepare("UPDATE records SET body = replace(body, 'ws-', 'wx-') WHERE seq = 40").run()],
  ['the first row of the second half edited', (db) => db.prepare("UPDATE records SET body = replace(body, 'ws-', 'wx-') WHERE seq = 151").run()],
  ['a deleted row in the second half', (db) => db.prepare('DELETE FROM records WHERE seq = 220').run()],
  ['the row at the join deleted', (db) => db.prepare('DELETE FROM records WHERE seq = 151').run()],
  ['reordered rows in the second half', (db) => {
    db.prepare('UPDATE records SET seq = -1 WHERE seq = 260').run();
    db.prepare('UPDATE records SET seq = 260 WHERE seq = 261').run();
    db.prepare('UPDATE records SET seq = 261 WHERE seq = -1').run();
  }],
  ['a cut tail', (db) => db.prepare('DELETE FROM records WHERE seq > 280').run()],
  ['an edited MAC in the current epoch', (db) => db.prepare("UPDATE records SET mac = 'AAAA' || substr(mac, 5) WHERE seq = (SELECT max(seq) FROM records) - 3").run()],
  ['an edited checkpoint in the second half', (db) => db.prepare("UPDATE checkpoints SET signature = 'AAAA' || substr(signature, 5) WHERE seq = (SELECT min(seq) FROM checkpoints WHERE seq > 200)").run()],
];

describe('audit verify on two threads', () => {
  for (const [name, change] of cases) {
    it(`answers as one thread does: ${name}`, async () => {
      const trail = await openTrail(folder.file, keychain);
      await fill(trail, 300);
      await trail.close();
      tamper(folder.file, change);
      const { one, two, split } = await both();
      expect(split).toBe(1);
      expect(two).toEqual(one);
      if (name === 'intact') expect(one.result).toBe('intact');
      else expect(one.result).toBe('tampered');
    });
  }

  it('answers as one thread does for a pruned trail (the prune record in the second half)', async () => {
    let now = Date.parse('2026-01-01T00:00:00.000Z');
    const clock = { now: () => new Date(now), monotonicMs: () => now };
    const trail = await openTrail(folder.file, keychain, { clock });
    for (let day = 0; day < 6; day++) {
      await fill(trail, 40, day * 40);
      now += 86_400_000;
    }
    expect((await trail.prune(new Date(Date.parse('2026-01-04T00:00:00.000Z'))))?.prunedThrough).toBeGreaterThan(1);
    await trail.close();
    const { one, two, split } = await both();
    expect(split).toBe(1);
    expect(two).toEqual(one);
    expect(one.result).toBe('intact');
  });

  it('pins both readers to one snapshot: a commit from another connection cannot land between them', async () => {
    const trail = await openTrail(folder.file, keychain);
    await fill(trail, 200);
    await trail.close();
    const store = await openSqliteStore(folder.file);
    const helper = await store.verifyHelper?.();
    expect(helper).toBeTruthy();
    const other = new Database(folder.file);
    other.pragma('busy_timeout = 0');
    const last = other.prepare('SELECT seq, body, mac FROM records ORDER BY seq DESC LIMIT 1').get() as { seq: number; body: string; mac: string };
    let landed: boolean | null = null;
    // Another writer tries to commit after the main reader pinned and before the second one does.
    const real = helper as unknown as NonNullable<StoreSnapshot['secondHalf']> & { pin(): Promise<boolean> };
    const between = {
      close: () => real.close(),
      walk: real.walk.bind(real),
      pin: async () => {
        try {
          other.prepare('INSERT INTO records (seq, body, mac) VALUES (?, ?, ?)').run(last.seq + 1, last.body, last.mac);
          landed = true;
        } catch {
          landed = false;
        }
        return real.pin();
      },
    };
    const snapshot = await (store.pinnedSnapshot as NonNullable<AuditStore['pinnedSnapshot']>)(between);
    try {
      expect(landed).toBe(false);
      expect(snapshot.secondHalf).toBeTruthy();
      const through = snapshot.bounds()?.last ?? 0;
      const half = await snapshot.secondHalf?.walk({ after: 100, through: through + 10, watch: [], macEpoch: null, prunes: false }, () => undefined);
      expect(through).toBe(last.seq);
      expect(half?.vouchedThrough).toBe(through);
    } finally {
      snapshot.close();
      other.close();
      store.close();
    }
  });

  it('verifies while appends go on: the snapshot taken, every append resolved, both verifies intact', async () => {
    const trail = await openTrail(folder.file, keychain, { verifySplitFrom: 1, checkpointEvery: { records: 100 }, epochEvery: { records: 1_000 } });
    await fill(trail, 6_000, 0, 500);
    const appends = fill(trail, 3_000, 6_000, 50);
    const report = await trail.verify();
    const seqs = await appends;
    expect(report.result).toBe('intact');
    expect(report.checked).toBeGreaterThanOrEqual(6_000);
    expect(report.checked).toBeLessThanOrEqual(9_000 + 1);
    expect(seqs).toHaveLength(3_000);
    const after = await trail.verify();
    expect(after.result).toBe('intact');
    expect(after.checked).toBeGreaterThanOrEqual(9_000);
    await trail.close();
  });

  it('reports progress over both halves (rising to the rows checked) and a stop ends the second thread', async () => {
    const seen = { split: 0, closed: 0 };
    const trail = await openTrail(folder.file, keychain, { verifySplitFrom: 1, openStore: noting(seen), checkpointEvery: { records: 1_000 }, epochEvery: { records: 10_000 } });
    await fill(trail, 50_000, 0, 1_000);
    const progress: number[] = [];
    const report = await trail.verify((done) => progress.push(done));
    expect(report.result).toBe('intact');
    expect(progress.at(-1)).toBe(report.checked);
    expect(progress.every((d, i) => i === 0 || d > (progress[i - 1] ?? 0))).toBe(true);
    const stop = new AbortController();
    const stopped = await trail.verify((done) => {
      if (done > 0) stop.abort();
    }, stop.signal);
    expect(stopped.result).toBe('aborted');
    expect(stopped.checked).toBeLessThan(50_000);
    expect(seen).toEqual({ split: 2, closed: 2 });
    await trail.close();
  });

  it('walks on one thread when the second cannot start or SQLite’s write lock is busy', async () => {
    const trail = await openTrail(folder.file, keychain);
    await fill(trail, 300);
    await trail.close();
    const seen = { split: 0, closed: 0 };
    const none = await openTrail(folder.file, keychain, { verifySplitFrom: 1, openStore: noting(seen, async () => null) });
    const report = await none.verify();
    await none.close();
    expect(report.result).toBe('intact');
    const busy = await openTrail(folder.file, keychain, { verifySplitFrom: 1, openStore: noting(seen) });
    const holder = new Database(folder.file);
    holder.exec('BEGIN IMMEDIATE');
    try {
      expect(await busy.verify()).toEqual(report);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
      await busy.close();
    }
    expect(seen.split).toBe(0);
  });
});
