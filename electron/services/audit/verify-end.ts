// The end of verify, once the walk is done: the current epoch's MACs, which stretches are covered by a good
// checkpoint, the current key or the remembered head (else unverifiable or key missing), the trail's end
// against the heads the writer and the keychain saw, then the findings in order and the report's words.
// Reads the MAC column once; never logs a record.
import type { StoreSnapshot } from './audit-store';
import type { Anchor } from './keychain-state';
import { recordMac } from './trail-crypto';
import type { ChainHead } from './trail-open';
import type { CheckpointInfo, EpochInfo } from './verify-keys';
import { summaryWords, type TamperKind, type UnverifiableStretch, type VerifyFinding, type VerifyReport } from './verify-report';

export interface WalkedTrail {
  readonly snapshot: StoreSnapshot;
  readonly trail: string;
  readonly anchor: Anchor | null;
  readonly key: { readonly epoch: number; readonly macKey: Buffer } | null;
  readonly live: ChainHead | null;
  readonly found: (seq: number, toSeq: number, what: TamperKind, detail?: string) => void;
  readonly findings: VerifyFinding[];
  readonly unverifiable: UnverifiableStretch[];
  readonly checkpoints: ReadonlyMap<number, CheckpointInfo>;
  readonly epochs: ReadonlyMap<number, EpochInfo>;
  /** The current epoch's rows' hashes, by seq. */
  readonly macHashes: ReadonlyMap<number, string>;
  /** The hashes at the anchor's and the live head's seqs. */
  readonly watch: ReadonlyMap<number, string>;
  readonly epochSpan: ReadonlyMap<number, { from: number; to: number }>;
  readonly anchorHead: ChainHead | null;
  readonly through: number;
  readonly lastSeq: number;
  readonly done: number;
  readonly total: number;
}

export function finishReport(w: WalkedTrail): VerifyReport {
  const { snapshot, trail, anchor, key, live, found, findings, unverifiable, checkpoints, epochs, macHashes, watch, epochSpan, anchorHead, through, lastSeq, done, total } = w;
  // The current epoch's MACs.
  if (key && macHashes.size > 0) {
    const from = Math.min(...macHashes.keys());
    for (const [seq, mac] of snapshot.macs(from - 1, through)) {
      const hash = macHashes.get(seq);
      if (hash !== undefined && recordMac(key.macKey, hash) !== mac) found(seq, seq, 'edited', 'its MAC does not match');
    }
  }

  // Coverage: every record is protected by a good checkpoint of its epoch, the current MAC key, or the head
  // the keychain remembers; otherwise it is unverifiable (no keychain) or its key is missing.
  const lastGoodCheckpoint = new Map<number, number>();
  for (const [seq, cp] of checkpoints) if (cp.valid) lastGoodCheckpoint.set(cp.statement.epoch, Math.max(seq, lastGoodCheckpoint.get(cp.statement.epoch) ?? 0));
  const headCovers = anchorHead && watch.get(anchorHead.seq) === anchorHead.hash ? anchorHead.seq : 0;
  const newestEpoch = Math.max(-1, ...epochSpan.keys());
  for (const [e, span] of epochSpan) {
    const trust = epochs.get(e)?.trust ?? 'broken';
    if (trust === 'unanchored') {
      unverifiable.push({ fromSeq: span.from, toSeq: span.to, words: `Records ${span.from}–${span.to} were written while no keychain was available: they are chained and signed, but nothing outside the database vouches for them.` });
      continue;
    }
    if (trust === 'key-missing') {
      found(span.from, span.to, 'key-missing', 'the keychain no longer holds the root key of their part of the trail');
      continue;
    }
    if (trust === 'broken') {
      found(span.from, span.to, 'edited', 'their epoch’s key certificate does not verify');
      continue;
    }
    const covered = Math.max(lastGoodCheckpoint.get(e) ?? 0, key?.epoch === e ? span.to : 0);
    if (covered >= span.to) continue;
    // The newest epoch's key must be in the keychain; an older epoch's tail may rest on the remembered head.
    if (e !== newestEpoch && headCovers >= span.to) continue;
    found(Math.max(span.from, covered + 1), span.to, 'key-missing', headCovers >= span.to ? 'they still match the newest head the keychain remembers' : undefined);
  }

  // The end of the trail: nothing the writer or the keychain saw may be missing or different.
  for (const head of [live, anchorHead]) {
    if (!head || head.seq <= 0) continue;
    if (head.seq > lastSeq) {
      const olderCopy = head === anchorHead && ((anchor?.checkpoint ?? 0) > Math.max(0, ...[...checkpoints.keys()]) || (key !== null && key.epoch > Math.max(0, ...epochs.keys())));
      found(lastSeq + 1, head.seq, olderCopy ? 'older-copy' : 'truncated');
    } else if (watch.has(head.seq) && watch.get(head.seq) !== head.hash) {
      found(head.seq, head.seq, 'edited', 'it differs from the newest head Airlock remembers');
    }
  }
  if (anchor && anchor.trail !== trail) found(1, lastSeq, 'older-copy', 'the keychain remembers a different trail at this place');

  // A range ("changed somewhere before this checkpoint") gives way to the exact record found inside it.
  const exact = findings.filter((f) => f.what === 'edited' && f.seq === f.toSeq);
  const kept = findings.filter((f) => !(f.what === 'edited' && f.seq !== f.toSeq && exact.some((e) => e.seq >= f.seq && e.seq <= f.toSeq)));
  findings.splice(0, findings.length, ...kept);
  findings.sort((a, b) => a.seq - b.seq || a.toSeq - b.toSeq);
  const result = findings.length > 0 ? 'tampered' : unverifiable.length > 0 ? 'unverifiable' : 'intact';
  const first = findings[0] ?? null;
  return { result, checked: done, total, first, findings, unverifiable, words: summaryWords(result, done, first, unverifiable) };
}
