// The audit trail: the service the guard appends to and the Audit screen, CLI and exports read. Composes the
// store (port), the keychain (the vault's port), the writer (chain, checkpoints, epochs), the verifier and
// the export formats. If the database cannot be opened it stays up and refuses appends in plain words
// (E_AUDIT_UNAVAILABLE), trying to open again at most every few seconds.
// Never logs an event's content, never returns a key, never writes a secret (events are scrubbed first).
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { AirlockError } from '../../../shared/errors/airlock-error';
import { systemClock, systemScheduler, type Clock, type Logger, type Scheduler } from '../ports';
import type { Keychain } from '../vault';
import { AuditFilterSchema, MAX_PAGE, type AuditEvent, type AuditFilter, type AuditPage, type AuditPageRequest } from './audit-event';
import { auditUnavailable, auditUnavailableWords } from './audit-errors';
import { StoreUnavailable, type AuditStore, type StoreFailure } from './audit-store';
import { bodyHash, recordOf } from './canonical';
import { scrubEvent } from './event-scrub';
import { exportTrail, type ExportSummary } from './export/export-trail';
import type { ExportFormatName } from './export/export-format';
import { trailKeychain, type TrailKeychain } from './keychain-state';
import { openSqliteStore, type SqliteStoreOptions } from './sqlite-store';
import { planOpen, type OpenPlan } from './trail-open';
import { createTrailWriter, type Cadence, type TrailWriter } from './trail-writer';
import { createLockSession, type LockSession } from './writer-lock-session';
import { verifyTrail } from './verify';
import type { VerifyReport } from './verify-report';

export interface AuditTrailOptions {
  /** The database file (its folder must exist). */
  readonly file: string;
  /** The OS keychain (the vault's port); null: none, keys live in memory for this run. */
  readonly keychain: Keychain | null;
  /** Keychain entries are named audit-trail/<name>/…; one name per database file. Default 'default'. */
  readonly name?: string;
  readonly clock?: Clock;
  readonly scheduler?: Scheduler;
  readonly logger?: Logger;
  /** 'process' (default): a resolved append survives the process dying; 'power': also a power cut (fsync). */
  readonly durability?: 'process' | 'power';
  readonly maxBytes?: number;
  /** Default: a checkpoint every 1,000 records or 60 s; a new epoch every 10,000 records or 15 min. */
  readonly checkpointEvery?: Partial<Cadence>;
  readonly epochEvery?: Partial<Cadence>;
  /** Another store adapter (node:sqlite inside Electron, a fake in tests). */
  readonly openStore?: (file: string, options: SqliteStoreOptions) => Promise<AuditStore>;
  /**
   * Verify walks on two threads from this many records on (default 100,000; below, a thread costs more than it
   * saves), and by default only while a core is free (the 1-minute load average below the cores available):
   * on a saturated machine the second thread only adds ~10% CPU and contention. Given explicitly (tests), the
   * load is not asked.
   */
  readonly verifySplitFrom?: number;
}

export interface AuditStatus {
  readonly writable: boolean;
  /** Plain words when appends are refused, else null. */
  readonly reason: string | null;
  readonly failure: StoreFailure | null;
  readonly lastSeq: number;
  readonly keychain: 'keychain' | 'memory';
  /** Plain words when the keys are kept in memory only. */
  readonly keychainReason: string | null;
  readonly durability: 'process' | 'power';
  readonly location: string;
}

/** A record as stored, for forwarding: the canonical body (verbatim) and its hash. */
export interface ChainedRecord {
  readonly seq: number;
  readonly body: string;
  readonly hash: string;
}

