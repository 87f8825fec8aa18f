// Faults: the process killed (kill -9) while appending, a full disk, a read-only database, no keychain.
// A resolved append is never lost and the chain always verifies; a refused append says why in plain words
// and leaves nothing half-written.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryKeychain } from '../../../electron/services/vault';
import { downKeychain, event, fileKeychain, fill, openTrail, tamper, tempFolder } from './audit-fixtures';

let folder: ReturnType<typeof tempFolder>;
beforeEach(() => {
  folder = tempFolder();
});
afterEach(() => folder.remove());

const CHILD = path.join(import.meta.dirname, 'append-child.ts');

/** Starts the child, kills it with SIGKILL after `afterAcks` acknowledgements, returns the highest ack. */
function appendUntilKilled(keychainFile: string, afterAcks: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, folder.file, keychainFile, '10000'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let acked = 0;
    let acks = 0;
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line.startsWith('ack ')) {
          acked = Math.max(acked, Number(line.slice(4)));
          if (++acks === afterAcks) child.kill('SIGKILL');
        }
      }
    });
    child.on('error', reject);
    child.on('exit', () => resolve(acked));
  });
}

describe('audit trail faults', () => {
  it('kill -9 during 10k appends, 20 rounds: the chain verifies every time and no acknowledged record is lost', async () => {
    const keychainFile = path.join(folder.dir, 'keychain.json');
    for (let round = 0; round < 20; round++) {
      const acked = await appendUntilKilled(keychainFile, 5 + ((round * 37) % 60));
      expect(acked, `round ${round}`).toBeGreaterThan(0);
      const trail = await openTrail(folder.file, fileKeychain(keychainFile), { checkpointEvery: { records: 500 }, epochEvery: { records: 2000 } });
      const report = await trail.verify();
      expect(report.findings, `round ${round}: ${report.words}`).toEqual([]);
      expect(report.result, `round ${round}`).toBe('intact');
      const page = await trail.query({}, { before: acked + 1, limit: 1 });
      expect(page.records[0]?.seq, `round ${round}: acknowledged ${acked} must be there`).toBe(acked);
      await trail.close();
    }
  }, 300_000);

  it('a full disk refuses appends in plain words, writes nothing half, and recovers when space returns', async () => {
    const trail = await openTrail(folder.file, createMemoryKeychain(), { maxBytes: 96 * 1024 });
    let refused: unknown = null;
    let ok = 0;
    for (let i = 0; i < 5000 && !refused; i++) {
      try {
        await trail.append(event(i, { reason: 'x'.repeat(900) }));
        ok++;
      } catch (error) {
        refused = error;
      }
    }
    expect(refused).toMatchObject({ code: 'E_AUDIT_UNAVAILABLE' });
    expect((refused as Error).message).toContain('the disk (or the audit database’s size limit) is full');
    expect(trail.status()).toMatchObject({ writable: false, failure: 'disk-full' });
    const report = await trail.verify();
    expect(report.result).toBe('intact');
    expect(report.checked).toBe(ok + 1);
    await trail.close();
    const roomy = await openTrail(folder.file, createMemoryKeychain());
    await roomy.append(event(1));
    expect(roomy.status().writable).toBe(true);
    await roomy.close();
  });

  it('a read-only database refuses appends in plain words and stays as it was', async () => {
    const keychain = createMemoryKeychain();
    const first = await openTrail(folder.file, keychain);
    await fill(first, 30);
    await first.close();
    const before = readFileSync(folder.file);
    const root = process.getuid?.() === 0;
    const lock = (on: boolean) => (root ? spawnSync('chattr', [on ? '+i' : '-i', folder.file, folder.dir]) : chmodSync(folder.dir, on ? 0o555 : 0o755));
    if (root && spawnSync('chattr', ['+i', folder.file]).status !== 0) return void console.log('skipped: chattr +i is not supported on this file system (root ignores file modes)');
    lock(true);
    if (!root) chmodSync(folder.file, 0o444);
    try {
      const trail = await openTrail(folder.file, keychain);
      const refused = await trail.append(event(99)).then(() => null, (error: unknown) => error as Error & { code: string });
      expect(refused?.code).toBe('E_AUDIT_UNAVAILABLE');
      expect(refused?.message).toMatch(/read-only|could not be opened/);
      expect(trail.status().writable).toBe(false);
      expect(trail.status().reason).toMatch(/^Appends are refused because the audit database/);
      await trail.close();
    } finally {
      lock(false);
      if (!root) chmodSync(folder.file, 0o644);
    }
    expect(readFileSync(folder.file).equals(before)).toBe(true);
    const again = await openTrail(folder.file, keychain);
    expect((await again.verify()).result).toBe('intact');
    await again.close();
  });

  it('without a keychain the trail keeps recording, and verify names exactly the stretch it cannot vouch for', async () => {
    const keychain = createMemoryKeychain();
    const a = await openTrail(folder.file, keychain);
    await fill(a, 20);
    await a.close();
    const b = await openTrail(folder.file, downKeychain);
    expect(b.status()).toMatchObject({ keychain: 'memory', writable: true });
    expect(b.status().keychainReason).toContain('No keychain service is running');
    await fill(b, 15);
    await b.close();
    const c = await openTrail(folder.file, keychain);
    await fill(c, 5);
    const report = await c.verify();
    await c.close();
    expect(report.findings).toEqual([]);
    expect(report.result).toBe('unverifiable');
    expect(report.unverifiable).toEqual([expect.objectContaining({ fromSeq: 22, toSeq: 37 })]);
    expect(report.words).toContain('records 22–37 cannot be verified');
  });

  it('an event that does not fit the schema is refused (nothing written), unknown keys included', async () => {
    const trail = await openTrail(folder.file, createMemoryKeychain());
    const refused = await trail.append({ ...event(1), token: 'x' } as never).then(() => null, (error: unknown) => error as Error & { code: string });
    expect(refused?.code).toBe('E_AUDIT_UNAVAILABLE');
    expect(refused?.message).toContain('not valid');
    await expect(trail.append(event(1, { resource: 'no colon here' }))).rejects.toMatchObject({ code: 'E_AUDIT_UNAVAILABLE' });
    expect(trail.status().lastSeq).toBe(1);
    await trail.close();
    tamper(folder.file, (db) => expect(db.prepare('SELECT count(*) FROM records').pluck().get()).toBe(1));
  });
});
