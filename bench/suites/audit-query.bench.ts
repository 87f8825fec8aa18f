// A filtered page (100 rows) of the Audit screen over 1M records, rotating through filters on action,
// outcome, account, resource, time and their combinations (common and rare). Baseline: the cheapest page
// SQLite can give — the newest 100 rows by primary key with no filter, raw better-sqlite3. Goal: p95 ≤ 200 ms.
import Database from 'better-sqlite3';
import { createAuditTrail, type AuditFilter } from '../../electron/services/audit';
import type { BenchSuite } from '../suite';
import { millionTrail, START } from './audit-million';

const hour = (h: number) => new Date(START + h * 3_600_000).toISOString();
const FILTERS: readonly AuditFilter[] = [
  { outcome: 'error' },
  { action: 'workspace.models' },
  { account: 'user7@contoso.example' },
  { resource: 'workspace:ws-42' },
  { action: 'auth.*', outcome: 'error' },
  { from: hour(100), to: hour(101) },
  { account: 'user3@contoso.example', outcome: 'deny' },
  { resource: 'model:*', outcome: 'error', from: hour(50) },
  { action: 'routes.close', account: 'user11@contoso.example', resource: 'workspace:ws-1' },
  { kind: 'decision', outcome: 'deny', action: 'invoke.send' },
];

const suite: BenchSuite = {
  id: 'audit-query',
  title: 'Audit filtered query, 1M records (100 rows)',
  goal: 'Airlock p95 ≤ 200 ms',
  goalMet: (_baseline, airlock) => airlock.p95 <= 200,
  iterations: 100,
  warmup: 10,
  async setup() {
    const data = await millionTrail();
    const trail = await createAuditTrail({ file: data.file, keychain: data.keychain });
    const raw = new Database(data.file, { readonly: true });
    const newest = raw.prepare('SELECT seq, body FROM records ORDER BY seq DESC LIMIT 100');
    let i = 0;
    return {
      baseline: { name: 'newest 100 rows, no filter (raw SQL)', run: async () => void newest.all() },
      airlock: {
        name: 'trail.query(filter, 100)',
        run: async () => {
          const filter = FILTERS[i++ % FILTERS.length] ?? {};
          await trail.query(filter, { limit: 100 });
        },
      },
      teardown: async () => {
        raw.close();
        await trail.close();
        data.release();
      },
    };
  },
};

export default suite;
