// The SQLite side of verify's second thread: starts the helper (verify-helper-source.ts) with its own read-only
// connection, and pins it to the same snapshot as the main thread's reader. better-sqlite3 cannot hand one
// snapshot to another connection, so the writer's connection takes SQLite's write lock (BEGIN IMMEDIATE)
// while both readers take their first read, then rolls back: no commit, this process's or another's, can land
// between the two. Called inside the trail's exclusive section only (the writer's connection is otherwise
// idle: a write inside this transaction would be rolled back with it). When the lock is busy, the helper
// cannot start or does not answer, verify walks on one thread. Never logs, never writes a row.
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';
import type { HalfRequest, HalfResult, SecondHalf, StoreSnapshot } from './audit-store';
import { PREV_AT, PREV_END } from './canonical';
import { HELPER_SOURCE } from './verify-helper-source';

/** A started helper, connection open, not yet pinned. */
export interface VerifyHelper extends SecondHalf {
  pin(): Promise<boolean>;
}

const START_MS = 10_000;
const PIN_MS = 2_000;

/** Where better-sqlite3 is for the helper's require (the bundle's own require in Electron; else from the working folder). */
function engineEntry(): string {
  return typeof require === 'function' ? require.resolve('better-sqlite3') : createRequire(path.join(process.cwd(), 'package.json')).resolve('better-sqlite3');
}

function next(worker: Worker, want: string, ms: number): Promise<Record<string, unknown> | null> {
  return new Promise((resolve) => {
    const done = (value: Record<string, unknown> | null): void => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onEnd);
      worker.off('exit', onEnd);
      resolve(value);
    };
    const onMessage = (m: Record<string, unknown>): void => {
      if (m.t === want) done(m);
      else if (m.t === 'failed') done(null);
    };
    const onEnd = (): void => done(null);
    const timer = setTimeout(onEnd, ms);
    worker.on('message', onMessage);
    worker.once('error', onEnd);
    worker.once('exit', onEnd);
  });
}

/** Starts the helper thread on `file`; null when worker threads or the engine are unavailable there. */
export async function startVerifyHelper(file: string): Promise<VerifyHelper | null> {
  let worker: Worker;
  try {
    worker = new Worker(HELPER_SOURCE, { eval: true, workerData: { engine: engineEntry(), file } });
  } catch {
    return null;
  }
  worker.on('error', () => undefined);
  const close = (): void => void worker.terminate().catch(() => undefined);
  if (!(await next(worker, 'ready', START_MS))) {
    close();
    return null;
  }
  return {
    async pin() {
      worker.postMessage({ t: 'pin' });
      return (await next(worker, 'pinned', PIN_MS)) !== null;
    },
    async walk(request: HalfRequest, onProgress: (done: number) => void): Promise<HalfResult | null> {
      const progress = (m: Record<string, unknown>): void => {
        if (m.t === 'progress' && typeof m.done === 'number') onProgress(m.done);
      };
      worker.on('message', progress);
      worker.postMessage({ t: 'walk', ...request, watch: [...request.watch, Number.POSITIVE_INFINITY], prevAt: PREV_AT, seqTextAt: PREV_END });
      try {
        return (await next(worker, 'done', 2 ** 31 - 1)) as HalfResult | null;
      } finally {
        worker.off('message', progress);
      }
    },
    close,
  };
}

/**
 * Opens the main thread's snapshot and pins the helper to the same one, under the writer's lock. Returns the
 * snapshot with `secondHalf` set, or without it (the helper closed) when the lock is busy or the helper does
 * not pin.
 */
export async function pinnedWithHelper(writer: BetterSqlite3.Database, helper: VerifyHelper, open: () => StoreSnapshot): Promise<StoreSnapshot> {
  let locked = false;
  const busy = Number(writer.pragma('busy_timeout', { simple: true }));
  try {
    writer.pragma('busy_timeout = 0');
    writer.exec('BEGIN IMMEDIATE');
    locked = true;
  } catch {
    locked = false;
  } finally {
    writer.pragma(`busy_timeout = ${busy}`);
  }
  if (!locked) {
    helper.close();
    return open();
  }
  let snapshot: StoreSnapshot | null = null;
  try {
    snapshot = open();
    const pinned = await helper.pin();
    if (!pinned) {
      helper.close();
      return snapshot;
    }
    const own = snapshot;
    return {
      ...own,
      secondHalf: helper,
      close() {
        helper.close();
        own.close();
      },
    };
  } catch (error) {
    helper.close();
    snapshot?.close();
    throw error;
  } finally {
    writer.exec('ROLLBACK');
  }
}
