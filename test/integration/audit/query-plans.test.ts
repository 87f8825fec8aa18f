// The Audit screen's filters are served by indexes (the bench audit-query measures the time; this checks the
// plans, which do not depend on the machine): a filter column paired with the outcome is one index range in
// seq order, so a page stops after its rows even when nothing matches. A database written by schema
// version 1 (single-column indexes) is migrated on open and still verifies.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditFilter } from '../../../electron/services/audit';
import { pageQuery } from '../../../electron/services/audit/sqlite-store';
import { createMemoryKeychain } from '../../../electron/services/vault';
import { fill, openTrail, tamper, tempFolder } from './audit-fixtures';

let folder: ReturnType<typeof tempFolder>;
beforeEach(() => {
  folder = tempFolder();
});
afterEach(() => folder.remove());

function plan(file: string, filter: AuditFilter): string {
  const db = new Database(file, { readonly: true });
  try {
    const { sql, params } = pageQuery(filter, { limit: 101 });
    return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' / ');
  } finally {
    db.close();
  }
}

function indexes(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'records' ORDER BY name").pluck().all() as string[]);
  } finally {
    db.close();
  }
}

const V1_INDEXES = ['records_account', 'records_action', 'records_resource', 'records_result', 'records_time'];
const V2_INDEXES = ['records_account_result', 'records_action_result', 'records_kind_result', 'records_resource_result', 'records_result', 'records_time'];

describe('audit query plans', () => {
  it('a filter column paired with the outcome is one index range in seq order', async () => {
    const trail = await openTrail(folder.file, createMemoryKeychain());
    await fill(trail, 200);
    await trail.close();
    const pairs: [AuditFilter, RegExp][] = [
      [{ account: 'alice@contoso.example', outcome: 'error' }, /USING INDEX records_account_result \(account=\? AND result=\?/],
      [{ action: 'workspace.models', outcome: 'deny' }, /USING INDEX records_action_result \(action=\? AND result=\?/],
      [{ resource: 'workspace:ws-1', outcome: 'ok' }, /USING INDEX records_resource_result \(resource=\? AND result=\?/],
      [{ kind: 'decision', outcome: 'deny' }, /USING INDEX records_kind_result \(kind=\? AND result=\?/],
    ];
    for (const [filter, expected] of pairs) {
      const text = plan(folder.file, filter);
      expect(text, JSON.stringify(filter)).toMatch(expected);
      expect(text, JSON.stringify(filter)).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('a lone filter on a paired column merges one ordered range per result value, and pages exactly as a plain scan would', async () => {
    const trail = await openTrail(folder.file, createMemoryKeychain());
    await fill(trail, 300);
    await trail.append({ kind: 'system', correlationId: 'c-sys', action: 'policy.loaded', resource: 'policy:effective', accountId: null, username: null, tenantId: null, environmentId: null, rule: 'file' });
    await fill(trail, 30, 300);
    const lone: AuditFilter[] = [{ action: 'workspace.models' }, { account: 'alice@contoso.example' }, { resource: 'workspace:ws-2' }, { kind: 'system' }, { kind: 'outcome', resource: 'workspace:ws-1' }];
    for (const filter of lone) {
      const text = plan(folder.file, filter);
      expect(text, JSON.stringify(filter)).toMatch(/^MERGE \(UNION ALL\)/);
      expect(text, JSON.stringify(filter)).toMatch(/USING INDEX records_(action|account|resource|kind)_result \((action|account|resource|kind)=\? AND result=\? AND rowid<\?\)/);
    }
    const db = new Database(folder.file, { readonly: true });
    try {
      const every = (db.prepare('SELECT seq, body FROM records ORDER BY seq DESC').all() as { seq: number; body: string }[]).map((r): Record<string, unknown> & { seq: number } => ({ ...(JSON.parse(r.body) as Record<string, unknown>), seq: r.seq }));
      for (const filter of lone) {
        const expected = every.filter((r) => Object.entries(filter).every(([k, v]) => (k === 'account' ? (r['username'] ?? r['accountId']) : r[k]) === v)).map((r) => r.seq);
        expect(expected.length, JSON.stringify(filter)).toBeGreaterThan(0);
        const seen: number[] = [];
        for (let page = await trail.query(filter, { limit: 7 }); ; page = await trail.query(filter, { before: page.records.at(-1)?.seq ?? 0, limit: 7 })) {
          seen.push(...page.records.map((r) => r.seq));
          if (!page.hasOlder) break;
        }
        expect(seen, JSON.stringify(filter)).toEqual(expected);
        const oldest = expected.at(-1) ?? 0;
        const newer = await trail.query(filter, { after: oldest, limit: 5 });
        expect(newer.records.map((r) => r.seq), JSON.stringify(filter)).toEqual(expected.slice(-6, -1));
      }
    } finally {
      db.close();
    }
    await trail.close();
  });

  it('a database written by schema version 1 is migrated on open: same answers, new indexes, still intact', async () => {
    const keychain = createMemoryKeychain();
    const v1 = await openTrail(folder.file, keychain);
    await fill(v1, 120);
    const before = await v1.query({ account: 'alice@contoso.example', outcome: 'error' }, { limit: 1000 });
    await v1.close();
    tamper(folder.file, (db) => {
      for (const name of indexes(folder.file)) db.exec(`DROP INDEX ${name}`);
      db.exec(['time', 'action', 'result', 'account', 'resource'].map((c) => `CREATE INDEX records_${c} ON records(${c});`).join('\n'));
    });
    expect(indexes(folder.file)).toEqual(V1_INDEXES);
    const v2 = await openTrail(folder.file, keychain);
    expect(indexes(folder.file)).toEqual(V2_INDEXES);
    expect(await v2.query({ account: 'alice@contoso.example', outcome: 'error' }, { limit: 1000 })).toEqual(before);
    const report = await v2.verify();
    expect(report).toMatchObject({ result: 'intact', first: null });
    await v2.close();
  });
});

describe('audit planner statistics', () => {
  it('stay true while a trail grows in one run: reads by seq range stay a range, not a scan of the table', async () => {
    const keychain = createMemoryKeychain();
    const small = await openTrail(folder.file, keychain, { checkpointEvery: { records: 1000 }, epochEvery: { records: 10_000 } });
    await small.close(); // statistics now say the table holds its one first record
    const growing = await openTrail(folder.file, keychain, { checkpointEvery: { records: 1000 }, epochEvery: { records: 10_000 } });
    await fill(growing, 12_000, 5, 1000);
    const db = new Database(folder.file, { readonly: true });
    try {
      const text = (db.prepare('EXPLAIN QUERY PLAN SELECT seq, body FROM records WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?').all(9000, 12_000, 100) as { detail: string }[]).map((r) => r.detail).join(' / ');
      expect(text).toMatch(/^SEARCH records USING INTEGER PRIMARY KEY \(rowid>\?/);
    } finally {
      db.close();
    }
    await growing.close();
  });
});
