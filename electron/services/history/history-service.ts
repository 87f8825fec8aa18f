// The local history of test inferences (endpoint.score): every invocation kept on this device, its payload and
// result sealed with AES-256-GCM under a key from the OS keychain, its summary (time, target, status, sizes,
// the payload's SHA-256) in the clear for the list. Retention is the policy's historyRetentionDays: pruned on
// every write and read and on a schedule; 0 keeps nothing. Fail closed: no keychain, no history (scoring goes
// on; history.list says why in words). Entries belong to the account and environment that made them: every
// read and delete names that owner. Never logs a body, a key, or anything a body holds.
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { AirlockError } from '../../../shared/errors/airlock-error';
import type { InvokeResultView } from '../../../shared/contract/schemas/endpoint';
import { HistoryEntryView, type HistoryEntrySummary, type HistoryList } from '../../../shared/contract/schemas/history';
import type { Clock, Logger, ScheduledTask, Scheduler } from '../ports';
import type { Keychain } from '../vault';
import { historyKeyId, openBody, sealBody } from './history-crypto';
import { HistoryDbUnavailable, openHistoryDb, type HistoryDb, type Owner } from './history-db';
import { newHistoryId, sealedFacts, summaryOf, type RecordedRequest } from './history-entry';
import { historyKeyStore } from './history-key';

const DAY_MS = 86_400_000;
/** The policy document's default (retention.historyDays) while no policy is loaded. */
export const DEFAULT_HISTORY_RETENTION_DAYS = 30;
export const HISTORY_PRUNE_EVERY_MS = 60 * 60_000;

export interface HistoryServiceDeps {
  /** Airlock's user-data folder: the database is `<userData>/history/history.db` (folder 0700, file 0600). */
  readonly userDataDir: string;
  /** The OS keychain (the vault's port); null: none, so nothing is kept. */
  readonly keychain: Keychain | null;
  /** The policy's historyRetentionDays now (0: keep none). */
  readonly retentionDays: () => number;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly logger: Logger;
  readonly pruneEveryMs?: number;
  /** Tests: another database adapter. */
  readonly openDb?: (file: string) => Promise<HistoryDb>;
}

export interface HistoryListQuery {
  readonly workspaceId?: string | undefined;
  readonly endpointName?: string | undefined;
  readonly limit: number;
  readonly before?: string | undefined;
}

export interface HistoryService {
  /** Keeps one invocation; its id, or null when nothing is kept (policy, keychain, database). Never throws. */
  record(owner: Owner, request: RecordedRequest, result: InvokeResultView): Promise<string | null>;
  /** The owner's entries, newest first, and whether new ones are kept. A null owner (nobody signed in) has none. */
  list(owner: Owner | null, query: HistoryListQuery): Promise<HistoryList>;
  /** One of the owner's entries whole; E_NOT_FOUND, E_KEYCHAIN_UNAVAILABLE, or E_UNAVAILABLE when it cannot be read. */
  get(owner: Owner | null, id: string): Promise<HistoryEntryView>;
  remove(owner: Owner | null, which: { readonly id: string } | { readonly all: true }): Promise<{ deleted: number }>;
  /** Resolves once every entry recorded so far is on disk (record writes just after the answer goes back). */
  written(): Promise<void>;
  /** Applies retention now; how many entries went. Never throws. */
  pruneNow(): Promise<number>;
  /** Forget this device: every entry of every account, and the key in the keychain. */
  forgetDevice(): Promise<void>;
  dispose(): void;
}

const notFound = () =>
  new AirlockError('E_NOT_FOUND', { message: 'There is no such entry in your history on this device.', hint: 'It may have been removed, or expired under the retention policy. List your history to see what is kept.' });

const unreadable = () =>
  new AirlockError('E_UNAVAILABLE', {
    message: 'This history entry cannot be read: it was changed or damaged on disk, or sealed with a key this device no longer has.',
    hint: 'Remove it (airlock history rm <id>, or Remove in History); other entries are not affected.',
  });

const storeDown = () =>
  new AirlockError('E_UNAVAILABLE', { message: 'The history database on this device could not be opened or used.', hint: 'Restart Airlock; if it keeps happening, export diagnostics for support.' });