export interface AuditTrail {
  /** Resolves once the record is committed (durable as `durability` says); else E_AUDIT_UNAVAILABLE. */
  append(event: AuditEvent): Promise<{ seq: number }>;
  status(): AuditStatus;
  query(filter: AuditFilter, page: AuditPageRequest): Promise<AuditPage>;
  verify(onProgress?: (done: number, total: number) => void, signal?: AbortSignal): Promise<VerifyReport>;
  export(format: ExportFormatName, filter: AuditFilter, write: (chunk: string) => Promise<void>): Promise<ExportSummary>;
  /** Retention: deletes records older than `before`, through the newest checkpoint older than it. */
  prune(before: Date): Promise<{ prunedThrough: number } | null>;
  /** For forwarding: records after `seq`, oldest first. */
  recordsAfter(seq: number, limit: number): Promise<readonly ChainedRecord[]>;
  /** A durable cursor (e.g. the forwarder's last delivered seq), kept in the database. */
  cursor(name: string): { get(): number; set(seq: number): Promise<void> };
  close(): Promise<void>;
}

const REOPEN_MS = 5_000;

function systemEvent(action: string, resource: string, rule: string, reason: string): AuditEvent {
  return { kind: 'system', correlationId: randomUUID(), action, resource, accountId: null, username: null, tenantId: null, environmentId: null, rule, reason };
}

function firstEvent(plan: OpenPlan): AuditEvent | null {
  if (plan.gap) {
    const { from, to, kind } = plan.gap;
    const what = kind === 'truncated' ? 'were cut off the end of the database' : kind === 'older-copy' ? 'are missing: the database was replaced by an older copy' : 'are missing: the database was deleted or replaced';
    return systemEvent('audit.gap', `audit:${from}-${to}`, kind, `Records ${from}–${to} ${what} (the keychain remembered them when Airlock opened the trail).`);
  }
  if (!plan.segment) return null;
  const words: Record<NonNullable<OpenPlan['segment']>, string> = {
    'new-trail': 'A new audit trail began.',
    'no-keychain': 'No keychain was available: this part of the trail is kept with keys that live only while Airlock runs.',
    'keychain-back': 'The keychain is available again: a new part of the trail began with keys kept there.',
    'keys-missing': 'The keychain no longer held the keys of this trail, so a new part of it began with new keys.',
    'older-copy': 'The keys of this database’s last epoch were erased, so a new part of the trail began with new keys.',
    deleted: 'The database was missing, so a new trail began.',
  };
  return systemEvent('audit.segment', `audit:${plan.trail}`, plan.segment, words[plan.segment]);
}

