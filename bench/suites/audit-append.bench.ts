// Appends, batched and durable: 1,000 events given to trail.append() at once (group commit: they share
// transactions; each resolves only after its commit, WAL + synchronous=NORMAL), against raw better-sqlite3
// inserting the same 1,000 canonical rows in one transaction into a plain table, no chain, no MAC, no
// indexes. Goal: ≥ 20,000 records/s, i.e. p50 ≤ 50 ms per 1,000.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAuditTrail } from '../../electron/services/audit';
import { createMemoryKeychain } from '../../electron/services/vault';
import type { BenchSuite } from '../suite';
import { benchEvent } from './audit-million';

const BATCH = 1000;

const suite: BenchSuite = {
  id: 'audit-append',
  title: 'Audit appends, 1,000 per batch, durable',
  goal: 'Airlock ≥ 20,000 records/s (p50 ≤ 50 ms per 1,000)',
  goalMet: (_baseline, airlock) => BATCH / (airlock.p50 / 1000) >= 20_000,
  iterations: 60,
  warmup: 5,
  async setup() {
    const dir = mkdtempSync(path.join(tmpdir(), 'airlock-bench-append-'));
    const trail = await createAuditTrail({ file: path.join(dir, 'audit.db'), keychain: createMemoryKeychain() });
    const raw = new Database(path.join(dir, 'raw.db'));
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    raw.exec('CREATE TABLE records (seq INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const insert = raw.prepare('INSERT INTO records (seq, body) VALUES (?, ?)');
    let rawSeq = 0;
    let n = 0;
    const insertAll = raw.transaction((bodies: readonly string[]) => {
      for (const body of bodies) insert.run(++rawSeq, body);
    });
    return {
      baseline: {
        name: 'raw better-sqlite3, one transaction',
        run: async () => {
          const bodies = Array.from({ length: BATCH }, (_, k) => JSON.stringify(benchEvent(n + k)));
          n += BATCH;
          insertAll(bodies);
        },
      },
      airlock: {
        name: 'trail.append() ×1,000',
        run: async () => {
          const events = Array.from({ length: BATCH }, (_, k) => benchEvent(n + k));
          n += BATCH;
          await Promise.all(events.map((event) => trail.append(event)));
        },
      },
      teardown: async () => {
        raw.close();
        await trail.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

export default suite;
