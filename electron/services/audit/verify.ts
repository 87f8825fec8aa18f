// Verify: walks a snapshot of the trail once, in seq order, and answers "intact" or names the first bad record
// and what happened to it (edited, deleted, reordered, truncated, replaced by an older copy, key missing),
// plus every stretch that cannot be verified (written without a keychain). What it checks:
//   - each body links to the previous one (prev = SHA-256 of the previous body) and claims its own seq;
//   - every checkpoint's signature, by its epoch's key, certified back to a root the keychain holds, and the
//     chain's head at the checkpoint's seq;
//   - the MAC of each record of the current epoch (the only MAC key that still exists, by design);
//   - the end: the newest head this process wrote and the one the keychain remembers are still there;
//   - gap and prune records the trail wrote itself, which keep naming what went missing.
// The hot loop compares strings at fixed offsets and parses a body only when something looks wrong.
// Reads only; never repairs, never logs a record.
import { hash as oneShotHash } from 'node:crypto';
import type { StoreSnapshot } from './audit-store';
import { bodyHash, GENESIS, parseBody, PREV_AT, seqOf } from './canonical';
import { claimsSeqAndEpoch, gapOf, prunedThrough } from './verify-body';
import type { Anchor } from './keychain-state';
import type { ChainHead } from './trail-open';
import { checkCheckpointsLater, trustEpochs } from './verify-keys';
import { finishReport } from './verify-end';
import { joinSecondHalf, untilAborted } from './verify-split';
import { findingWords, type TamperKind, type UnverifiableStretch, type VerifyFinding, type VerifyReport } from './verify-report';

export interface VerifyInput {
  readonly snapshot: StoreSnapshot;
  readonly trail: string;
  /** The keychain's anchor now (null: none). */
  readonly anchor: Anchor | null;
  /** The current epoch's MAC key as the keychain has it now (null: missing). */
  readonly key: { readonly epoch: number; readonly macKey: Buffer } | null;
  /** The head this process last wrote (null: nothing written in this run). */
  readonly live: ChainHead | null;
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
  readonly signal?: AbortSignal | undefined;
}

const CHUNK = 20_000;

/**
 * bodyHash with node:crypto's one-shot hash looked up once: the same SHA-256 (base64), without the per-call
 * feature check and module-namespace lookup, which add up over a million rows (~50 ms at 1M under tsx).
 */
// The hot loop's imports as module constants: under tsx or a dev server an imported binding is a getter on the
// other module's namespace, called once per row (~60 ms at 1M); a const is read directly.
const PREV = PREV_AT;
const claims = claimsSeqAndEpoch;
const rowHash: (body: string) => string = typeof oneShotHash === 'function' ? ((sha) => (body: string) => sha('sha256', body, 'base64'))(oneShotHash) : bodyHash;
const MAX_FINDINGS = 50;

/**
 * Walks the bodies alone first (the store's bodyBatches: no [seq, body] pair per row, one engine call per
 * batch), counting seqs from the first one present. That is the same answer as the [seq, body] walk when the
 * bodies claim every seq from the first row's to the last row's: distinct integer seqs, as many as
 * last - first + 1, all in [first, last], can only be first..last in order, so each row's seq is the one
 * counted. Anything else (a body claiming another seq, a gap) walks again with each row's own seq, which names
 * the first bad record as before. A pruned trail (first > 1) counts from its first seq too.
 */
export async function verifyTrail(input: VerifyInput): Promise<VerifyReport> {
  return (input.snapshot.bodyBatches ? await walkTrail(input, true) : null) ?? (await walkTrail(input, false)) ?? abandoned();
}

function abandoned(): never {
  throw new Error('the [seq, body] walk always answers');
}