export async function createAuditTrail(options: AuditTrailOptions): Promise<AuditTrail> {
  const clock = options.clock ?? systemClock;
  const name = options.name ?? 'default';
  const durability = options.durability ?? 'process';
  const checkpointEvery: Cadence = { records: 1000, ms: 60_000, ...options.checkpointEvery };
  const epochEvery: Cadence = { records: 10_000, ms: 15 * 60_000, ...options.epochEvery };
  const openStore = options.openStore ?? openSqliteStore;
  const verifySplitFrom = options.verifySplitFrom ?? 100_000;
  const coreFree = (): boolean => options.verifySplitFrom !== undefined || (os.loadavg()[0] ?? 0) < os.availableParallelism() - 0.5;

  let store: AuditStore | null = null;
  let writer: TrailWriter | null = null;
  let keychain: TrailKeychain | null = null;
  // Several processes may open this database (the app, `airlock` commands): writes happen only inside the
  // writer lock's session (writer-lock-session.ts), and each time it is taken the chain is picked up where
  // the last holder left it (catchUp). null: a store with no lock (one process only).
  let session: LockSession | null = null;
  let trail = '';
  let failure: StoreFailure | null = null;
  let lastAttempt = Number.NEGATIVE_INFINITY;
  let closed = false;

  /** Plans from what the database and keychain hold now and starts a writer there (its first record, if any, written). */
  const startWriter = async (s: AuditStore, k: TrailKeychain): Promise<TrailWriter> => {
    const plan = await planOpen(s, k);
    const timedCheckpoint = (run: () => Promise<unknown>) => (session ? session.enter().then(run) : run());
    const next = createTrailWriter({ store: s, keychain: k, clock, scheduler: options.scheduler ?? systemScheduler, logger: options.logger ?? null, checkpointEvery, epochEvery, batch: 2000, timedCheckpoint }, plan);
    const first = firstEvent(plan);
    if (first) await (plan.keys ? next.append(first) : next.startSegment(first, plan.maxEpoch + 1));
    trail = plan.trail;
    return next;
  };

  /**
   * With the writer lock just taken: when another process wrote since this one last held it (the database's
   * last record or newest epoch is not this writer's), this writer's head is behind. It stops and a new one
   * starts from what the database and keychain hold now: same chain, next seq, the current epoch's keys.
   */
  const catchUp = async (s: AuditStore, k: TrailKeychain): Promise<void> => {
    const w = writer;
    if (w && (s.last()?.seq ?? 0) === w.head().seq && (s.maxEpoch()?.epoch ?? 0) === w.keys()?.epoch) return;
    w?.abandon();
    writer = null;
    writer = await startWriter(s, k);
  };

  const open = async (withKeychain = options.keychain): Promise<void> => {
    lastAttempt = clock.monotonicMs();
    let opened: AuditStore | null = null;
    try {
      opened = await openStore(options.file, { durability, ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }) });
      const s = opened;
      const k = await trailKeychain(withKeychain, name);
      keychain = k;
      writer = null;
      session = s.writerLock ? createLockSession(s.writerLock, { onAcquired: () => catchUp(s, k), drained: async () => void (await writer?.exclusive(() => undefined)) }) : null;
      if (session) await session.enter();
      else writer = await startWriter(s, k);
      store = opened;
      failure = null;
    } catch (error) {
      writer?.abandon();
      writer = null;
      session = null;
      opened?.close();
      // A keychain that answered but then refused a write: go on with keys in memory (the trail says so).
      if (withKeychain && error instanceof AirlockError && error.code === 'E_KEYCHAIN_UNAVAILABLE') return open(null);
      failure = error instanceof StoreUnavailable ? error.failure : error instanceof AirlockError ? 'io-error' : 'cannot-open';
      options.logger?.log('warn', 'audit.unavailable', { failure });
    }
  };
  await open();

  const ready = async (): Promise<{ store: AuditStore; writer: TrailWriter; keychain: TrailKeychain }> => {
    if (closed) throw auditUnavailable('closed');
    if (!writer && clock.monotonicMs() - lastAttempt >= REOPEN_MS) await open();
    if (!writer || !store || !keychain) throw auditUnavailable(failure ?? 'not-open');
    return { store, writer, keychain };
  };

  /** ready(), inside the writer lock's session: what it returns may write, and its head is the chain's. */
  const writable = async (): Promise<{ store: AuditStore; writer: TrailWriter; keychain: TrailKeychain }> => {
    await ready();
    if (session) {
      try {
        await session.enter();
      } catch (error) {
        // Picking the chain up failed (the keychain refused a new segment, say): open again later, afresh.
        if (!writer) {
          failure = error instanceof StoreUnavailable ? error.failure : 'io-error';
          const s = store;
          store = null;
          session = null;
          s?.close();
        }
        throw error;
      }
    }
    return ready();
  };

  return {
    async append(event) {
      const scrubbed = scrubEvent(event);
      if (!scrubbed) throw auditUnavailable('invalid-record');
      const { writer: w } = await writable();
      return w.append(scrubbed);
    },
    status() {
      const current = writer?.lastFailure() ?? (writer ? null : (failure ?? 'not-open'));
      return {
        writable: current === null && !closed,
        reason: current === null ? null : `Appends are refused because ${auditUnavailableWords(current)}.`,
        failure: current === 'not-open' ? 'cannot-open' : current,
        lastSeq: writer?.head().seq ?? 0,
        keychain: keychain?.mode ?? 'memory',
        keychainReason: keychain?.reason ?? null,
        durability,
        location: options.file,
      };
    },
    async query(filter, page) {
      const parsed = AuditFilterSchema.safeParse(filter);
      if (!parsed.success || !Number.isInteger(page.limit) || page.limit < 1 || page.limit > MAX_PAGE) throw new AirlockError('E_BAD_REQUEST');
      const { store: s } = await ready();
      const rows = s.page(parsed.data, { ...page, limit: page.limit + 1 });
      const forward = page.after !== undefined;
      const extra = rows.length > page.limit;
      const kept = forward ? rows.slice(rows.length - Math.min(rows.length, page.limit)) : rows.slice(0, page.limit);
      const records = kept.map((row) => recordOf(row.body));
      const newest = records[0]?.seq;
      const oldest = records.at(-1)?.seq;
      const hasNewer = forward ? extra : newest !== undefined && s.page(parsed.data, { after: newest, limit: 1 }).length > 0;
      const hasOlder = forward ? oldest !== undefined && s.page(parsed.data, { before: oldest, limit: 1 }).length > 0 : extra;
      return { records, hasOlder, hasNewer };
    },
    async verify(onProgress, signal) {
      const { store: s, writer: w, keychain: k } = await writable();
      // A second thread for a big trail (verify-split.ts), started before the exclusive section (it takes tens
      // of ms) and pinned inside it to the main reader's snapshot.
      const helper = s.verifyHelper && s.pinnedSnapshot && w.head().seq >= verifySplitFrom && coreFree() ? await s.verifyHelper().catch(() => null) : null;
      const taken = await w
        .exclusive(async () => {
          const live = w.head();
          const anchor = await k.readAnchor().catch(() => null);
          const key = await k.readKey().catch(() => null);
          const snapshot = helper && s.pinnedSnapshot ? await s.pinnedSnapshot(helper) : s.snapshot();
          return { live: live.seq > 0 ? live : null, anchor, key: key && key.trail === trail ? { epoch: key.keys.epoch, macKey: key.keys.macKey } : null, snapshot };
        })
        .catch((error: unknown) => {
          helper?.close();
          throw error;
        });
      try {
        return await verifyTrail({ snapshot: taken.snapshot, trail, anchor: taken.anchor, key: taken.key, live: taken.live, onProgress, signal });
      } finally {
        taken.snapshot.close();
      }
    },
    async export(format, filter, write) {
      const parsed = AuditFilterSchema.safeParse(filter);
      if (!parsed.success) throw new AirlockError('E_BAD_REQUEST');
      const { store: s, writer: w } = await writable();
      await w.checkpointNow().catch(() => null);
      const snapshot = await w.exclusive(() => s.snapshot());
      try {
        return await exportTrail(snapshot, format, parsed.data, write);
      } finally {
        snapshot.close();
      }
    },
    async prune(before) {
      const { store: s, writer: w } = await writable();
      await w.checkpointNow().catch(() => null);
      const cutoff = before.toISOString();
      const snapshot = await w.exclusive(() => s.snapshot());
      let through = 0;
      let first = 0;
      try {
        first = snapshot.bounds()?.first ?? 0;
        for (const cp of snapshot.checkpoints()) if ((JSON.parse(cp.body) as { time: string }).time < cutoff && cp.seq >= first) through = cp.seq;
      } finally {
        snapshot.close();
      }
      if (through === 0 || through >= w.head().seq) return null;
      await w.prune(through, systemEvent('audit.pruned', `audit:${first}-${through}`, 'retention', `Records ${first}–${through} were older than the retention period and were deleted at a checkpoint.`));
      return { prunedThrough: through };
    },
    async recordsAfter(seq, limit) {
      const { store: s } = await ready();
      const snapshot = s.snapshot();
      try {
        // Through the database's own end: other processes' records too (this writer's head may be behind).
        const through = snapshot.bounds()?.last ?? 0;
        return snapshot.bodies(seq, through, Math.min(limit, MAX_PAGE)).map(([at, body]) => ({ seq: at, body, hash: bodyHash(body) }));
      } finally {
        snapshot.close();
      }
    },
    cursor(cursorName) {
      const key = `cursor:${cursorName}`;
      return {
        get: () => Number(store?.meta(key) ?? 0),
        set: async (seq) => {
          const { store: s, writer: w } = await ready();
          await w.exclusive(() => s.write({ meta: { [key]: String(seq) } }));
        },
      };
    },
    async close() {
      if (closed) return;
      // The closing checkpoint is a write: inside the lock, on the chain's head (skipped if the lock stays taken).
      const entered = session ? await session.enter().then(() => true, () => false) : true;
      closed = true;
      if (entered) await writer?.close();
      else writer?.abandon();
      await session?.close();
      store?.close();
    },
  };
}
