// The AuditStore adapter over better-sqlite3 12 (13 needs Node 22). WAL journal: readers (verify, export, the
// Audit screen) never block the writer. Durability: with synchronous=NORMAL a commit is in the WAL file (the
// OS has it) before write() returns, so a record survives the process being killed (kill -9, a crash) but
// not the machine losing power before the OS flushes; synchronous=FULL ('power') also fsyncs every commit.
// The engine is loaded on open (a missing or mismatched native build is 'engine-missing', not a crash).
// Never logs, never puts engine error text anywhere: every failure leaves as StoreUnavailable(kind).
import { closeSync, openSync, statSync, writeFileSync } from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import type { AuditFilter } from './audit-event';
import { StoreUnavailable, type AuditStore, type WriterLock, type StoreFailure, type StoreSnapshot, type StoredCheckpoint, type StoredEpoch, type StoredRecord, type StoreWrite } from './audit-store';
import { FILTER_COLUMNS, SCHEMA } from './sqlite-schema';
import { pinnedWithHelper, startVerifyHelper, type VerifyHelper } from './sqlite-verify-helper';

type Database = BetterSqlite3.Database;
type DatabaseConstructor = typeof BetterSqlite3;

export interface SqliteStoreOptions {
  /** 'process' (default): survives the process dying; 'power': also a power cut (fsync per commit). */
  readonly durability?: 'process' | 'power';
  /** A cap on the file's size; appends past it fail as 'disk-full' (also how tests make a full disk). */
  readonly maxBytes?: number;
}

/** What an engine error means for the user, by SQLite's result code. */
export function storeFailureOf(error: unknown): StoreFailure {
  if (error instanceof StoreUnavailable) return error.failure;
  const raw = typeof error === 'object' && error !== null && 'code' in error ? error.code : '';
  const code = typeof raw === 'string' ? raw : '';
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH') return 'read-only';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return 'disk-full';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'corrupt';
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'EACCES' || code === 'EPERM' || code === 'ENOENT') return 'cannot-open';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  if (code.startsWith('SQLITE_IOERR')) return 'io-error';
  return 'io-error';
}

function guarded<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw new StoreUnavailable(storeFailureOf(error));
  }
}

async function loadEngine(): Promise<DatabaseConstructor> {
  try {
    const loaded = (await import('better-sqlite3')) as { default?: DatabaseConstructor } & DatabaseConstructor;
    return loaded.default ?? loaded;
  } catch {
    throw new StoreUnavailable('engine-missing');
  }
}

function where(filter: AuditFilter): { sql: string; params: (string | number)[] } {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  if (filter.from !== undefined) {
    clauses.push('time >= ?');
    params.push(filter.from);
  }
  if (filter.to !== undefined) {
    clauses.push('time < ?');
    params.push(filter.to);
  }
  for (const key of Object.keys(FILTER_COLUMNS) as (keyof typeof FILTER_COLUMNS)[]) {
    const value = filter[key];
    if (value === undefined) continue;
    const column = FILTER_COLUMNS[key];
    if ((key === 'action' || key === 'resource') && value.endsWith('*')) {
      // A prefix as a range, so the column's index serves it.
      const prefix = value.slice(0, -1);
      clauses.push(`${column} >= ? AND ${column} < ?`);
      params.push(prefix, `${prefix}\uffff`);
    } else {
      clauses.push(`${column} = ?`);
      params.push(value);
    }
  }
  return { sql: clauses.length ? clauses.join(' AND ') : '1', params };
}

/** Every value the result column holds in a well-formed trail (outcomes, then decisions). */
const RESULTS = ['ok', 'error', 'allow', 'deny'] as const;
/** Anything else (only an edited body could hold it): as ranges, so the pair index finds none at once. */
const OTHER_RESULT = "(result < 'allow' OR (result > 'allow' AND result < 'deny') OR (result > 'deny' AND result < 'error') OR (result > 'error' AND result < 'ok') OR result > 'ok')";

/** Whether the filter pins a paired column (sqlite-schema.ts) but not the outcome. */
function pairedWithoutOutcome(filter: AuditFilter): boolean {
  if (filter.outcome !== undefined) return false;
  return filter.kind !== undefined || [filter.action, filter.account, filter.resource].some((v) => v !== undefined && !v.endsWith('*'));
}

/**
 * The SQL of one page, newest first (with `after`: oldest first, the caller reverses), keyset on seq. When a
 * paired column is pinned without the outcome, the page is a merge of one arm per result value: each arm is
 * a pair-index range already in seq order, and SQLite merges them (MERGE UNION ALL) and stops at the limit.
 */
