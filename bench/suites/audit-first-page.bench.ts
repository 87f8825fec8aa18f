// The Audit screen's first page at the data level, over a 1M-record trail: audit.list's newest page (200 rows,
// no filter) through the composition root's in-process guarded door — channel and payload checks, the policy
// decision, two durable audit records, the trail's query (page + hasOlder/hasNewer, each body parsed) and the
// output schema — against raw better-sqlite3 selecting the same 200 rows by primary key from the same file.
// Goal: ≤ 300 ms (Airlock p95). The screen-level figure (status, anomalies and the page at once) is
// audit-screen.bench.ts. The airlock and its copy of the shared 1M trail: audit-million-airlock.ts.
import type { AuditList } from '../../shared/contract/schemas/audit';
import type { BenchSuite } from '../suite';
import { millionAirlock } from './audit-million-airlock';

const PAGE = 200;

const suite: BenchSuite = {
  id: 'audit-first-page',
  title: 'Audit first page at 1M records (audit.list, 200 rows, guarded door)',
  goal: 'Airlock p95 ≤ 300 ms',
  goalMet: (_baseline, airlock) => airlock.p95 <= 300,
  iterations: 100,
  warmup: 10,
  async setup() {
    const { door, raw, teardown } = await millionAirlock('airlock-bench-first-page-', PAGE);
    const page = raw.prepare('SELECT seq, body, mac FROM records ORDER BY seq DESC LIMIT ?');
    return {
      baseline: { name: `newest ${PAGE} rows (raw better-sqlite3 SELECT)`, run: async () => void page.all(PAGE) },
      airlock: {
        name: `audit.list({ limit: ${PAGE} }) through the guarded door`,
        async run() {
          const list = await door.call('audit.list', { limit: PAGE });
          if (!list.ok || (list.value as AuditList).records.length !== PAGE) throw new Error('audit.list gave no page');
        },
      },
      teardown,
    };
  },
};

export default suite;
