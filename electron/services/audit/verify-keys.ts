// The verifier's view of the keys: which epochs' public keys can be trusted, by walking each epoch's
// certificate back to a root and looking that root up in the keychain's anchor, and which checkpoints carry a
// good signature. Pure: reads rows and the anchor, never the keychain itself; never sees a private key.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { StoredCheckpoint, StoredEpoch } from './audit-store';
import type { Anchor } from './keychain-state';
import { verifyText, type CheckpointStatement, type EpochStatement } from './trail-crypto';

/**
 * trusted: chains to a root the keychain holds. unanchored: its segment began without a keychain.
 * key-missing: its segment's root was kept in the keychain and is not there now. broken: a certificate or
 * statement does not verify (the row was edited).
 */
export type EpochTrust = 'trusted' | 'unanchored' | 'key-missing' | 'broken';

export interface EpochInfo {
  readonly statement: EpochStatement;
  readonly trust: EpochTrust;
  readonly root: number;
}

function parse<T>(text: string): T | null {
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

export function trustEpochs(rows: readonly StoredEpoch[], anchor: Anchor | null, trail: string): Map<number, EpochInfo> {
  const out = new Map<number, EpochInfo>();
  const anchored = new Map((anchor && anchor.trail === trail ? anchor.roots : []).map((r) => [r.epoch, r.publicKey]));
  for (const row of rows) {
    const statement = parse<EpochStatement>(row.body);
    if (!statement || statement.epoch !== row.epoch || statement.trail !== trail) {
      if (statement) out.set(row.epoch, { statement, trust: 'broken', root: row.epoch });
      continue;
    }
    if (statement.certifiedBy === null) {
      const kept = anchored.get(row.epoch);
      const trust: EpochTrust = kept === statement.publicKey ? 'trusted' : kept !== undefined ? 'broken' : statement.anchored ? 'key-missing' : 'unanchored';
      out.set(row.epoch, { statement, trust, root: row.epoch });
      continue;
    }
    const certifier = out.get(statement.certifiedBy);
    const good = certifier !== undefined && statement.certifiedBy < row.epoch && row.certificate !== null && verifyText(certifier.statement.publicKey, row.body, row.certificate);
    out.set(row.epoch, { statement, trust: good && certifier ? certifier.trust : 'broken', root: certifier?.root ?? row.epoch });
  }
  return out;
}

export interface CheckpointInfo {
  readonly statement: CheckpointStatement;
  readonly valid: boolean;
  readonly signature: string;
  readonly body: string;
}

/** Whether a checkpoint row can be valid at all (its signature aside): its statement, seq, trail and epoch. */
function checkpointCandidate(row: StoredCheckpoint, epochs: ReadonlyMap<number, EpochInfo>, trail: string): { statement: CheckpointStatement; epoch: EpochInfo } | null {
  const statement = parse<CheckpointStatement>(row.body);
  if (!statement) return null;
  const epoch = epochs.get(statement.epoch);
  return statement.seq === row.seq && statement.trail === trail && epoch !== undefined && epoch.trust !== 'broken' ? { statement, epoch } : null;
}

/** node:crypto's verify with a callback: the same Ed25519 check, run on libuv's threadpool (false on any error). */
function verifyOffThread(key: KeyObject, text: string, signature: string): Promise<boolean> {
  return new Promise((resolve) => {
    try {
      verify(null, Buffer.from(text), key, Buffer.from(signature, 'base64'), (error, good) => resolve(!error && good));
    } catch {
      resolve(false);
    }
  });
}

export interface CheckpointsLater {
  /** The checkpoints that are valid if their signature is, by seq (their heads the walk compares). */
  readonly candidates: ReadonlyMap<number, CheckpointStatement>;
  /** Whether the checkpoint at `seq` is valid, checked now on this thread (for the few the walk needs early). */
  validNow(seq: number): boolean;
  /** What checkCheckpoints answers, once every signature has been checked off the main thread. */
  readonly all: Promise<Map<number, CheckpointInfo>>;
}

/**
 * checkCheckpoints with the signatures (about 1,000 Ed25519 checks per 1M records, ~0.1 s) checked on the
 * threadpool while verify walks the records on the main thread. Same rows, same checks, same answer.
 */
export function checkCheckpointsLater(rows: readonly StoredCheckpoint[], epochs: ReadonlyMap<number, EpochInfo>, trail: string): CheckpointsLater {
  const keys = new Map<string, KeyObject | null>();
  const keyOf = (publicKey: string): KeyObject | null => {
    if (!keys.has(publicKey)) {
      try {
        keys.set(publicKey, createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' }));
      } catch {
        keys.set(publicKey, null);
      }
    }
    return keys.get(publicKey) ?? null;
  };
  const candidates = new Map<number, CheckpointStatement>();
  const rowsBySeq = new Map<number, StoredCheckpoint>();
  const checks: Promise<readonly [StoredCheckpoint, CheckpointStatement, boolean]>[] = [];
  for (const row of rows) {
    const candidate = checkpointCandidate(row, epochs, trail);
    const statement = candidate?.statement ?? parse<CheckpointStatement>(row.body);
    if (!statement) continue;
    rowsBySeq.set(row.seq, row);
    const key = candidate ? keyOf(candidate.epoch.statement.publicKey) : null;
    if (candidate) candidates.set(row.seq, statement);
    checks.push(key ? verifyOffThread(key, row.body, row.signature).then((good) => [row, statement, good] as const) : Promise.resolve([row, statement, false] as const));
  }
  const all = Promise.all(checks).then((done) => new Map(done.map(([row, statement, valid]) => [row.seq, { statement, valid, signature: row.signature, body: row.body }])));
  return {
    candidates,
    validNow(seq) {
      const row = rowsBySeq.get(seq);
      const candidate = row ? checkpointCandidate(row, epochs, trail) : null;
      return row !== undefined && candidate !== null && verifyText(candidate.epoch.statement.publicKey, row.body, row.signature);
    },
    all,
  };
}

export function checkCheckpoints(rows: readonly StoredCheckpoint[], epochs: ReadonlyMap<number, EpochInfo>, trail: string): Map<number, CheckpointInfo> {
  const out = new Map<number, CheckpointInfo>();
  for (const row of rows) {
    const statement = parse<CheckpointStatement>(row.body);
    if (!statement) continue;
    const epoch = epochs.get(statement.epoch);
    const valid = statement.seq === row.seq && statement.trail === trail && epoch !== undefined && epoch.trust !== 'broken' && verifyText(epoch.statement.publicKey, row.body, row.signature);
    out.set(row.seq, { statement, valid, signature: row.signature, body: row.body });
  }
  return out;
}
