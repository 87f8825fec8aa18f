// Query (filters, keyset paging), exports (each carrying the latest checkpoint, JSONL re-verifiable from the
// file alone) and retention (prune at a checkpoint; what remains still verifies).
import { createHash, createPublicKey, verify } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryKeychain } from '../../../electron/services/vault';
import { event, fill, openTrail, tempFolder } from './audit-fixtures';

let folder: ReturnType<typeof tempFolder>;
beforeEach(() => {
  folder = tempFolder();
});
afterEach(() => folder.remove());

async function collect(run: (write: (chunk: string) => Promise<void>) => Promise<unknown>): Promise<string> {
  let out = '';
  await run(async (chunk) => {
    out += chunk;
  });
  return out;
}

describe('audit query', () => {
  it('filters by action, outcome, account, resource (exact or prefix) and time, newest first, with keyset paging', async () => {
    const trail = await openTrail(folder.file, createMemoryKeychain());
    await fill(trail, 200);
    const errors = await trail.query({ outcome: 'error', action: 'workspace.*' }, { limit: 10 });
    expect(errors.records).toHaveLength(10);
    expect(errors.records.every((r) => r.outcome === 'error' && r.action.startsWith('workspace.'))).toBe(true);
    expect(errors.records.map((r) => r.seq)).toEqual([...errors.records.map((r) => r.seq)].sort((a, b) => b - a));
    expect(errors).toMatchObject({ hasOlder: true, hasNewer: false });
    const older = await trail.query({ outcome: 'error', action: 'workspace.*' }, { before: errors.records.at(-1)?.seq ?? 0, limit: 10 });
    expect(Math.max(...older.records.map((r) => r.seq))).toBeLessThan(Math.min(...errors.records.map((r) => r.seq)));
    expect(older.hasNewer).toBe(true);
    const newer = await trail.query({ outcome: 'error', action: 'workspace.*' }, { after: older.records[0]?.seq ?? 0, limit: 10 });
    expect(newer.records.map((r) => r.seq)).toEqual(errors.records.map((r) => r.seq));

    const alice = await trail.query({ account: 'alice@contoso.example', resource: 'workspace:ws-3' }, { limit: 1000 });
    expect(alice.records.length).toBeGreaterThan(0);
    expect(alice.records.every((r) => r.username === 'alice@contoso.example' && r.resource === 'workspace:ws-3')).toBe(true);
    const all = await trail.query({}, { limit: 1000 });
    const middle = all.records[100]?.time ?? '';
    const since = await trail.query({ from: middle }, { limit: 1000 });
    expect(since.records.every((r) => r.time >= middle)).toBe(true);
    await expect(trail.query({ outcome: 'maybe' } as never, { limit: 10 })).rejects.toMatchObject({ code: 'E_BAD_REQUEST' });
    await trail.close();
  });
});

