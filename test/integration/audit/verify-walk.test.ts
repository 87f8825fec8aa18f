// How verify walks a real trail: bodies in batches, counted from the first seq present, one walk for an intact
// trail (also a pruned one), the [seq, body] walk only when counting cannot be trusted; progress reported as it
// goes and a stop honoured. Assertions are about what was read and answered, never about time.
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

/** The real store, its snapshots counting which walks verify asked for. */
function counting(walks: { pairs: number; batches: number }) {
  return async (file: string, options: Parameters<typeof openSqliteStore>[1]): Promise<AuditStore> => {
    const store = await openSqliteStore(file, options);
    return {
      ...store,
      snapshot(): StoreSnapshot {
        const snapshot = store.snapshot();
        const batches = snapshot.bodyBatches?.bind(snapshot);
        return {
          ...snapshot,
          scan(after, through) {
            walks.pairs++;
            return snapshot.scan(after, through);
          },
          ...(batches
            ? {
                bodyBatches(after: number, through: number) {
                  walks.batches++;
                  return batches(after, through);
                },
              }
            : {}),
        };
      },
    };
  };
}

describe('audit verify walk', () => {
  it('verifies a pruned trail in one walk over the bodies (counting from its first seq), no [seq, body] walk', async () => {
    let now = Date.parse('2026-01-01T00:00:00.000Z');
    const clock = { now: () => new Date(now), monotonicMs: () => now };
    const walks = { pairs: 0, batches: 0 };
    const trail = await openTrail(folder.file, keychain, { clock, openStore: counting(walks) });
    for (let day = 0; day < 6; day++) {
      await fill(trail, 30, day * 30);
      now += 86_400_000;
    }
    expect((await trail.prune(new Date(Date.parse('2026-01-04T00:00:00.000Z'))))?.prunedThrough).toBeGreaterThan(1);
    walks.pairs = 0;
    walks.batches = 0;
    expect(await trail.verify()).toMatchObject({ result: 'intact' });
    expect(walks).toEqual({ pairs: 0, batches: 1 });
    await trail.close();
  });

  it('walks again with each row’s own seq when counting cannot be trusted, and still names the first bad record', async () => {
    const trail = await openTrail(folder.file, keychain);
    await fill(trail, 120);
    await trail.close();
    tamper(folder.file, (db) => db.prepare('DELETE FROM records WHERE seq = 57').run());
    const walks = { pairs: 0, batches: 0 };
    const again = await openTrail(folder.file, keychain, { openStore: counting(walks) });
    const report = await again.verify();
    await again.close();
    expect(report.result).toBe('tampered');
    expect(report.first).toMatchObject({ seq: 57, what: 'deleted' });
    expect(walks).toEqual({ pairs: 1, batches: 1 });
  });

  it('reads the same bodies in batches whether SQLite reads a seq window as a range or (stale statistics) scans', async () => {
    const trail = await openTrail(folder.file, keychain);
    await fill(trail, 2_500, 0, 500);
    await trail.close();
    const expected = (() => {
      const db = new Database(folder.file, { readonly: true });
      try {
        return db.prepare('SELECT body FROM records WHERE seq > 3 AND seq <= 2400 ORDER BY seq').pluck().all() as string[];
      } finally {
        db.close();
      }
    })();
    const read = async (): Promise<{ bodies: string[]; sizes: number[] }> => {
      const store = await openSqliteStore(folder.file);
      const snapshot = store.snapshot();
      try {
        const batches = [...(snapshot.bodyBatches?.(3, 2_400) ?? [])];
        return { bodies: batches.flat(), sizes: batches.map((b) => b.length) };
      } finally {
        snapshot.close();
        store.close();
      }
    };
    const ranged = await read();
    expect(ranged.bodies).toEqual(expected);
    expect(ranged.sizes.length).toBeGreaterThan(1);
    // Statistics saying the table is tiny (as gathered when a trail was opened nearly empty): SQLite then
    // plans a seq window as a scan of the whole table, so the batches come from one walk instead.
    tamper(folder.file, (db) => {
      db.exec("DELETE FROM sqlite_stat1 WHERE tbl = 'records'");
      db.exec("INSERT INTO sqlite_stat1 (tbl, idx, stat) SELECT 'records', name, '1 1 1' FROM sqlite_master WHERE type = 'index' AND tbl_name = 'records'");
    });
    const raw = new Database(folder.file, { readonly: true });
    expect((raw.prepare('EXPLAIN QUERY PLAN SELECT body FROM records WHERE seq > ? AND seq <= ? ORDER BY seq').all(3, 2_400) as { detail: string }[])[0]?.detail).toMatch(/^SCAN/);
    raw.close();
    const scanned = await read();
    expect(scanned.bodies).toEqual(expected);
    expect(scanned.sizes.length).toBeGreaterThan(1);
  });

  it('checks every checkpoint signature while it walks: an edited signature or checkpoint is named at its seq', async () => {
    const trail = await openTrail(folder.file, keychain);
    await fill(trail, 120);
    await trail.close();
    const [a, b] = (() => {
      const db = new Database(folder.file, { readonly: true });
      try {
        return db.prepare('SELECT seq FROM checkpoints ORDER BY seq LIMIT 2 OFFSET 1').pluck().all() as number[];
      } finally {
        db.close();
      }
    })();
    tamper(folder.file, (db) => {
      db.prepare("UPDATE checkpoints SET signature = 'AAAA' || substr(signature, 5) WHERE seq = ?").run(a);
      db.prepare("UPDATE checkpoints SET body = replace(body, '\"time\":\"', '\"time\":\"1') WHERE seq = ?").run(b);
    });
    const report = await (async () => {
      const again = await openTrail(folder.file, keychain);
      try {
        return await again.verify();
      } finally {
        await again.close();
      }
    })();
    expect(report.result).toBe('tampered');
    expect(report.findings.filter((f) => f.what === 'edited' && f.seq === f.toSeq).map((f) => f.seq)).toEqual(expect.arrayContaining([a, b]));
    expect(report.first?.seq).toBe(a);
  });

  it('reports progress as it walks and stops when asked', async () => {
    const trail = await openTrail(folder.file, keychain, { checkpointEvery: { records: 1_000 }, epochEvery: { records: 10_000 } });
    await fill(trail, 25_000, 0, 1_000);
    const progress: number[] = [];
    const report = await trail.verify((done) => progress.push(done));
    expect(report.result).toBe('intact');
    expect(report.checked).toBeGreaterThanOrEqual(25_000);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe(report.checked);
    expect(progress.every((d, i) => i === 0 || d > (progress[i - 1] ?? 0))).toBe(true);
    const stop = new AbortController();
    const stopped = await trail.verify((done) => {
      if (done > 0) stop.abort();
    }, stop.signal);
    expect(stopped.result).toBe('aborted');
    expect(stopped.checked).toBeGreaterThan(0);
    expect(stopped.checked).toBeLessThan(25_000);
    await trail.close();
  });
});