export function pageQuery(filter: AuditFilter, page: { readonly after?: number; readonly before?: number; readonly limit: number }): { sql: string; params: (string | number)[] } {
  const { sql, params } = where(filter);
  const [bound, order, keyset] = page.after !== undefined ? ['seq > ?', 'ASC', page.after] : ['seq < ?', 'DESC', page.before ?? Number.MAX_SAFE_INTEGER];
  const arm = `SELECT seq, body, mac FROM records WHERE ${bound} AND ${sql}`;
  if (!pairedWithoutOutcome(filter)) return { sql: `${arm} ORDER BY seq ${order} LIMIT ?`, params: [keyset, ...params, page.limit] };
  const arms = [...RESULTS.map(() => `${arm} AND result = ?`), `${arm} AND result IS NULL`, `${arm} AND ${OTHER_RESULT}`];
  const armParams = [...RESULTS.flatMap((result) => [keyset, ...params, result]), keyset, ...params, keyset, ...params];
  return { sql: `${arms.join(' UNION ALL ')} ORDER BY seq ${order} LIMIT ?`, params: [...armParams, page.limit] };
}

/** The tables as a fresh database of this version has them (to compare a file's with). */
function expectedSchema(Engine: DatabaseConstructor): string {
  const db = new Engine(':memory:');
  try {
    db.exec(SCHEMA);
    return schemaText(db);
  } finally {
    db.close();
  }
}