/** One walk; null when `bodiesOnly` and the counted seqs cannot be trusted (the caller walks again). */
async function walkTrail(input: VerifyInput, bodiesOnly: boolean): Promise<VerifyReport | null> {
  const { snapshot, trail, anchor, key, live } = input;
  const findings: VerifyFinding[] = [];
  const unverifiable: UnverifiableStretch[] = [];
  const found = (seq: number, toSeq: number, what: TamperKind, detail?: string): void => {
    if (findings.length < MAX_FINDINGS) findings.push({ seq, toSeq, what, words: findingWords(seq, toSeq, what, detail) });
  };

  const bounds = snapshot.bounds();
  // Progress counts against the seq span (a count(*) would read a whole index first: ~0.35 s at 1M); the
  // report's total is the rows actually walked, which is every row of the snapshot.
  let total = bounds ? bounds.last - bounds.first + 1 : 0;
  const epochs = trustEpochs(snapshot.epochs(), anchor, trail);
  // Checkpoint signatures are checked on the threadpool while the walk runs; the walk notes the chain's hash
  // at each checkpoint that can be valid, and the heads are compared once the signatures are known.
  const signed = checkCheckpointsLater(snapshot.checkpoints(), epochs, trail);
  if (!snapshot.schemaIntact()) found(bounds?.first ?? 0, bounds?.last ?? 0, 'edited', 'the database’s table definitions were changed');

  // Hashes to compare at particular seqs: the anchor's head, the live head.
  const anchorHead = anchor && anchor.trail === trail ? anchor.head : null;
  const watch = new Map<number, string>();
  const macHashes = new Map<number, string>();
  const epochSpan = new Map<number, { from: number; to: number }>();
  let pendingPrune: number | null = null;
  let prevHash = GENESIS;
  let prevSeq = 0;
  let epoch = -1;
  let done = 0;
  const through = bounds?.last ?? 0;

  const slow = (seq: number, body: string, hash: string): void => {
    let claimed: ReturnType<typeof parseBody> | null = null;
    try {
      claimed = parseBody(body);
    } catch {
      claimed = null;
    }
    if (!claimed || seqOf(body) !== claimed.seq) {
      found(seq, seq, 'edited', 'it is no longer a well-formed record');
    } else if (claimed.seq !== seq) {
      found(seq, seq, 'reordered', `it holds record ${claimed.seq}`);
    } else if (seq !== prevSeq + 1) {
      const gap = gapOf(body);
      if (gap && gap.to === seq - 1) found(gap.from, gap.to, gap.kind, `Airlock noticed this when it opened the trail on ${gap.time}`);
      else if (prevSeq === 0 && body.startsWith(signed.candidates.get(seq - 1)?.head ?? '\u0000', PREV_AT) && signed.validNow(seq - 1)) pendingPrune = seq - 1;
      else found(prevSeq + 1, seq - 1, 'deleted');
    } else if (!body.startsWith(prevHash, PREV_AT)) {
      const gap = gapOf(body);
      if (!gap) found(prevSeq || seq, prevSeq || seq, 'edited', prevSeq ? 'the next record no longer chains to it' : undefined);
    }
    if (claimed?.kind === 'system' && claimed.action === 'audit.segment' && claimed.rule === 'keys-missing') {
      found(seq, seq, 'key-missing', `Airlock found this trail’s keys missing from the keychain when it opened the trail on ${claimed.time}`);
    }
    if (claimed && claimed.epoch !== epoch) {
      const next = epochs.get(claimed.epoch);
      if (!next || claimed.epoch < epoch) found(seq, seq, 'edited', 'it names an epoch the trail does not have');
      epoch = claimed.epoch;
    }
    prevHash = hash;
    prevSeq = seq;
  };

  // The hot loop's lookups without a Map per row: the checkpoints' seqs in order (a cursor), the current
  // epoch's span, the seq text checked by reading its digits in place.
  const checkpointSeqs = [...signed.candidates.keys()].sort((a, b) => a - b);
  const hashAtCheckpoint = new Map<number, string>();
  let nextCheckpoint = 0;
  let checkpointSeq = checkpointSeqs[0] ?? Number.POSITIVE_INFINITY;
  const anchorSeq = anchorHead?.seq ?? -1;
  const liveSeq = live?.seq ?? -1;
  const macEpoch = key?.epoch ?? Number.NaN;
  let spanEpoch = Number.NaN;
  let span = { from: 0, to: 0 };
  let epochText = `,"epoch":${epoch},`;

  // One row, in seq order: the fast checks, else the slow path; then what the end checks need from it.
  // False: a body claims another seq than the one counted (the caller walks again with each row's seq).
  const row = (seq: number, body: string, hash: string, counting: boolean): boolean => {
    if (seq === prevSeq + 1 && body.startsWith(prevHash, PREV) && claims(body, seq, epochText)) {
      prevHash = hash;
      prevSeq = seq;
    } else {
      if (counting && seqOf(body) !== seq) return false;
      slow(seq, body, hash);
      epochText = `,"epoch":${epoch},`;
    }
    if (epoch !== spanEpoch) {
      spanEpoch = epoch;
      span = epochSpan.get(epoch) ?? { from: seq, to: seq };
      epochSpan.set(epoch, span);
    }
    span.to = seq;
    if (epoch === macEpoch) macHashes.set(seq, hash);
    while (checkpointSeq < seq) checkpointSeq = checkpointSeqs[++nextCheckpoint] ?? Number.POSITIVE_INFINITY;
    if (checkpointSeq === seq) hashAtCheckpoint.set(seq, hash);
    if (seq === anchorSeq || seq === liveSeq) watch.set(seq, hash);
    if (pendingPrune !== null && body.includes('"action":"audit.pruned"')) noteIfPruned(body);
    return true;
  };
  const noteIfPruned = (body: string): void => {
    const pruned = prunedThrough(body);
    if (pendingPrune !== null && pruned !== null && pruned >= pendingPrune) pendingPrune = null;
  };

  // The second thread's stretches and notes (verify-split.ts): what row() would have done for those rows.
  const stretch = (from: number, to: number, lastHash: string): void => {
    done += to - from + 1;
    counted = to + 1;
    prevSeq = to;
    prevHash = lastHash;
    span.to = to;
  };
  const noteHash = (seq: number, hash: string): void => {
    if (signed.candidates.has(seq)) hashAtCheckpoint.set(seq, hash);
    if (seq === anchorSeq || seq === liveSeq) watch.set(seq, hash);
  };
  const joinedRow = (seq: number, body: string, hash: string, counting: boolean): boolean => {
    done++;
    counted = seq + 1;
    return row(seq, body, hash, counting);
  };
  const noteMac = (seq: number, hash: string): void => void macHashes.set(seq, hash);

  // Progress: this thread's rows plus the second thread's, never going back.
  let shown = 0;
  let helperDone = 0;
  const progress = (): void => {
    if (done + helperDone <= shown && shown > 0) return;
    shown = done + helperDone;
    input.onProgress?.(shown, total);
  };
  const aborted = (): VerifyReport => ({ result: 'aborted', checked: done, total, first: null, findings, unverifiable, words: 'Verification was stopped before it finished.' });

  const firstSeq = bounds?.first ?? 1;
  let counted = firstSeq;
  /** Walks bodies (counted from `counted`) or [seq, body] pairs to their end: 'recount' when counting failed. */
  const walk = async (batches: IterableIterator<readonly string[]> | null, pairs: IterableIterator<readonly [number, string]> | null): Promise<'done' | 'aborted' | 'recount'> => {
    const stop = (): void => {
      batches?.return?.();
      pairs?.return?.();
    };
    let batch: readonly string[] = [];
    let inBatch = 0;
    for (let more = true; more; ) {
      if (input.signal?.aborted) {
        stop();
        return 'aborted';
      }
      let inChunk = 0;
      for (; inChunk < CHUNK; inChunk++) {
        let seq: number;
        let body: string;
        if (batches) {
          if (inBatch === batch.length) {
            const next = batches.next();
            if (next.done) {
              more = false;
              break;
            }
            batch = next.value;
            inBatch = 0;
          }
          body = batch[inBatch++] as string;
          seq = counted++;
        } else {
          const next = pairs?.next();
          if (!next || next.done) {
            more = false;
            break;
          }
          [seq, body] = next.value;
        }
        if (!row(seq, body, rowHash(body), batches !== null)) {
          stop();
          return 'recount';
        }
      }
      done += inChunk;
      progress();
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return 'done';
  };

  const second = bodiesOnly && snapshot.bodyBatches && bounds ? snapshot.secondHalf : undefined;
  let walked: 'done' | 'aborted' | 'recount';
  if (second && bounds && snapshot.bodyBatches) {
    // Two threads: this one walks [first, mid], the second (mid, last] (verify-split.ts).
    const mid = bounds.first - 1 + Math.floor((bounds.last - bounds.first + 1) / 2);
    const request = { after: mid, through, watch: [...checkpointSeqs, anchorSeq, liveSeq].filter((s) => s > mid).sort((a, b) => a - b), macEpoch: key?.epoch ?? null, prunes: firstSeq > 1 };
    let joining = false;
    const half = second.walk(request, (n) => {
      if (joining) return;
      helperDone = n;
      progress();
    });
    walked = await walk(snapshot.bodyBatches(firstSeq - 1, mid), null);
    if (walked === 'done') {
      const result = await untilAborted(half, input.signal);
      if (result === 'aborted') walked = 'aborted';
      else {
        joining = true;
        helperDone = 0;
        const joined = result ? joinSecondHalf(result, mid, { row: joinedRow, epoch: () => epoch, stretch, noteHash, noteMac, noteIfPruned }) : mid;
        progress();
        if (joined === 'recount') walked = 'recount';
        else if (joined < through) walked = await walk(snapshot.bodyBatches(joined, through), null);
      }
    }
    second.close();
  } else {
    walked = await walk(bodiesOnly && snapshot.bodyBatches ? snapshot.bodyBatches(firstSeq - 1, through) : null, bodiesOnly ? null : snapshot.scan(0, through));
  }
  if (walked === 'aborted') return aborted();
  if (walked === 'recount') return null;
  // Counting was right only if the rows were exactly first..last (see verifyTrail).
  if (bodiesOnly && snapshot.bodyBatches && (bounds ? counted !== bounds.last + 1 || done !== bounds.last - bounds.first + 1 : done !== 0)) return null;
  total = done;
  const checkpoints = await signed.all;
  for (const [seq, cp] of checkpoints) if (!cp.valid) found(seq, seq, 'edited', 'the checkpoint’s signature does not match it');
  // Each valid checkpoint the walk passed must name the chain's hash there; a recomputed chain breaks one.
  let lastCheckpointSeen = 0;
  for (const seq of checkpointSeqs) {
    const cp = checkpoints.get(seq);
    const hash = hashAtCheckpoint.get(seq);
    if (!cp?.valid || hash === undefined) continue;
    if (cp.statement.head !== hash) found(lastCheckpointSeen + 1, seq, 'edited', 'the chain was recomputed to hide the change');
    lastCheckpointSeen = seq;
  }
  if (pendingPrune !== null) found(1, pendingPrune, 'deleted', 'no prune record of Airlock’s own accounts for them');

  return finishReport({ snapshot, trail, anchor, key, live, found, findings, unverifiable, checkpoints, epochs, macHashes, watch, epochSpan, anchorHead, through, lastSeq: bounds?.last ?? 0, done, total });
}
