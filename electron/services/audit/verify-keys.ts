// The verifier's view of the keys: which epochs' public keys can be trusted, by walking each epoch's
// certificate back to a root and looking that root up in the keychain's anchor, and which checkpoints carry a
// good signature. Pure: reads rows and the anchor, never the keychain itself; never sees a private key.
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