describe('audit exports', () => {
  it('JSONL carries the signed checkpoint and the canonical bodies: the chain and signature check out from the file alone', async () => {
    const trail = await openTrail(folder.file, createMemoryKeychain());
    await fill(trail, 130);
    const text = await collect((write) => trail.export('jsonl', {}, write));
    await trail.close();
    const [first = '', ...lines] = text.trimEnd().split('\n');
    const bundle = JSON.parse(first) as { type: string; seq: number; head: string; statement: string; signature: string; keys: { statement: string; certificate: string | null }[] };
    expect(bundle.type).toBe('airlock.audit.checkpoint');
    let prev = Buffer.alloc(32).toString('base64');
    for (const line of lines) {
      expect(line.slice(9, 53)).toBe(prev);
      prev = createHash('sha256').update(line).digest('base64');
    }
    expect(lines).toHaveLength(bundle.seq);
    expect(prev).toBe(bundle.head);
    // The key chain: root → … → the signing epoch, each certified by the one before.
    let key = createPublicKey({ key: Buffer.from((JSON.parse(bundle.keys[0]?.statement ?? '{}') as { publicKey: string }).publicKey, 'base64'), format: 'der', type: 'spki' });
    for (const link of bundle.keys.slice(1)) {
      expect(verify(null, Buffer.from(link.statement), key, Buffer.from(link.certificate ?? '', 'base64'))).toBe(true);
      key = createPublicKey({ key: Buffer.from((JSON.parse(link.statement) as { publicKey: string }).publicKey, 'base64'), format: 'der', type: 'spki' });
    }
    expect(bundle.keys.length).toBeGreaterThan(1);
    expect(verify(null, Buffer.from(bundle.statement), key, Buffer.from(bundle.signature, 'base64'))).toBe(true);
  });

  it('CSV, CEF and OCSF each carry the latest checkpoint and one entry per matching record', async () => {
    const trail = await openTrail(folder.file, createMemoryKeychain());
    await fill(trail, 40);
    await trail.append(event(41, { action: 'auth.signOut', outcome: 'ok', errorCode: undefined }));
    const csv = await collect((write) => trail.export('csv', { action: 'auth.*' }, write));
    const cef = await collect((write) => trail.export('cef', { action: 'auth.*' }, write));
    const ocsf = await collect((write) => trail.export('ocsf', { action: 'auth.*' }, write));
    const head = (await trail.query({}, { limit: 1 })).records[0]?.seq;
    await trail.close();
    const matching = 15;
    expect(csv.trimEnd().split('\r\n')).toHaveLength(1 + matching + 1);
    expect(csv.trimEnd().split('\r\n').at(-1)).toMatch(new RegExp(`^${head},[^,]*,checkpoint,`));
    expect(cef.split('\n')[0]).toMatch(new RegExp(`^CEF:0\\|Airlock\\|Airlock\\|[^|]+\\|audit\\.checkpoint\\|Audit checkpoint\\|1\\|.*cn1=${head} `));
    expect(cef.trimEnd().split('\n')).toHaveLength(1 + matching);
    const events = ocsf.trimEnd().split('\n').map((l) => JSON.parse(l) as { class_uid: number; activity_id: number; type_uid: number; metadata: { version: string }; unmapped: Record<string, unknown> });
    expect(events[0]?.unmapped['airlock_checkpoint']).toMatchObject({ seq: head });
    expect(events.every((e) => e.metadata.version === '1.6.0' && e.type_uid === e.class_uid * 100 + e.activity_id)).toBe(true);
    expect(events.slice(1).map((e) => `${e.class_uid}/${e.activity_id}`)).toContain('3002/2');
    expect(events.slice(1).map((e) => `${e.class_uid}/${e.activity_id}`)).toContain('3002/1');
  });
});

describe('audit retention', () => {
  it('prunes at a checkpoint, records that it did, and what remains still verifies (also after reopening)', async () => {
    let now = Date.parse('2026-01-01T00:00:00.000Z');
    const clock = { now: () => new Date(now), monotonicMs: () => now };
    const keychain = createMemoryKeychain();
    const trail = await openTrail(folder.file, keychain, { clock });
    for (let day = 0; day < 10; day++) {
      await fill(trail, 30, day * 30);
      now += 86_400_000;
    }
    const pruned = await trail.prune(new Date(Date.parse('2026-01-06T00:00:00.000Z')));
    expect(pruned?.prunedThrough).toBeGreaterThan(100);
    const oldest = (await trail.query({}, { before: 10_000, limit: 1000 })).records.at(-1);
    expect(oldest?.seq).toBe((pruned?.prunedThrough ?? 0) + 1);
    expect((oldest?.time ?? '').slice(0, 10) >= '2026-01-05').toBe(true);
    expect((await trail.query({ action: 'audit.pruned' }, { limit: 5 })).records).toHaveLength(1);
    expect(await trail.verify()).toMatchObject({ result: 'intact' });
    await trail.close();
    const reopened = await openTrail(folder.file, keychain, { clock });
    expect(await reopened.verify()).toMatchObject({ result: 'intact' });
    await reopened.close();
  });

  it('rows deleted from the start without Airlock’s prune record are named as deleted', async () => {
    const keychain = createMemoryKeychain();
    const trail = await openTrail(folder.file, keychain);
    await fill(trail, 100);
    await trail.close();
    const { tamper } = await import('./audit-fixtures');
    tamper(folder.file, (db) => {
      const cp = db.prepare('SELECT seq FROM checkpoints WHERE seq > 30 ORDER BY seq LIMIT 1').pluck().get() as number;
      db.prepare('DELETE FROM records WHERE seq <= ?').run(cp);
    });
    const again = await openTrail(folder.file, keychain);
    const report = await again.verify();
    await again.close();
    expect(report.first).toMatchObject({ seq: 1, what: 'deleted' });
  });
});
