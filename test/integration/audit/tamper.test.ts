// Tampering with the audit database (and the keychain) is detected and named: edit a field, delete a row,
// reorder rows, cut the tail, restore an older copy, delete the keychain key. Each case works on a real
// SQLite file written by the trail, changed with plain SQL or a file copy, as a local user could.
import { copyFileSync, existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryKeychain, type MemoryKeychain } from '../../../electron/services/vault';
import { fill, openTrail, tamper, tempFolder } from './audit-fixtures';

let folder: ReturnType<typeof tempFolder>;
let keychain: MemoryKeychain;
beforeEach(() => {
  folder = tempFolder();
  keychain = createMemoryKeychain();
});
afterEach(() => folder.remove());

async function written(n: number): Promise<void> {
  const trail = await openTrail(folder.file, keychain);
  await fill(trail, n);
  await trail.close();
}

async function verifyNow() {
  const trail = await openTrail(folder.file, keychain);
  try {
    return await trail.verify();
  } finally {
    await trail.close();
  }
}

describe('audit trail tamper evidence', () => {
  it('an untouched trail verifies as intact, across epochs and reopenings', async () => {
    await written(120);
    await written(30);
    const report = await verifyNow();
    expect(report.words).toMatch(/^Intact/);
    expect(report).toMatchObject({ result: 'intact', first: null, checked: 151 });
  });

  it('names an edited field (a naive SQL edit of the body) as the first bad record', async () => {
    await written(120);
    tamper(folder.file, (db) => db.prepare("UPDATE records SET body = replace(body, '\"host\":\"test\"', '\"host\":\"cli\"') WHERE seq = 41").run());
    const report = await verifyNow();
    expect(report.result).toBe('tampered');
    expect(report.first).toMatchObject({ seq: 41, what: 'edited' });
    expect(report.words).toContain('Record 41 was changed');
  });

  it('names an edit whose chain was recomputed (no key needed for SHA-256) by the checkpoint or MAC it breaks', async () => {
    await written(120);
    const { recompute } = await import('./chain-rewrite');
    tamper(folder.file, (db) => recompute(db, 30, (body) => body.replace('"durationMs":', '"durationMs":1')));
    const report = await verifyNow();
    expect(report.first?.what).toBe('edited');
    expect(report.first?.seq).toBeLessThanOrEqual(30);
    expect(report.first?.toSeq).toBeGreaterThanOrEqual(30);
  });

  it('refuses to let a filter column be edited apart from the chained body', async () => {
    await written(10);
    expect(() => tamper(folder.file, (db) => db.prepare("UPDATE records SET result = 'ok' WHERE seq = 4").run())).toThrow(/generated column/);
  });

  it('names a deleted row', async () => {
    await written(120);
    tamper(folder.file, (db) => db.prepare('DELETE FROM records WHERE seq = 57').run());
    const report = await verifyNow();
    expect(report.first).toMatchObject({ seq: 57, toSeq: 57, what: 'deleted' });
  });

  it('names reordered rows', async () => {
    await written(120);
    tamper(folder.file, (db) => {
      db.prepare('UPDATE records SET seq = -1 WHERE seq = 60').run();
      db.prepare('UPDATE records SET seq = 60 WHERE seq = 61').run();
      db.prepare('UPDATE records SET seq = 61 WHERE seq = -1').run();
    });
    const report = await verifyNow();
    expect(report.first).toMatchObject({ seq: 60, what: 'reordered' });
  });

  // Verify first walks the bodies alone and counts seqs; these moves keep every body in order and claiming
  // the counted seq, so only the rows' own seqs (checked at the ends) show them.
  it('names a row moved below the first seq or past the last, though the bodies still claim 1..n in order', async () => {
    await written(120);
    tamper(folder.file, (db) => db.prepare('UPDATE records SET seq = 0 WHERE seq = 1').run());
    const before = await verifyNow();
    expect(before.result).toBe('tampered');
    expect(before.first).toMatchObject({ seq: 1 });
    tamper(folder.file, (db) => db.prepare('UPDATE records SET seq = 1 WHERE seq = 0').run());
    expect((await verifyNow()).result).toBe('intact');
    tamper(folder.file, (db) => db.prepare('UPDATE records SET seq = (SELECT max(seq) FROM records) + 5 WHERE seq = (SELECT max(seq) FROM records)').run());
    const after = await verifyNow();
    expect(after.result).toBe('tampered');
    expect(after.findings.some((f) => f.what === 'reordered')).toBe(true);
  });

  it('names a cut tail, live (the writer remembers its head) and after reopening (the keychain does)', async () => {
    const trail = await openTrail(folder.file, keychain);
    await fill(trail, 120);
    tamper(folder.file, (db) => db.prepare('DELETE FROM records WHERE seq > 100').run());
    const live = await trail.verify();
    expect(live.first).toMatchObject({ seq: 101, toSeq: 121, what: 'truncated' });
    await trail.close();
    tamper(folder.file, (db) => db.prepare('DELETE FROM records WHERE seq > 100').run());
    const reopened = await verifyNow();
    expect(reopened.first).toMatchObject({ seq: 101, what: 'truncated' });
    expect(reopened.first?.toSeq).toBeGreaterThanOrEqual(121);
  });

  it('names a restored older copy of the database', async () => {
    await written(40);
    copyFileSync(folder.file, `${folder.file}.old`);
    expect(existsSync(`${folder.file}-wal`)).toBe(false);
    await written(200);
    copyFileSync(`${folder.file}.old`, folder.file);
    const report = await verifyNow();
    expect(report.first).toMatchObject({ seq: 42, what: 'older-copy' });
    expect(report.words).toContain('older copy');
  });

  it('names a deleted keychain key (the current epoch’s MAC key), live and after reopening', async () => {
    const trail = await openTrail(folder.file, keychain, { checkpointEvery: { records: 1000 } });
    await fill(trail, 30);
    keychain.entries.delete('audit-trail/default/key');
    const live = await trail.verify();
    expect(live.first).toMatchObject({ what: 'key-missing', toSeq: 31 });
    await trail.close();
    keychain.entries.delete('audit-trail/default/key');
    const reopened = await verifyNow();
    expect(reopened.findings.map((f) => f.what)).toContain('key-missing');
  });

  it('names a deleted keychain anchor (the root key): nothing can be verified against the keychain any more', async () => {
    await written(60);
    keychain.entries.clear();
    const report = await verifyNow();
    expect(report.first).toMatchObject({ seq: 1, what: 'key-missing' });
  });

  it('names a deleted database: the new trail starts after the records the keychain remembers', async () => {
    await written(60);
    const { rmSync } = await import('node:fs');
    rmSync(folder.file);
    const report = await verifyNow();
    expect(report.first).toMatchObject({ seq: 1, toSeq: 61, what: 'deleted' });
  });
});
