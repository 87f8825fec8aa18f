// A trail of N records for the audit benches, built fast: the real trail creates it (root key, first
// record), then the records are sealed with the trail's own functions (canonical body, SHA-256 chain, MAC,
// checkpoints every 1,000, a new epoch certified by the old key every 10,000) and written in ONE transaction,
// not appended one by one. The final keys and head go to the (in-memory) keychain as the trail would leave
// them, so the result opens and verifies as a real trail. Built once per bench process and shared.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAuditTrail, openSqliteStore, type AuditEvent } from '../../electron/services/audit';
import { bodyHash, canonicalBody } from '../../electron/services/audit/canonical';
import { trailKeychain } from '../../electron/services/audit/keychain-state';
import type { StoredCheckpoint, StoredEpoch, StoredRecord } from '../../electron/services/audit/audit-store';
import { checkpointText, epochText, nextKeys, recordMac, signText, type EpochKeys } from '../../electron/services/audit/trail-crypto';
import { createMemoryKeychain, type MemoryKeychain } from '../../electron/services/vault';

const ACTIONS = ['workspace.list', 'workspace.models', 'workspace.endpoints', 'auth.signIn', 'auth.signOut', 'auth.accounts', 'app.info', 'app.health', 'invoke.send', 'routes.open', 'routes.close', 'policy.show'];
export const START = Date.parse('2026-01-01T00:00:00.000Z');

export function benchEvent(i: number): AuditEvent {
  const decision = i % 2 === 0;
  const failed = i % 10 === 3;
  return {
    kind: decision ? 'decision' : 'outcome',
    correlationId: `c${Math.floor(i / 2)}`,
    action: ACTIONS[(i * 7) % ACTIONS.length] ?? 'app.info',
    resource: i % 3 === 0 ? `model:m-${i % 400}` : `workspace:ws-${i % 200}`,
    accountId: `acc-${i % 20}`,
    username: `user${i % 20}@contoso.example`,
    tenantId: 'tenant-1',
    environmentId: 'sandbox',
    ...(decision ? { decision: failed ? 'deny' : 'allow', rule: failed ? 'deny-outside-hours' : 'browse', reason: failed ? 'Policy deny-outside-hours refuses this outside 08:00-18:00' : 'Policy browse allows it' } : { outcome: failed ? 'error' : 'ok', durationMs: i % 250, ...(failed ? { errorCode: 'E_TIMEOUT' } : {}) }),
    route: 'vpn',
    host: 'electron',
    addresses: ['10.1.2.3'],
  };
}

export interface MillionTrail {
  readonly file: string;
  readonly keychain: MemoryKeychain;
  readonly records: number;
  remove(): void;
}

async function build(n: number): Promise<MillionTrail> {
  const dir = mkdtempSync(path.join(tmpdir(), 'airlock-bench-audit-'));
  const file = path.join(dir, 'audit.db');
  const keychain = createMemoryKeychain();
  await (await createAuditTrail({ file, keychain })).close();
  const kc = await trailKeychain(keychain, 'default');
  const state = await kc.readKey();
  const anchor = await kc.readAnchor();
  if (!state || !anchor) throw new Error('the trail left no keys');
  const store = await openSqliteStore(file);
  const last = store.last();
  if (!last) throw new Error('the trail wrote no first record');
  let head = { seq: last.seq, hash: bodyHash(last.body) };
  let keys: EpochKeys = state.keys;
  const records: StoredRecord[] = [];
  const checkpoints: StoredCheckpoint[] = [];
  const epochs: StoredEpoch[] = [];
  const checkpoint = (k: EpochKeys): void => {
    const body = checkpointText({ v: 1, trail: state.trail, seq: head.seq, epoch: k.epoch, head: head.hash, time: new Date(START + head.seq * 1000).toISOString() });
    checkpoints.push({ seq: head.seq, body, signature: signText(k.signingKey, body) });
  };
  for (let i = 0; i < n; i++) {
    const seq = head.seq + 1;
    if (seq % 10_000 === 0) {
      checkpoint(keys);
      const next = nextKeys(keys);
      const body = epochText({ v: 1, trail: state.trail, epoch: next.epoch, publicKey: next.publicKey, certifiedBy: keys.epoch, firstSeq: seq, time: new Date(START + seq * 1000).toISOString(), anchored: true });
      epochs.push({ epoch: next.epoch, body, certificate: signText(keys.signingKey, body) });
      keys = next;
    }
    const body = canonicalBody(head.hash, { seq, epoch: keys.epoch, time: new Date(START + seq * 1000).toISOString(), event: benchEvent(i) });
    const hash = bodyHash(body);
    records.push({ seq, body, mac: recordMac(keys.macKey, hash) });
    head = { seq, hash };
    if (seq % 1000 === 0) checkpoint(keys);
  }
  checkpoint(keys);
  store.write({ records, checkpoints, epochs });
  store.close();
  await kc.writeKey({ trail: state.trail, keys, handover: null });
  await kc.writeAnchor({ ...anchor, head: { seq: head.seq, hash: head.hash, epoch: keys.epoch }, checkpoint: head.seq });
  return { file, keychain, records: head.seq, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

let shared: Promise<MillionTrail> | null = null;
let users = 0;

/** The shared N-record trail (built on first use; removed when the last suite using it lets go). */
export async function millionTrail(n = 1_000_000): Promise<MillionTrail & { release(): void }> {
  shared ??= build(n);
  users++;
  const trail = await shared;
  return {
    ...trail,
    release() {
      if (--users === 0) {
        trail.remove();
        shared = null;
      }
    },
  };
}
