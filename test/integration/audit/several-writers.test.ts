// Several processes on one audit trail (the app and an `airlock` command, or a `tunnel` left running while
// other commands run): each writes only while it holds the trail's writer lock and, when another process
// wrote meanwhile, first picks the chain up where that one left it. No append is refused for it, none is
// lost, and the chain verifies — across epoch changes made by whichever process is writing at the time.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileKeychain, openTrail, tempFolder } from './audit-fixtures';

const CHILD = path.join(import.meta.dirname, 'append-writers-child.ts');

let folder: ReturnType<typeof tempFolder>;
beforeEach(() => {
  folder = tempFolder();
});
afterEach(() => folder.remove());

function writer(keychainFile: string, n: number, count: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, folder.file, keychainFile, String(count), String(n)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      const failed = /done (\d+)/.exec(out)?.[1];
      if (code !== 0 || failed === undefined) reject(new Error(`writer ${n} exited ${code}: ${out.slice(-300)}`));
      else resolve(Number(failed));
    });
  });
}

describe('several processes appending to one trail', () => {
  it('three at once: no append refused or lost, one chain that verifies across their epoch changes', async () => {
    const keychainFile = path.join(folder.dir, 'keychain.json');
    const count = 300;
    const failed = await Promise.all([1, 2, 3].map((n) => writer(keychainFile, n, count)));
    expect(failed).toEqual([0, 0, 0]);
    const trail = await openTrail(folder.file, fileKeychain(keychainFile));
    const report = await trail.verify();
    expect(report.findings, report.words).toEqual([]);
    expect(report.result).toBe('intact');
    // Every record, oldest first: each writer's are all there, and the writers took turns (the lock changed hands).
    const all: { seq: number; resource: string }[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await trail.query({}, { ...(before === undefined ? {} : { before }), limit: 500 });
      all.push(...page.records.map((r) => ({ seq: r.seq, resource: String(r.resource) })));
      if (!page.hasOlder) break;
      before = page.records.at(-1)?.seq;
    }
    all.reverse();
    for (const n of [1, 2, 3]) expect(all.filter((r) => r.resource === `writer:${n}`).length, `writer ${n}`).toBe(count);
    const turns = all.filter((r) => r.resource.startsWith('writer:')).filter((r, i, rows) => i > 0 && rows[i - 1]?.resource !== r.resource).length;
    expect(turns).toBeGreaterThanOrEqual(2);
    await trail.close();
  }, 120_000);
});
