// The one writer of a trail: seals events into chained, MAC'd records and commits them in batches (group
// commit: every append waiting when a transaction starts joins it, and each resolves only after the commit),
// signs checkpoints (in the same transaction as the records they cover), evolves the keys at epoch changes
// and starts segments. Jobs run strictly one after another, so seq, head and keys never race.
// An append that cannot be committed is rejected with E_AUDIT_UNAVAILABLE and leaves nothing behind: the
// transaction rolls back and the in-memory head does not move. Never logs an event's content or a key.
import type { Clock, Logger, Scheduler, ScheduledTask } from '../ports';
import type { AuditEvent } from './audit-event';
import { auditUnavailable } from './audit-errors';
import { StoreUnavailable, type AuditStore, type StoreFailure, type StoredCheckpoint, type StoredEpoch, type StoredRecord, type StoreWrite } from './audit-store';
import { bodyHash, canonicalBody } from './canonical';
import type { Anchor, TrailKeychain } from './keychain-state';
import { checkpointText, epochText, eraseMacKey, nextKeys, recordMac, rootKeys, signText, type EpochKeys } from './trail-crypto';
import type { ChainHead, OpenPlan } from './trail-open';

export interface Cadence {
  readonly records: number;
  readonly ms: number;
}

export interface WriterOptions {
  readonly store: AuditStore;
  readonly keychain: TrailKeychain;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly logger: Logger | null;
  readonly checkpointEvery: Cadence;
  readonly epochEvery: Cadence;
  /** Most records one transaction takes. */
  readonly batch: number;
  /** Runs the checkpoint the writer's own timer asks for (the trail runs it while it holds the writer lock). */
  readonly timedCheckpoint?: (run: () => Promise<unknown>) => Promise<unknown>;
}

export interface TrailWriter {
  append(event: AuditEvent): Promise<{ seq: number }>;
  /** Runs `task` between batches (nothing else writes meanwhile). */
  exclusive<T>(task: () => T | Promise<T>): Promise<T>;
  /** Starts a segment (new root key) whose first record is `first`. */
  startSegment(first: AuditEvent, epoch: number): Promise<{ seq: number }>;
  /** Deletes records through `through` (a checkpoint's seq) and writes `event` in the same transaction. */
  prune(through: number, event: AuditEvent): Promise<{ seq: number }>;
  /** Signs a checkpoint over the head now (if anything is not yet covered). */
  checkpointNow(): Promise<StoredCheckpoint | null>;
  head(): ChainHead;
  keys(): EpochKeys | null;
  roots(): Anchor['roots'];
  lastFailure(): StoreFailure | null;
  /** A checkpoint, the anchor written, the timer stopped. */
  close(): Promise<void>;
  /**
   * Stops without writing anything more (another process has written since: this writer's head is behind and
   * a new writer takes over): the timer stopped, waiting appends refused.
   */
  abandon(): void;
}

type Job = { readonly event: AuditEvent; resolve(value: { seq: number }): void; reject(error: unknown): void };

