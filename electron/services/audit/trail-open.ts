// What the trail finds when it opens, and how it goes on: compares the database with what the keychain
// remembers (the roots, the newest head, the current epoch's keys) and decides whether the chain continues
// where it stopped, or whether something is missing and must be written down first:
//   - records the keychain saw are not in the database: a gap record names them (truncated, an older copy
//     restored, or the database deleted) — written before anything else, so the evidence outlives the head;
//   - the keys for the database's epoch are gone (keychain cleared, no keychain now or before, an older copy
//     whose epoch was erased): a new segment starts with a new root key, and its first record says why.
// A crash between the keychain and the database during an epoch change is repaired from the hand-over rows.
// Never deletes anything and never trusts the database over the keychain.
import { randomUUID } from 'node:crypto';
import type { AuditStore, StoreWrite } from './audit-store';
import { bodyHash, GENESIS } from './canonical';
import type { Anchor, KeyState, TrailKeychain } from './keychain-state';
import type { EpochKeys } from './trail-crypto';

export type GapKind = 'truncated' | 'older-copy' | 'deleted';
export type SegmentReason = 'new-trail' | 'no-keychain' | 'keychain-back' | 'keys-missing' | 'older-copy' | 'deleted';

export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
  readonly epoch: number;
}

export interface OpenPlan {
  readonly trail: string;
  readonly roots: Anchor['roots'];
  /** Where the next record links to. */
  readonly head: ChainHead;
  /** The keys to go on with; null: a new segment (new root key) starts. */
  readonly keys: EpochKeys | null;
  readonly segment: SegmentReason | null;
  /** Records the keychain knew of that the database lacks: the first record written says so. */
  readonly gap: { readonly from: number; readonly to: number; readonly kind: GapKind } | null;
  readonly lastCheckpointSeq: number;
  readonly epochFirstSeq: number;
  /** The highest epoch number anyone has used (a new root takes the next). */
  readonly maxEpoch: number;
}

function epochNumber(store: AuditStore): number {
  return store.maxEpoch()?.epoch ?? 0;
}

/** Rows an epoch change wrote to the keychain but not yet to the database (crash in between). */
function handoverWrite(store: AuditStore, key: KeyState | null, trail: string): StoreWrite | null {
  if (!key?.handover || key.trail !== trail) return null;
  const { epoch, checkpoint } = key.handover;
  if (store.epoch(epoch.epoch)) return null;
  const dbEpoch = epochNumber(store);
  const body = JSON.parse(epoch.body) as { certifiedBy: number | null };
  // A root (certifiedBy null) can always be added; a certified epoch only right after its certifier.
  if (body.certifiedBy !== null && body.certifiedBy !== dbEpoch) return null;
  return { epochs: [epoch], ...(checkpoint && !store.checkpointAt(checkpoint.seq) ? { checkpoints: [checkpoint] } : {}) };
}

export async function planOpen(store: AuditStore, keychain: TrailKeychain): Promise<OpenPlan> {
  const stored = store.meta('trail');
  const anchor = await keychain.readAnchor().catch(() => null);
  const key = await keychain.readKey().catch(() => null);
  const trail = stored ?? randomUUID();
  if (!stored) store.write({ meta: { trail, schema: '1' } });

  const repair = stored ? handoverWrite(store, key, trail) : null;
  if (repair) store.write(repair);

  const last = store.last();
  const lastCheckpoint = store.latestCheckpoint();
  const maxEpochRow = store.maxEpoch();
  const dbHead: ChainHead | null = last ? { seq: last.seq, hash: bodyHash(last.body), epoch: (JSON.parse(last.body) as { epoch: number }).epoch } : null;
  const knownAnchor = anchor && anchor.trail === trail ? anchor : null;
  const roots = knownAnchor?.roots ?? [];
  const maxEpoch = Math.max(maxEpochRow?.epoch ?? 0, key?.keys.epoch ?? 0, ...(anchor?.roots ?? []).map((r) => r.epoch));

  // Records the keychain remembers beyond the database's end (or from another, vanished trail).
  let gap: OpenPlan['gap'] = null;
  let head: ChainHead = dbHead ?? { seq: 0, hash: GENESIS, epoch: 0 };
  const remembered = anchor?.head ?? null;
  if (remembered && (!dbHead || remembered.seq > dbHead.seq || anchor?.trail !== trail)) {
    const from = anchor?.trail === trail && dbHead ? dbHead.seq + 1 : 1;
    const keyAhead = key !== null && key.trail === trail && key.keys.epoch > (maxEpochRow?.epoch ?? 0);
    const checkpointsLost = knownAnchor?.checkpoint != null && knownAnchor.checkpoint > (lastCheckpoint?.seq ?? 0);
    const kind: GapKind = !stored || anchor?.trail !== trail ? 'deleted' : keyAhead || checkpointsLost ? 'older-copy' : 'truncated';
    if (remembered.seq >= from) {
      gap = { from, to: remembered.seq, kind };
      head = { seq: remembered.seq, hash: remembered.hash, epoch: remembered.epoch };
    }
  }

  const lastCheckpointSeq = lastCheckpoint?.seq ?? 0;
  const epochFirstSeq = maxEpochRow ? (JSON.parse(maxEpochRow.body) as { firstSeq: number }).firstSeq : 1;
  const base = { trail, roots, head, gap, lastCheckpointSeq, epochFirstSeq, maxEpoch };

  if (keychain.mode === 'memory') return { ...base, keys: null, segment: stored && dbHead ? 'no-keychain' : 'new-trail' };
  if (!stored || !dbHead) return { ...base, keys: null, segment: gap ? 'deleted' : 'new-trail' };
  const keysFit = key !== null && key.trail === trail && knownAnchor !== null && maxEpochRow !== null && key.keys.epoch === maxEpochRow.epoch && dbHead.epoch <= key.keys.epoch;
  const lastWithoutKeychain = maxEpochRow !== null && (JSON.parse(maxEpochRow.body) as { anchored: boolean }).anchored === false;
  if (!keysFit) return { ...base, keys: null, segment: gap?.kind === 'older-copy' ? 'older-copy' : lastWithoutKeychain ? 'keychain-back' : 'keys-missing' };
  return { ...base, keys: key.keys, segment: null };
}
