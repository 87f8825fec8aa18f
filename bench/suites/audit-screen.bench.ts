// The Audit screen's first rows over a 1M-record trail: what the screen asks when it opens (audit.status,
// audit.anomalies and the newest page of audit.list, at once) through the composition root's guarded door —
// channel and payload checks, the policy decision, two durable audit records per call, the handler and the
// output schema — until the page of 200 rows is back. Baseline: raw better-sqlite3 reading the same page
// (newest 200 rows by primary key). Goal: first rows ≤ 300 ms (Airlock p95).
// The airlock and its copy of the shared 1M trail: audit-million-airlock.ts.
import type { AuditList } from '../../shared/contract/schemas/audit';
import type { BenchSuite } from '../suite';
import { millionAirlock } from './audit-million-airlock';

const PAGE = 200;

const suite: BenchSuite = {
  id: 'audit-screen',
  title: 'Audit screen at 1M records: first rows (status + anomalies + newest 200 via the guarded door)',
  goal: 'Airlock p95 ≤ 300 ms',
  goalMet: (_baseline, airlock) => airlock.p95 <= 300,
  iterations: 60,
  warmup: 5,
  async setup() {
    const { door, raw, teardown } = await millionAirlock('airlock-bench-screen-', PAGE);
    const newest = raw.prepare('SELECT seq, body FROM records ORDER BY seq DESC LIMIT ?');
    return {
      baseline: { name: `newest ${PAGE} rows (raw better-sqlite3 SELECT)`, run: async () => void newest.all(PAGE) },
      airlock: {
        name: 'audit.status + audit.anomalies + audit.list (guarded door) until the rows are back',
        async run() {
          const [list] = await Promise.all([door.call('audit.list', { limit: PAGE }), door.call('audit.status', undefined), door.call('audit.anomalies', undefined)]);
          if (!list.ok || (list.value as AuditList).records.length !== PAGE) throw new Error('audit.list gave no page');
        },
      },
      teardown,
    };
  },
};

export default suite;
