// The audit store port: where records, checkpoints and epoch certificates live. The chain, the keys and the
// verifier know nothing of SQL; an adapter (better-sqlite3 today, node:sqlite inside Electron later) only
// stores and finds. Every write is one transaction: it is all there or none of it is (an append is never
// half-written), and it is durable against the process dying before the call returns.
// An adapter throws StoreUnavailable (with a kind the trail turns into plain words), never raw engine text.
import type { AuditFilter } from './audit-event';

/** A record as stored: its canonical body (see canonical.ts) and its MAC (base64). */
export interface StoredRecord {
  readonly seq: number;
  readonly body: string;
  readonly mac: string;
}

/** A signed checkpoint: body = canonical JSON {trail, seq, epoch, head, time}, signature = Ed25519, base64. */
export interface StoredCheckpoint {
  readonly seq: number;
  readonly body: string;
  readonly signature: string;
}

/** An epoch's public key (body) and the certificate the previous epoch's key signed over it (null: a root). */
export interface StoredEpoch {
  readonly epoch: number;
  readonly body: string;
  readonly certificate: string | null;
}

export interface StoreWrite {
  readonly records?: readonly StoredRecord[];
  readonly checkpoints?: readonly StoredCheckpoint[];
  readonly epochs?: readonly StoredEpoch[];
  readonly meta?: Readonly<Record<string, string>>;
}

export type StoreFailure = 'read-only' | 'disk-full' | 'corrupt' | 'cannot-open' | 'io-error' | 'busy' | 'engine-missing' | 'closed';

export class StoreUnavailable extends Error {
  override readonly name = 'StoreUnavailable';
  constructor(readonly failure: StoreFailure) {
    super(`audit store unavailable: ${failure}`);
  }
}

/** A consistent snapshot for long reads (verify, export) that never blocks appends. */
export interface StoreSnapshot {
  /** Records with after < seq ≤ through, ascending, at most `limit` of them: [seq, body]. */
  bodies(after: number, through: number, limit: number): readonly (readonly [number, string])[];
  /** Records with after < seq ≤ through, ascending, one at a time ([seq, body]); finish or return() it before other calls. */
  scan(after: number, through: number): IterableIterator<readonly [number, string]>;
  /**
   * The same rows' bodies only, in seq order, a batch (an array of bodies) at a time: no [seq, body] pair per
   * row and one call into the engine per batch instead of per row. The caller learns each row's seq only by
   * counting, so it may trust that only when the bodies claim every seq from the first to the last (see
   * verify.ts). Finish or return() it before other calls. Optional: an adapter without it gets the [seq, body]
   * walk.
   */
  bodyBatches?(after: number, through: number): IterableIterator<readonly string[]>;
  /** Records matching `filter` with seq > after, ascending. */
  matching(filter: AuditFilter, after: number, limit: number): readonly StoredRecord[];
  macs(after: number, through: number): readonly (readonly [number, string])[];
  checkpoints(): readonly StoredCheckpoint[];
  epochs(): readonly StoredEpoch[];
  /** The lowest and highest seq present (null when empty); cheap (no count: that reads a whole index). */
  bounds(): { readonly first: number; readonly last: number } | null;
  /** Whether the tables are as this version made them (a changed definition can hide rows from filters). */
  schemaIntact(): boolean;
  /** A second thread pinned to this same snapshot that can walk a stretch of it (see verify-split.ts); absent: one thread. */
  readonly secondHalf?: SecondHalf;
  close(): void;
}

/** What verify asks the second thread to walk: bodies with after < seq ≤ through, counted from after + 1. */
export interface HalfRequest {
  readonly after: number;
  readonly through: number;
  /** Seqs (ascending) whose hash verify needs: checkpoints, the anchor's and the live head. */
  readonly watch: readonly number[];
  /** The epoch whose rows' hashes verify needs for their MACs (null: none). */
  readonly macEpoch: number | null;
  /** Whether to return the bodies of prune records (a trail that starts after seq 1). */
  readonly prunes: boolean;
}

/** A row the second thread hands back for the main thread to check: its first row and every epoch change. */
export interface HandedBack {
  readonly seq: number;
  readonly body: string;
  readonly hash: string;
  /** The hash of the row before it (null for the first row: the main thread's). */
  readonly before: string | null;
  readonly epochBefore: number;
  readonly epochAfter: number;
}

/**
 * The second thread's walk: every row in (after, vouchedThrough] passed the fast checks (link, counted seq,
 * the epoch of the last handed-back row) or is handed back. Flat [seq, value, seq, value, …] lists.
 */
export interface HalfResult {
  readonly vouchedThrough: number;
  readonly lastHash: string | null;
  readonly epoch: number;
  readonly handbacks: readonly HandedBack[];
  readonly watched: readonly (number | string)[];
  readonly macs: readonly (number | string)[];
  readonly prunes: readonly (number | string)[];
}

export interface SecondHalf {
  /** Walks a stretch of the snapshot on the other thread (once); null when it failed (the caller walks it). */
  walk(request: HalfRequest, onProgress: (done: number) => void): Promise<HalfResult | null>;
  close(): void;
}

/**
 * The trail's writer lock, shared by every process that opens the same database (the app, `airlock` commands,
 * a `tunnel` left running): the chain has one head, so only the holder writes, and a process that takes the
 * lock first picks the chain up where the last holder left it. Released by the OS if its holder dies.
 */
export interface WriterLock {
  /** Takes the lock if no other process holds it; false when one does (never waits). */
  tryAcquire(): boolean;
  release(): void;
  /** Tells the holder this process is waiting for the lock (called while waiting, now and then). */
  markWaiting(): void;
  /** Whether another process said in the last second that it is waiting. */
  othersWaiting(): boolean;
  close(): void;
}

export interface AuditStore {
  /** Where the data is (a file path, for status and docs; never shown with secrets). */
  readonly location: string;
  /** Optional: the lock several processes share (absent: one process only, e.g. a fake in tests). */
  readonly writerLock?: WriterLock;
  meta(key: string): string | null;
  last(): StoredRecord | null;
  latestCheckpoint(): StoredCheckpoint | null;
  maxEpoch(): StoredEpoch | null;
  epoch(epoch: number): StoredEpoch | null;
  checkpointAt(seq: number): StoredCheckpoint | null;
  /** One transaction: everything in `write` or nothing. */
  write(write: StoreWrite): void;
  /** Newest first, seq < before (or seq > after, then still returned newest first). */
  page(filter: AuditFilter, page: { readonly after?: number; readonly before?: number; readonly limit: number }): readonly StoredRecord[];
  /** Deletes records with seq ≤ through and checkpoints before `through` (the one at `through` stays). */
  prune(through: number, write: StoreWrite): void;
  snapshot(): StoreSnapshot;
  /** Optional: starts verify's second thread (null: unavailable). Call outside the exclusive section; it takes a while. */
  verifyHelper?(): Promise<{ close(): void } | null>;
  /**
   * Optional: snapshot() with the started helper pinned to the same snapshot (its `secondHalf`), or without it
   * when that cannot be had. Inside the trail's exclusive section only.
   */
  pinnedSnapshot?(helper: { close(): void }): Promise<StoreSnapshot>;
  close(): void;
}
