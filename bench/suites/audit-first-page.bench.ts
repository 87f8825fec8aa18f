// The Audit screen's first page at the data level, over a 1M-record trail: audit.list's newest page (200 rows,
// no filter) through the composition root's in-process guarded door — channel and payload checks, the policy
// decision, two durable audit records, the trail's query (page + hasOlder/hasNewer, each body parsed) and the
// output schema — against raw better-sqlite3 selecting the same 200 rows by primary key from the same file.
// Goal: ≤ 300 ms (Airlock p95). The screen-level figure (status, anomalies and the page at once) is
// audit-screen.bench.ts. The trail is a copy of the shared 1M trail (audit-million.ts) in the airlock's own
// <userData>/audit/, its keys under the keychain name the composition root derives from that folder.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAirlock, createMemoryKeychain, silentLogger, systemClock } from '../../electron/services';
import type { AuditList } from '../../shared/contract/schemas/audit';
import type { BenchSuite } from '../suite';
import { millionTrail } from './audit-million';

const PAGE = 200;

const suite: BenchSuite = {
  id: 'audit-first-page',
  title: 'Audit first page at 1M records (audit.list, 200 rows, guarded door)',
  goal: 'Airlock p95 ≤ 300 ms',
  goalMet: (_baseline, airlock) => airlock.p95 <= 300,
  iterations: 100,
  warmup: 10,
  async setup() {
    const data = await millionTrail();
    const userDataDir = await mkdtemp(path.join(tmpdir(), 'airlock-bench-first-page-'));
    const auditFolder = path.join(userDataDir, 'audit');
    await mkdir(auditFolder, { recursive: true, mode: 0o700 });
    await copyFile(data.file, path.join(auditFolder, 'audit.db'));
    const name = createHash('sha256').update(path.resolve(auditFolder)).digest('hex').slice(0, 16);
    const keychain = createMemoryKeychain();
    for (const [account, secret] of data.keychain.entries) {
      if (account.startsWith('audit-trail/default/')) keychain.entries.set(account.replace('audit-trail/default/', `audit-trail/${name}/`), secret);
    }
    const airlock = createAirlock(
      { runtime: { version: '0.1.0', build: 'production', runtime: 'node', platform: process.platform, arch: process.arch } },
      { clock: systemClock, logger: silentLogger, identity: { openBrowser: async () => undefined, keychain, userDataDir }, guard: { policySource: null } },
    );
    const door = airlock.inProcess('test');
    const first = await door.call('audit.list', { limit: PAGE });
    if (!first.ok) throw new Error(`audit.list refused: ${first.error.code}`);
    const newestSeq = (first.value as AuditList).records[0]?.seq ?? 0;
    if ((first.value as AuditList).records.length !== PAGE || newestSeq < data.records) throw new Error(`the airlock did not open the 1M trail (newest seq ${newestSeq})`);
    const raw = new Database(path.join(auditFolder, 'audit.db'), { readonly: true });
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
      teardown: async () => {
        raw.close();
        await airlock.dispose();
        await rm(userDataDir, { recursive: true, force: true });
        data.release();
      },
    };
  },
};

export default suite;