/** A database failure mid-call (disk full, file gone) leaves as E_UNAVAILABLE in words, never engine text. */
async function storeFailuresInWords<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (thrown) {
    throw thrown instanceof HistoryDbUnavailable ? storeDown() : thrown;
  }
}

export function createHistoryService(deps: HistoryServiceDeps): HistoryService {
  const { logger } = deps;
  const folder = path.join(deps.userDataDir, 'history');
  const file = path.join(folder, 'history.db');
  // One keychain entry per database file: another user-data folder is another history.
  const keys = historyKeyStore(deps.keychain, createHash('sha256').update(path.resolve(folder)).digest('hex').slice(0, 16));
  let opening: Promise<HistoryDb | null> | null = null;
  let swept: string | null = null;
  let idOf: { key: Buffer; id: string } | null = null;
  let task: ScheduledTask | null = null;
  let disposed = false;
  /** Entries recorded but not yet written (record's deferred writes, in order). */
  let writing: Promise<void> = Promise.resolve();

  const db = (): Promise<HistoryDb | null> =>
    (opening ??= (async () => {
      await mkdir(folder, { recursive: true, mode: 0o700 });
      return (deps.openDb ?? openHistoryDb)(file);
    })().catch((thrown: unknown) => {
      logger.log('error', 'history.store_unavailable', { kind: thrown instanceof HistoryDbUnavailable ? thrown.kind : 'io-error' });
      return null;
    }));

  const days = (): number => {
    const value = deps.retentionDays();
    return Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
  };
  // 0 days keeps none: every entry goes, however young (the far future is after all of them).
  const cutoff = (): string => (days() === 0 ? '9999-12-31T23:59:59.999Z' : new Date(deps.clock.now().getTime() - days() * DAY_MS).toISOString());

  function prune(store: HistoryDb): number {
    const removed = store.removeBefore(cutoff());
    if (removed > 0) logger.log('info', 'history.retention.pruned', { removed, days: days() });
    return removed;
  }

  /** The key, once rows sealed under a lost one are gone (they could never be read again). */
  async function key(store: HistoryDb): Promise<{ ok: true; key: Buffer; keyId: string } | { ok: false; reason: string }> {
    const lookup = await keys.key(true);
    if (!lookup.ok) return lookup;
    // The key's id is a hash of it: worked out once per key, not on every record.
    if (lookup.key !== idOf?.key) idOf = { key: lookup.key, id: historyKeyId(lookup.key) };
    const keyId = idOf.id;
    if (swept !== keyId) {
      const removed = store.removeOtherKeys(keyId);
      if (removed > 0) logger.log('warn', 'history.key_lost', { removed });
      swept = keyId;
    }
    return { ok: true, key: lookup.key, keyId };
  }

  const arm = (): void => {
    task = deps.scheduler.schedule(deps.pruneEveryMs ?? HISTORY_PRUNE_EVERY_MS, () => {
      task = null;
      if (disposed) return;
      void service.pruneNow().finally(() => {
        if (!disposed) arm();
      });
    });
  };

  const service: HistoryService = {
    async record(owner, request, result) {
      try {
        const store = await db();
        if (!store) return null;
        if (days() === 0) return null;
        const sealing = await key(store);
        if (!sealing.ok) return null;
        const id = newHistoryId();
        const now = deps.clock.now();
        // Sealed and written just after the answer goes back, off the invoke's path; every read below waits for
        // the writes queued before it. Two event-loop turns: the guard's outcome record commits on the next
        // turn (the audit trail's group commit waits one setImmediate), and the answer leaves with it; this write
        // comes on the turn after, not ahead of the commit the answer is waiting for.
        const write = () => {
          try {
            const summary = JSON.stringify(summaryOf(id, now, owner, request, result));
            const body = Buffer.from(JSON.stringify({ payload: request.payload, result: { ...result, historyId: id } }), 'utf8');
            const sealed = sealBody(sealing.key, body, sealedFacts(id, owner, summary));
            store.insert(owner, { id, at: now.toISOString(), workspaceId: request.workspaceId, endpointName: request.endpointName, summary, keyId: sealing.keyId, sealed });
          } catch (thrown) {
            logger.log('error', 'history.record_failed', { kind: thrown instanceof HistoryDbUnavailable ? thrown.kind : thrown instanceof Error ? thrown.name : typeof thrown });
          }
        };
        writing = writing.then(() => new Promise<void>((resolve) => setImmediate(() => setImmediate(() => (write(), resolve())))));
        return id;
      } catch (thrown) {
        logger.log('error', 'history.record_failed', { kind: thrown instanceof HistoryDbUnavailable ? thrown.kind : thrown instanceof Error ? thrown.name : typeof thrown });
        return null;
      }
    },

    list: (owner, query) => storeFailuresInWords(async () => {
      await writing;
      const retentionDays = days();
      const store = await db();
      if (!store) return { entries: [], nextBefore: null, keeping: false, retentionDays, notKeptReason: 'The history database on this device could not be opened, so Airlock keeps no history of test requests now.' };
      prune(store);
      const sealing = retentionDays === 0 ? null : await key(store);
      const notKeptReason =
        retentionDays === 0
          ? "Your organization's policy keeps no history of test requests (historyDays: 0), so Airlock does not keep them."
          : sealing && !sealing.ok
            ? sealing.reason
            : null;
      if (!owner) return { entries: [], nextBefore: null, keeping: notKeptReason === null, retentionDays, notKeptReason };
      const rows = store.page(owner, { ...query, limit: query.limit + 1 });
      const entries = rows.slice(0, query.limit).flatMap((row): HistoryEntrySummary[] => {
        try {
          return [JSON.parse(row.summary) as HistoryEntrySummary];
        } catch {
          return []; // an edited summary: the row cannot be listed (get says unreadable)
        }
      });
      return { entries, nextBefore: rows.length > query.limit ? (rows[query.limit - 1]?.id ?? null) : null, keeping: notKeptReason === null, retentionDays, notKeptReason };
    }),

    get: (owner, id) => storeFailuresInWords(async () => {
      await writing;
      if (!owner) throw notFound();
      const store = await db();
      if (!store) throw storeDown();
      prune(store);
      const row = store.get(owner, id);
      if (!row) throw notFound();
      const sealing = await key(store);
      if (!sealing.ok) throw new AirlockError('E_KEYCHAIN_UNAVAILABLE', { message: sealing.reason, hint: 'Unlock or start your desktop keychain, then try again.' });
      if (row.keyId !== sealing.keyId) throw unreadable();
      const plain = openBody(sealing.key, row.sealed, sealedFacts(row.id, owner, row.summary));
      if (!plain) {
        logger.log('warn', 'history.entry_unreadable', { reason: 'authentication' });
        throw unreadable();
      }
      try {
        const { payload, result } = JSON.parse(plain.toString('utf8')) as { payload: unknown; result: unknown };
        const parsed = HistoryEntryView.safeParse({ summary: JSON.parse(row.summary) as unknown, payload, result });
        if (parsed.success) return parsed.data;
      } catch {
        // falls through: unreadable
      }
      logger.log('warn', 'history.entry_unreadable', { reason: 'shape' });
      throw unreadable();
    }),

    remove: (owner, which) => storeFailuresInWords(async () => {
      await writing;
      if (!owner) {
        if ('id' in which) throw notFound();
        return { deleted: 0 };
      }
      const store = await db();
      if (!store) throw storeDown();
      if ('all' in which) return { deleted: store.removeAll(owner) };
      const deleted = store.remove(owner, which.id);
      if (deleted === 0) throw notFound();
      return { deleted };
    }),

    written: () => writing,

    async pruneNow() {
      try {
        await writing;
        const store = await db();
        return store ? prune(store) : 0;
      } catch {
        logger.log('warn', 'history.retention.failed', { days: days() });
        return 0;
      }
    },

    async forgetDevice() {
      await writing;
      const store = await db();
      const removed = store?.wipe() ?? 0;
      await keys.forget();
      swept = null;
      idOf = null;
      logger.log('info', 'history.forgotten', { removed });
    },

    dispose() {
      disposed = true;
      task?.cancel();
      task = null;
      void writing.then(() => opening?.then((store) => store?.close()));
    },
  };
  arm();
  return service;
}
