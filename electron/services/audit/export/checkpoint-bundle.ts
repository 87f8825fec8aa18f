// What every export carries so a SIEM (or an auditor with the CLI) can check it without Airlock: the newest
// signed checkpoint and the chain of epoch certificates from the trail's root key to the key that signed it.
// Public data only: statements, signatures and public keys — never a private or MAC key.
import type { StoreSnapshot } from '../audit-store';

export interface CheckpointBundle {
  readonly trail: string;
  readonly seq: number;
  readonly epoch: number;
  /** SHA-256 of record `seq`'s canonical body, base64. */
  readonly head: string;
  readonly time: string;
  /** The checkpoint statement exactly as signed (JSON text) and its Ed25519 signature (base64). */
  readonly statement: string;
  readonly signature: string;
  /** Root first: each epoch statement (JSON text) and the signature of the epoch before it (null: the root). */
  readonly keys: readonly { readonly statement: string; readonly certificate: string | null }[];
}

export function checkpointBundle(snapshot: StoreSnapshot): CheckpointBundle | null {
  const latest = snapshot.checkpoints().at(-1);
  if (!latest) return null;
  const statement = JSON.parse(latest.body) as { trail: string; seq: number; epoch: number; head: string; time: string };
  const epochs = new Map(snapshot.epochs().map((row) => [row.epoch, row]));
  const keys: { statement: string; certificate: string | null }[] = [];
  for (let epoch: number | null = statement.epoch; epoch !== null; ) {
    const row = epochs.get(epoch);
    if (!row) break;
    keys.unshift({ statement: row.body, certificate: row.certificate });
    const certifiedBy = (JSON.parse(row.body) as { certifiedBy: number | null }).certifiedBy;
    epoch = certifiedBy !== null && certifiedBy < epoch ? certifiedBy : null;
  }
  return { trail: statement.trail, seq: statement.seq, epoch: statement.epoch, head: statement.head, time: statement.time, statement: latest.body, signature: latest.signature, keys };
}
