// The audit database's WAL checkpoints run on a helper thread (wal-checkpointer.ts), not inside the commit of
// whichever append crosses the threshold (that fsync stalled the main process 50-100 ms). What must hold: the
// helper copies the WAL into the database, the WAL stays bounded whether the writer pauses or not, every
// record is there after close and reopen, and SQLite's own auto-checkpoint comes back when the helper cannot
// start. Real better-sqlite3 files; assertions on rows, sizes and settings, never on time.
import { statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../electron/services/audit';
import { readWalIndex, walCheckpointer, type WalCheckpointResult } from '../../../electron/services/audit/wal-checkpointer';
import { tempFolder } from './audit-fixtures';

const THRESHOLD = 2 * 1024 * 1024;
/** Each commit dirties the row's page and six index leaves: 3,000 commits write ~60 MB through the WAL. */
const COMMITS = 3000;
const BOUND = 20 * 1024 * 1024;
let folder: ReturnType<typeof tempFolder>;
beforeEach(() => {
  folder = tempFolder();
});
afterEach(() => folder.remove());

const record = (seq: number) => ({
  seq,
  body: JSON.stringify({ time: `2026-12-04T10:00:${String(seq % 60).padStart(2, '0')}Z`, kind: 'action', action: 'endpoint.score', outcome: 'ok', resource: `r${seq}`, pad: 'x'.repeat(900) }),
  mac: `mac-${seq}`,
});
const walSize = (file: string) => statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0;
const rowCount = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('WAL checkpoints on a helper thread', () => {
  it('the helper copies the WAL into the database; the next commit after it starts the WAL over; every record survives', async () => {
    const file = folder.file;
    const done: WalCheckpointResult[] = [];
    const store = await openSqliteStore(file, { walCheckpointBytes: THRESHOLD, onWalCheckpoint: (r) => done.push(r) });
    const held = () => {
      const index = readWalIndex(`${file}-shm`);
      return typeof index === 'object' ? index.frames * index.pageSize : 0;
    };
    let seq = 0;
    while (held() < THRESHOLD) store.write({ records: [record(++seq)] });
    for (let i = 0; i < 16; i++) store.write({ records: [record(++seq)] }); // one more look at the WAL: the helper is asked
    expect(held()).toBeLessThan(2 * THRESHOLD); // below the inline copy: this is the helper's to do
    await expect.poll(() => done.some((r) => r.framesInWal > 0 && r.framesCopied === r.framesInWal), { timeout: 20_000 }).toBe(true);
    // Every frame copied and the writer idle since: its next commit starts the WAL over.
    store.write({ records: [record(++seq)] });
    expect(held()).toBeLessThan(64 * 1024);
    store.close();
    expect(rowCount(file)).toBe(seq);
  });

  it('a writer that never pauses still keeps the WAL bounded (past the cap it copies inline)', async () => {
    const file = folder.file;
    const store = await openSqliteStore(file, { walCheckpointBytes: THRESHOLD });
    let largestWal = 0;
    for (let seq = 1; seq <= COMMITS; seq++) {
      store.write({ records: [record(seq)] });
      largestWal = Math.max(largestWal, walSize(file));
    }
    expect(largestWal).toBeLessThan(BOUND);
    store.close();
    expect(rowCount(file)).toBe(COMMITS);
  });

  it("falls back to SQLite's own auto-checkpoint when the helper cannot start", async () => {
    const file = path.join(folder.dir, 'plain.db');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (v TEXT)');
    const checkpoints = walCheckpointer(db, file, { walBytes: 1, inlineAtBytes: Number.POSITIVE_INFINITY, fallbackPages: 1234, everyCommits: 1, engineEntry: path.join(folder.dir, 'no-such-engine.js') });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    db.prepare('INSERT INTO t VALUES (?)').run('a');
    checkpoints.afterCommit();
    await expect.poll(() => db.pragma('wal_autocheckpoint', { simple: true }), { timeout: 20_000 }).toBe(1234);
    checkpoints.close();
    db.close();
  });
});
