// SQLite's WAL checkpoints (copying committed pages from the -wal file into the database, with an fsync of
// each), moved off the writer's thread. Left to SQLite, a checkpoint runs inside the COMMIT that crosses the
// threshold, on whichever thread appends: with the trail's ~40 MB threshold that was a 50-100 ms stall of the
// main process about every 1,200 records (the fsync of audit.db-wal; every invoke in flight waited with it).
// Here the writer's own auto-checkpoint is off, and once `walBytes` of the WAL are not yet copied a helper
// thread with its own connection copies them: a PASSIVE checkpoint (no lock against the writer or readers,
// the long part), then a RESTART that never waits, holding the write lock only to copy the few frames
// committed meanwhile, so the writer's next commit starts the WAL over. The helper starts on first need, so a
// short CLI command never pays for a thread; if it cannot start or dies, SQLite's own auto-checkpoint on the
// writer comes back. How much the WAL holds and how much is copied is read from the WAL index (the -shm
// file's header: mxFrame and nBackfill, https://www.sqlite.org/walformat.html), 100 bytes every few commits.
// If the WAL still grows (readers holding it, a helper that cannot keep up), at 2 × `walBytes` the writer
// copies inline, as SQLite would have. Durability is unchanged: a commit is in the WAL before write() returns.
import { closeSync, openSync, readSync } from 'node:fs';
import { endianness } from 'node:os';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';
import { sqliteEngineEntry } from './sqlite-engine-entry';

/** What one checkpoint did: frames in the WAL, frames copied into the database (all of them unless a reader held some back). */
export interface WalCheckpointResult {
  readonly framesInWal: number;
  readonly framesCopied: number;
}

export interface WalCheckpointerOptions {
  /** Checkpoint (on the helper) once this much of the WAL is not yet copied into the database. */
  readonly walBytes: number;
  /** SQLite's auto-checkpoint (pages) to fall back to when the helper is not there. */
  readonly fallbackPages: number;
  /** The writer copies inline once the WAL holds this much (see the top); default 2 × walBytes. */
  readonly inlineAtBytes?: number;
  /** Look at the WAL index every this many commits (a 100-byte read). */
  readonly everyCommits?: number;
  readonly onCheckpoint?: (result: WalCheckpointResult) => void;
  /** better-sqlite3's entry for the helper's require (tests pass a broken one). */
  readonly engineEntry?: string;
}

export interface WalCheckpointer {
  /** After each committed write transaction of the writer's connection. */
  afterCommit(): void;
  close(): void;
}

/** When the WAL holds this many times `walBytes`, the writer checkpoints inline (see the top). */
const HARD_CAP_TIMES = 2;
/** The WAL index header's version field (walformat.html). */
const WAL_INDEX_VERSION = 3007000;

export type WalIndex = { readonly frames: number; readonly copied: number; readonly pageSize: number } | 'unreadable' | 'unknown-format';