export function createTrailWriter(options: WriterOptions, plan: OpenPlan): TrailWriter {
  const { store, keychain, clock, logger } = options;
  const trail = plan.trail;
  let head: ChainHead = plan.head;
  let keys: EpochKeys | null = plan.keys;
  let roots = plan.roots;
  let lastCheckpoint = { seq: plan.lastCheckpointSeq, ms: clock.monotonicMs() };
  let epochStart = { seq: plan.epochFirstSeq - 1, ms: clock.monotonicMs() };
  let carry: { checkpoints: StoredCheckpoint[]; epochs: StoredEpoch[] } = { checkpoints: [], epochs: [] };
  let failure: StoreFailure | null = null;
  let timer: ScheduledTask | null = null;
  let closed = false;
  let abandoned = false;
  const queue: Job[] = [];
  let chain: Promise<unknown> = Promise.resolve();
  let draining = false;

  const anchorState = (): Anchor => ({ v: 1, trail, roots, head: head.seq > 0 ? head : null, checkpoint: lastCheckpoint.seq || null });
  let anchorWriting = false;
  let anchorDirty = false;
  const writeAnchor = (): void => {
    anchorDirty = true;
    if (anchorWriting) return;
    anchorWriting = true;
    void (async () => {
      while (anchorDirty) {
        anchorDirty = false;
        await keychain.writeAnchor(anchorState()).catch(() => logger?.log('warn', 'audit.anchor-write-failed'));
      }
      anchorWriting = false;
    })();
  };
  const anchorSettled = async (): Promise<void> => {
    while (anchorWriting) await new Promise((r) => setTimeout(r, 1));
  };

  const checkpointOf = (at: ChainHead, k: EpochKeys): StoredCheckpoint => {
    const body = checkpointText({ v: 1, trail, seq: at.seq, epoch: k.epoch, head: at.hash, time: clock.now().toISOString() });
    return { seq: at.seq, body, signature: signText(k.signingKey, body) };
  };

  const commit = (write: StoreWrite, pruneThrough?: number): void => {
    const merged: StoreWrite = { ...write, checkpoints: [...carry.checkpoints, ...(write.checkpoints ?? [])], epochs: [...carry.epochs, ...(write.epochs ?? [])] };
    try {
      if (pruneThrough === undefined) store.write(merged);
      else store.prune(pruneThrough, merged);
      carry = { checkpoints: [], epochs: [] };
      failure = null;
    } catch (error) {
      failure = error instanceof StoreUnavailable ? error.failure : 'io-error';
      throw auditUnavailable(failure);
    }
  };

  const scheduleCheckpoint = (): void => {
    if (timer || closed || head.seq <= lastCheckpoint.seq) return;
    timer = options.scheduler.schedule(options.checkpointEvery.ms, () => {
      timer = null;
      const run = () => writer.checkpointNow();
      void (options.timedCheckpoint ? options.timedCheckpoint(run) : run()).catch(() => undefined);
    });
  };

  /** Seals and commits a batch; a checkpoint joins the transaction when one is due. */
  const commitBatch = (batch: readonly Job[], k: EpochKeys, pruneThrough?: number): void => {
    let at = head;
    const records: StoredRecord[] = [];
    for (const job of batch) {
      const seq = at.seq + 1;
      const body = canonicalBody(at.hash, { seq, epoch: k.epoch, time: clock.now().toISOString(), event: job.event });
      const hash = bodyHash(body);
      records.push({ seq, body, mac: recordMac(k.macKey, hash) });
      at = { seq, hash, epoch: k.epoch };
    }
    const now = clock.monotonicMs();
    const due = at.seq - lastCheckpoint.seq >= options.checkpointEvery.records || now - lastCheckpoint.ms >= options.checkpointEvery.ms;
    const checkpoint = due ? checkpointOf(at, k) : null;
    const write = { records, ...(checkpoint ? { checkpoints: [checkpoint] } : {}) };
    if (pruneThrough === undefined) commit(write);
    else commit(write, pruneThrough);
    head = at;
    if (checkpoint) lastCheckpoint = { seq: checkpoint.seq, ms: now };
    batch.forEach((job, i) => job.resolve({ seq: (records[i] as StoredRecord).seq }));
    writeAnchor();
    scheduleCheckpoint();
  };

  /** Epoch change: checkpoint with the old key, certify the new key with it, keychain first, then the rows. */
  const changeEpoch = async (k: EpochKeys): Promise<void> => {
    const checkpoint = head.seq > lastCheckpoint.seq ? checkpointOf(head, k) : null;
    const next = nextKeys(k);
    const body = epochText({ v: 1, trail, epoch: next.epoch, publicKey: next.publicKey, certifiedBy: k.epoch, firstSeq: head.seq + 1, time: clock.now().toISOString(), anchored: keychain.mode === 'keychain' });
    const epoch: StoredEpoch = { epoch: next.epoch, body, certificate: signText(k.signingKey, body) };
    try {
      await keychain.writeKey({ trail, keys: next, handover: { checkpoint, epoch } });
    } catch {
      logger?.log('warn', 'audit.epoch-change-deferred');
      epochStart = { seq: epochStart.seq, ms: clock.monotonicMs() };
      return;
    }
    keys = next;
    eraseMacKey(k.macKey);
    if (checkpoint) carry.checkpoints.push(checkpoint);
    carry.epochs.push(epoch);
    if (checkpoint) lastCheckpoint = { seq: checkpoint.seq, ms: clock.monotonicMs() };
    epochStart = { seq: head.seq, ms: clock.monotonicMs() };
    try {
      commit({});
    } catch {
      // The rows stay in `carry` (and in the keychain's hand-over) and join the next transaction.
    }
    writeAnchor();
  };

  const epochDue = (): boolean =>
    head.seq > epochStart.seq && (head.seq - epochStart.seq >= options.epochEvery.records || clock.monotonicMs() - epochStart.ms >= options.epochEvery.ms);

  const drain = async (): Promise<void> => {
    if (draining) return;
    draining = true;
    try {
      while (queue.length > 0) {
        if (keys && epochDue()) await changeEpoch(keys);
        const k = keys;
        const batch = queue.splice(0, options.batch);
        if (!k) {
          for (const job of batch) job.reject(auditUnavailable('not-open'));
          continue;
        }
        try {
          commitBatch(batch, k);
        } catch (error) {
          for (const job of batch) job.reject(error);
        }
      }
    } finally {
      draining = false;
    }
  };

  const run = <T>(task: () => T | Promise<T>): Promise<T> => {
    const next = chain.then(async () => {
      await drain();
      return task();
    });
    chain = next.catch(() => undefined);
    return next;
  };

  const writer: TrailWriter = {
    append(event) {
      if (closed) return Promise.reject(auditUnavailable('closed'));
      return new Promise((resolve, reject) => {
        queue.push({ event, resolve, reject });
        if (queue.length === 1) chain = chain.then(() => new Promise<void>((r) => setImmediate(r))).then(drain).catch(() => undefined);
      });
    },
    exclusive: (task) => run(task),
    startSegment(first, epoch) {
      return run(async () => {
        const root = rootKeys(epoch);
        const body = epochText({ v: 1, trail, epoch, publicKey: root.publicKey, certifiedBy: null, firstSeq: head.seq + 1, time: clock.now().toISOString(), anchored: keychain.mode === 'keychain' });
        const row: StoredEpoch = { epoch, body, certificate: null };
        await keychain.writeKey({ trail, keys: root, handover: { checkpoint: null, epoch: row } });
        roots = [...roots, { epoch, publicKey: root.publicKey }];
        if (keys) eraseMacKey(keys.macKey);
        keys = root;
        carry.epochs.push(row);
        epochStart = { seq: head.seq, ms: clock.monotonicMs() };
        const result = new Promise<{ seq: number }>((resolve, reject) => queue.unshift({ event: first, resolve, reject }));
        await drain();
        return result;
      });
    },
    prune: (through, event) =>
      run(() => {
        if (!keys) throw auditUnavailable('not-open');
        const k = keys;
        return new Promise<{ seq: number }>((resolve, reject) => commitBatch([{ event, resolve, reject }], k, through));
      }),
    checkpointNow: () =>
      run(() => {
        if (abandoned || !keys || head.seq <= lastCheckpoint.seq) return null;
        const checkpoint = checkpointOf(head, keys);
        commit({ checkpoints: [checkpoint] });
        lastCheckpoint = { seq: checkpoint.seq, ms: clock.monotonicMs() };
        writeAnchor();
        return checkpoint;
      }),
    head: () => head,
    keys: () => keys,
    roots: () => roots,
    lastFailure: () => failure,
    abandon() {
      abandoned = true;
      closed = true;
      timer?.cancel();
      timer = null;
      for (const job of queue.splice(0)) job.reject(auditUnavailable('closed'));
    },
    async close() {
      if (abandoned) return;
      await writer.checkpointNow().catch(() => null);
      closed = true;
      timer?.cancel();
      timer = null;
      await chain;
      writeAnchor();
      await anchorSettled();
    },
  };
  return writer;
}
