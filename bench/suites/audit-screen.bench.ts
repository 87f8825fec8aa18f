// The Audit screen's first rows over a 1M-record trail: what the screen asks when it opens (audit.status,
// audit.anomalies and the newest page of audit.list, at once) through the composition root's guarded door —
// channel and payload checks, the policy decision, two durable audit records per call, the handler and the
// output schema — until the page of 200 rows is back. Baseline: raw better-sqlite3 reading the same page
// (newest 200 rows by primary key). Goal: first rows ≤ 300 ms (Airlock p95).
// The trail is a copy of the shared 1M trail (audit-million.ts) in the airlock's own <userData>/audit/, with its
// keychain entries under the name the composition root gives that folder, so it opens as that airlock's trail.
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
  id: 'audit-screen',
  title: 'Audit screen at 1M records: first rows (status + anomalies + newest 200 via the guarded door)',
  goal: 'Airlock p95 ≤ 300 ms',
  goalMet: (_baseline, airlock) => airlock.p95 <= 300,
  iterations: 60,
  warmup: 5,
  async setup() {
    const data = await millionTrail();
    const userDataDir = await mkdtemp(path.join(tmpdir(), 'airlock-bench-screen-'));
    const auditFolder = path.join(userDataDir, 'audit');
    await mkdir(auditFolder, { recursive: true, mode: 0o700 });
    await copyFile(data.file, path.join(auditFolder, 'audit.db'));
    // The same keychain name compose-guard.ts derives from the folder, holding the million trail's keys.
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
    const seqs = (first.value as AuditList).records.map((r) => r.seq);
    if (seqs.length !== PAGE || (seqs[0] ?? 0) < data.records) throw new Error(`the airlock did not open the 1M trail (newest seq ${seqs[0]})`);
    const raw = new Database(path.join(auditFolder, 'audit.db'), { readonly: true });
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