/** The WAL index header's frame counts, read without SQLite's locks (good enough to decide when to copy). */
export function readWalIndex(shm: string): WalIndex {
  let fd: number | null = null;
  try {
    fd = openSync(shm, 'r');
    const head = Buffer.alloc(100);
    if (readSync(fd, head, 0, head.length, 0) < head.length) return 'unreadable';
    const le = endianness() === 'LE';
    const u32 = (at: number) => (le ? head.readUInt32LE(at) : head.readUInt32BE(at));
    const version = u32(0);
    if (version === 0) return 'unreadable'; // not set up yet
    if (version !== WAL_INDEX_VERSION) return 'unknown-format';
    const size = le ? head.readUInt16LE(14) : head.readUInt16BE(14);
    return { frames: u32(16), copied: u32(96), pageSize: size === 1 ? 65536 : size };
  } catch {
    return 'unreadable';
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

const HELPER_SOURCE = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
let db = null;
try {
  const Engine = require(workerData.engine);
  db = new Engine(workerData.file, { fileMustExist: true });
  db.pragma('busy_timeout = 0');
  parentPort.postMessage({ t: 'ready' });
} catch {
  parentPort.postMessage({ t: 'failed' });
}
parentPort.on('message', (m) => {
  if (m.t === 'close') {
    try { if (db) db.close(); } catch {}
    parentPort.close();
    return;
  }
  if (m.t !== 'checkpoint' || !db) return;
  try {
    const row = db.pragma('wal_checkpoint(PASSIVE)')[0];
    // What the passive pass left (the frames committed meanwhile) is little: copy it holding the write lock
    // for that moment, so the writer's next commit starts the WAL over. Never waits: busy means next time.
    let restarted = false;
    if (row.log === row.checkpointed) {
      try { restarted = db.pragma('wal_checkpoint(RESTART)')[0].busy === 0; } catch {}
    }
    parentPort.postMessage({ t: 'done', log: row.log, checkpointed: row.checkpointed, restarted });
  } catch {
    parentPort.postMessage({ t: 'done', log: -1, checkpointed: -1 });
  }
});
`;

export function walCheckpointer(db: BetterSqlite3.Database, file: string, options: WalCheckpointerOptions): WalCheckpointer {
  const everyCommits = options.everyCommits ?? 16;
  const shm = `${file}-shm`;
  const inlineAt = options.inlineAtBytes ?? HARD_CAP_TIMES * options.walBytes;
  let commits = 0;
  let worker: Worker | null = null;
  let ready = false;
  let busy = false;
  let gone = false;

  const fallBack = (): void => {
    if (gone) return;
    gone = true;
    worker = null;
    try {
      if (db.open) db.pragma(`wal_autocheckpoint = ${options.fallbackPages}`);
    } catch {
      // The writer is closing; nothing left to checkpoint for.
    }
  };

  const start = (): void => {
    try {
      const started = new Worker(HELPER_SOURCE, { eval: true, workerData: { engine: options.engineEntry ?? sqliteEngineEntry(), file } });
      started.unref();
      started.on('message', (m: { t: string; log?: number; checkpointed?: number }) => {
        if (m.t === 'ready') {
          ready = true;
          started.postMessage({ t: 'checkpoint' });
        } else if (m.t === 'failed') {
          void started.terminate().catch(() => undefined);
          fallBack();
        } else if (m.t === 'done') {
          busy = false;
          if (typeof m.log === 'number' && m.log >= 0) options.onCheckpoint?.({ framesInWal: m.log, framesCopied: m.checkpointed ?? 0 });
        }
      });
      started.on('error', fallBack);
      started.on('exit', () => {
        if (worker === started) fallBack();
      });
      worker = started;
    } catch {
      fallBack();
    }
  };

  db.pragma('wal_autocheckpoint = 0');
  return {
    afterCommit() {
      if (gone || ++commits % everyCommits !== 0) return;
      const index = readWalIndex(shm);
      if (index === 'unreadable') return; // the next look may see it
      if (index === 'unknown-format') return fallBack();
      const held = index.frames * index.pageSize;
      if (held >= inlineAt) {
        try {
          db.pragma('wal_checkpoint(PASSIVE)'); // busy while the helper holds the checkpoint lock: the next look tries again
        } catch {
          // A failed checkpoint loses nothing; the WAL keeps every commit.
        }
        return;
      }
      if (busy || (index.frames - index.copied) * index.pageSize < options.walBytes) return;
      busy = true;
      if (!worker) start();
      else if (ready) worker.postMessage({ t: 'checkpoint' });
    },
    close() {
      const closing = worker;
      gone = true;
      worker = null;
      if (closing) {
        closing.postMessage({ t: 'close' });
        // A checkpoint in progress finishes first (terminate waits for the native call); the writer's own close
        // then checkpoints what is left, as SQLite does for the last connection.
        void closing.terminate().catch(() => undefined);
      }
    },
  };
}