function schemaText(db: Database): string {
  return (db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").raw().all() as unknown[][]).map((row) => row.join('\u0000')).join('\n');
}

/** Seqs per batch of verify's reads: ~450 KB of bodies, young enough for the garbage collector to stay cheap. */
const BATCH = 1024;

/**
 * The bodies with after < seq ≤ through in seq order, a batch at a time. Windows of BATCH seqs read with
 * .all() (one call into the engine per window, not one per row: ~0.45 s against ~0.7 s at 1M) when SQLite
 * reads a seq window as a rowid range; planner statistics gathered while the table was tiny make it scan the
 * whole table instead (every window would read all rows), so then one iterate() walk is cut into batches.
 */
function* bodyBatches(db: Database, after: number, through: number): IterableIterator<readonly string[]> {
  try {
    const sql = 'SELECT body FROM records WHERE seq > ? AND seq <= ? ORDER BY seq';
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(after, through) as { detail: string }[];
    const ranged = plan.length === 1 && /^SEARCH records USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)$/.test(plan[0]?.detail ?? '');
    const statement = db.prepare(sql).pluck();
    if (ranged) {
      for (let from = after; from < through; from += BATCH) {
        const batch = statement.all(from, Math.min(from + BATCH, through)) as string[];
        if (batch.length > 0) yield batch;
      }
      return;
    }
    let batch: string[] = [];
    for (const body of statement.iterate(after, through) as IterableIterator<string>) {
      batch.push(body);
      if (batch.length === BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  } catch (error) {
    throw new StoreUnavailable(storeFailureOf(error));
  }
}

function openSnapshot(Engine: DatabaseConstructor, file: string, expected: string): StoreSnapshot {
  const db = guarded(() => new Engine(file, { readonly: true, fileMustExist: true }));
  guarded(() => {
    db.pragma('mmap_size = 2147483648');
    db.exec('BEGIN');
    // The first read pins the snapshot: later appends by the writer are not seen by this reader.
    db.prepare('SELECT count(*) FROM meta').get();
  });
  const bodies = db.prepare('SELECT seq, body FROM records WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?').raw();
  const macs = db.prepare('SELECT seq, mac FROM records WHERE seq > ? AND seq <= ? ORDER BY seq').raw();
  return {
    bodies: (after, through, limit) => guarded(() => bodies.all(after, through, limit) as [number, string][]),
    // One row at a time: .all() over big chunks keeps ~10 MB of strings alive at once and spends most of its
    // time in the garbage collector (measured 11.5 s against 2.6 s for 1M rows).
    scan: (after, through) => guarded(() => db.prepare('SELECT seq, body FROM records WHERE seq > ? AND seq <= ? ORDER BY seq').raw().iterate(after, through) as IterableIterator<[number, string]>),
    bodyBatches: (after, through) => bodyBatches(db, after, through),
    matching(filter, after, limit) {
      const { sql, params } = where(filter);
      return guarded(() => db.prepare(`SELECT seq, body, mac FROM records WHERE seq > ? AND ${sql} ORDER BY seq LIMIT ?`).all(after, ...params, limit) as StoredRecord[]);
    },
    macs: (after, through) => guarded(() => macs.all(after, through) as [number, string][]),
    checkpoints: () => guarded(() => db.prepare('SELECT seq, body, signature FROM checkpoints ORDER BY seq').all() as StoredCheckpoint[]),
    epochs: () => guarded(() => db.prepare('SELECT epoch, body, certificate FROM epochs ORDER BY epoch').all() as StoredEpoch[]),
    bounds() {
      // Two subqueries: SQLite answers a lone min() or max() from the rowid tree's ends, but both in one
      // SELECT, or a count(*), read every row (~0.3 s at 1M).
      const row = guarded(() => db.prepare('SELECT (SELECT min(seq) FROM records) AS first, (SELECT max(seq) FROM records) AS last').get() as { first: number | null; last: number | null });
      return row.first === null || row.last === null ? null : { first: row.first, last: row.last };
    },
    schemaIntact: () => guarded(() => schemaText(db) === expected),
    close: () => {
      if (db.open) db.close();
    },
  };
}

/**
 * The writer lock as a write transaction on a lock file of its own next to the database (`<file>-writer`,
 * 0600, never written to): BEGIN IMMEDIATE succeeds in one connection at a time across processes, fails at
 * once (busy_timeout 0) while another holds it, and the OS drops it with a process that dies. A file of its
 * own, so holding it never blocks the database's own commits or readers.
 */
function openWriterLock(Engine: DatabaseConstructor, file: string): WriterLock {
  const lockFile = `${file}-writer`;
  // A waiter touches this file; a busy holder gives the lock up for a moment only when it was touched lately.
  const waitFile = `${file}-writer-wait`;
  guarded(() => closeSync(openSync(lockFile, 'a', 0o600)));
  const db = guarded(() => new Engine(lockFile, { fileMustExist: true }));
  try {
    db.pragma('busy_timeout = 0');
  } catch (error) {
    db.close();
    throw new StoreUnavailable(storeFailureOf(error));
  }
  return {
    tryAcquire() {
      if (db.inTransaction) return true;
      try {
        db.exec('BEGIN IMMEDIATE');
        return true;
      } catch (error) {
        const failure = storeFailureOf(error);
        if (failure === 'busy') return false;
        throw new StoreUnavailable(failure);
      }
    },
    release() {
      if (db.open && db.inTransaction) guarded(() => db.exec('ROLLBACK'));
    },
    markWaiting() {
      try {
        writeFileSync(waitFile, '', { mode: 0o600 });
      } catch {
        // Only a hint for the holder: without it the holder keeps its turn a little longer.
      }
    },
    othersWaiting() {
      try {
        return Date.now() - statSync(waitFile).mtimeMs < 1_000;
      } catch {
        return false;
      }
    },
    close() {
      if (db.open) db.close();
    },
  };
}

/** Opens (creating when absent, mode 0600) the audit database at `file`. */
export async function openSqliteStore(file: string, options: SqliteStoreOptions = {}): Promise<AuditStore> {
  const Engine = await loadEngine();
  guarded(() => closeSync(openSync(file, 'a', 0o600)));
  const db = guarded(() => new Engine(file, { fileMustExist: true }));
  let expected = '';
  try {
    guarded(() => {
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${options.durability === 'power' ? 'FULL' : 'NORMAL'}`);
      db.pragma('busy_timeout = 2000');
      // Checkpoint the WAL into the database every ~40 MB instead of SQLite's ~4 MB: a batch dirties hundreds
      // of index pages, so at 4 MB nearly every commit paid a checkpoint (copy + two fsyncs); fewer, larger
      // checkpoints copy a page rewritten by many commits once. Durability is the WAL's either way.
      db.pragma('wal_autocheckpoint = 10000');
      db.pragma('journal_size_limit = 67108864');
      if (options.maxBytes !== undefined) {
        const pageSize = Number(db.pragma('page_size', { simple: true }));
        db.pragma(`max_page_count = ${Math.max(1, Math.floor(options.maxBytes / pageSize))}`);
      }
      // One transaction: a version 1 database is migrated whole or not at all (see sqlite-schema.ts).
      db.transaction(() => db.exec(SCHEMA)).immediate();
      // Planner statistics (bounded work): without them a filter on a common value may pick its index and
      // sort every match instead of walking seq backwards and stopping at the page's end.
      db.pragma('analysis_limit = 1000');
      db.pragma('optimize = 0x10002');
      expected = expectedSchema(Engine);
    });
  } catch (error) {
    db.close();
    throw error;
  }

  const statements = guarded(() => ({
    meta: db.prepare('SELECT value FROM meta WHERE key = ?').pluck(),
    setMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
    last: db.prepare('SELECT seq, body, mac FROM records ORDER BY seq DESC LIMIT 1'),
    latestCheckpoint: db.prepare('SELECT seq, body, signature FROM checkpoints ORDER BY seq DESC LIMIT 1'),
    checkpointAt: db.prepare('SELECT seq, body, signature FROM checkpoints WHERE seq = ?'),
    maxEpoch: db.prepare('SELECT epoch, body, certificate FROM epochs ORDER BY epoch DESC LIMIT 1'),
    epoch: db.prepare('SELECT epoch, body, certificate FROM epochs WHERE epoch = ?'),
    insertRecord: db.prepare('INSERT INTO records (seq, body, mac) VALUES (?, ?, ?)'),
    insertCheckpoint: db.prepare('INSERT OR IGNORE INTO checkpoints (seq, body, signature) VALUES (?, ?, ?)'),
    insertEpoch: db.prepare('INSERT OR IGNORE INTO epochs (epoch, body, certificate) VALUES (?, ?, ?)'),
    pruneRecords: db.prepare('DELETE FROM records WHERE seq <= ?'),
    pruneCheckpoints: db.prepare('DELETE FROM checkpoints WHERE seq < ?'),
  }));

  const apply = (write: StoreWrite): void => {
    for (const r of write.records ?? []) statements.insertRecord.run(r.seq, r.body, r.mac);
    for (const c of write.checkpoints ?? []) statements.insertCheckpoint.run(c.seq, c.body, c.signature);
    for (const e of write.epochs ?? []) statements.insertEpoch.run(e.epoch, e.body, e.certificate);
    for (const [key, value] of Object.entries(write.meta ?? {})) statements.setMeta.run(key, value);
  };
  const writeTx = db.transaction(apply);
  const pruneTx = db.transaction((through: number, write: StoreWrite) => {
    statements.pruneRecords.run(through);
    statements.pruneCheckpoints.run(through);
    apply(write);
  });
  const open = (): void => {
    if (!db.open) throw new StoreUnavailable('closed');
  };
  // Planner statistics as the table grows in one run: gathered on open, they may say the table holds a
  // handful of rows, and SQLite then reads a seq range (forwarding, verify's MACs) by scanning the whole
  // table (0.45-0.9 s per page at 1M). Every 10,000 records optimize looks again; it analyzes only a table
  // whose size changed about tenfold (0.1 ms otherwise; ~0.5 s at such a step near 1M, so rarely), after
  // the commit, never inside it.
  let sinceOptimize = 0;
  const refreshStatistics = (written: number): void => {
    sinceOptimize += written;
    if (sinceOptimize < 10_000) return;
    sinceOptimize = 0;
    setImmediate(() => {
      try {
        if (db.open) db.pragma('optimize = 0x10002');
      } catch {
        // Statistics are a nicety; a busy or read-only moment skips them.
      }
    });
  };

  let writerLock: WriterLock;
  try {
    writerLock = openWriterLock(Engine, file);
  } catch (error) {
    db.close();
    throw error;
  }

  return {
    location: file,
    writerLock,
    meta: (key) => (open(), guarded(() => (statements.meta.get(key) as string | undefined) ?? null)),
    last: () => (open(), guarded(() => (statements.last.get() as StoredRecord | undefined) ?? null)),
    latestCheckpoint: () => (open(), guarded(() => (statements.latestCheckpoint.get() as StoredCheckpoint | undefined) ?? null)),
    checkpointAt: (seq) => (open(), guarded(() => (statements.checkpointAt.get(seq) as StoredCheckpoint | undefined) ?? null)),
    maxEpoch: () => (open(), guarded(() => (statements.maxEpoch.get() as StoredEpoch | undefined) ?? null)),
    epoch: (epoch) => (open(), guarded(() => (statements.epoch.get(epoch) as StoredEpoch | undefined) ?? null)),
    write(write) {
      open();
      guarded(() => writeTx(write));
      refreshStatistics(write.records?.length ?? 0);
    },
    prune: (through, write) => (open(), guarded(() => pruneTx(through, write))),
    page(filter, page) {
      open();
      const { sql, params } = pageQuery(filter, page);
      const rows = guarded(() => db.prepare(sql).all(...params) as StoredRecord[]);
      return page.after !== undefined ? rows.reverse() : rows;
    },
    snapshot: () => (open(), openSnapshot(Engine, file, expected)),
    verifyHelper: () => startVerifyHelper(file),
    pinnedSnapshot: (helper) => (open(), pinnedWithHelper(db, helper as VerifyHelper, () => openSnapshot(Engine, file, expected))),
    close() {
      writerLock.close();
      if (!db.open) return;
      try {
        db.pragma('optimize');
      } catch {
        // Planner statistics are a nicety; closing matters more.
      }
      db.close();
    },
  };
}
