// `airlock policy` and `airlock audit` as separate processes over one state folder, like a support engineer
// runs them: each run is itself decided and recorded, list shows those records, verify exits 0 on the intact
// trail and 1 (naming the record) once a row is edited, export writes into the folder it runs in with the
// signed checkpoint. The keychain is a real Secret Service (gnome-keyring on a private D-Bus), so the
// trail's keys outlive each process as they would on a desktop; without one the suite skips and says why.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../../scripts/build';
import { buildCli, CLI_SOURCE, TSX_BIN, type BuiltCli } from '../../harness/cli-bundle';
import { secretServiceMissing, startPrivateBus, type PrivateBus } from '../vault/secret-service-session';

const missing = await secretServiceMissing();
if (missing) console.log(`airlock audit CLI suite skipped: ${missing}`);

describe.skipIf(missing !== null)('airlock policy / audit over one state folder', () => {
  let bus: PrivateBus;
  let cli: BuiltCli;
  const state = mkdtempSync(path.join(tmpdir(), 'airlock-cli-audit-'));

  beforeAll(async () => {
    [bus, cli] = await Promise.all([startPrivateBus(), buildCli()]);
    await bus.startKeyring();
  });
  afterAll(async () => {
    cli.remove();
    await bus.stop();
  });

  // Compiled once (test/harness/cli-bundle.ts); the first run goes through tsx, as `npm run cli` runs it.
  let viaTsx = true;
  const airlock = (cwd: string, ...args: string[]) => {
    const [command, first] = viaTsx ? [TSX_BIN, CLI_SOURCE] : [process.execPath, cli.file];
    viaTsx = false;
    const result = spawnSync(command, [first, ...args], {
      cwd,
      env: { ...bus.env, AIRLOCK_USER_DATA: state },
      encoding: 'utf8',
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  it('explains a decision in words, then lists it from the trail (each CLI run is recorded)', () => {
    const explained = airlock(ROOT, 'policy', 'explain', '--action', 'workspace.list', '--resource', 'workspace:*');
    expect(explained.stderr).toBe('');
    expect(explained.code).toBe(0);
    expect(explained.stdout).toMatch(/^Decision: allowed\nRule: \S+\nReason: .+\nMatched: /);

    const listed = airlock(ROOT, 'audit', 'list', '--action', 'policy.explain', '--json');
    expect(listed.code).toBe(0);
    const page = JSON.parse(listed.stdout) as { records: Array<{ action: string; kind: string; host: string; rule?: string }> };
    expect(page.records.map((r) => [r.kind, r.action, r.host])).toEqual([
      ['outcome', 'policy.explain', 'cli'],
      ['decision', 'policy.explain', 'cli'],
    ]);
    expect(page.records[1]!.rule).toBe('airlock-baseline');
  });

  it('verifies intact (exit 0), exports into the folder it runs in, and names an edited record (exit 1)', () => {
    const intact = airlock(ROOT, 'audit', 'verify');
    expect(intact.stdout).toMatch(/^Intact: all \d+ records verified\./);
    expect(intact.code).toBe(0);

    const folder = mkdtempSync(path.join(tmpdir(), 'airlock-cli-export-'));
    const exported = airlock(folder, 'audit', 'export', '--format', 'jsonl', '--json');
    expect(exported.code).toBe(0);
    const [file] = readdirSync(folder);
    expect(file).toMatch(/^airlock-audit-\d{8}-\d{6}\.jsonl$/);
    expect(JSON.parse(exported.stdout) as unknown).toMatchObject({ saved: true, file: path.join(folder, file!), format: 'jsonl' });
    expect(readFileSync(path.join(folder, file!), 'utf8')).toContain('policy.explain');

    const db = new Database(path.join(state, 'audit', 'audit.db'));
    const { seq } = db.prepare("SELECT min(seq) AS seq FROM records WHERE body LIKE '%\"host\":\"cli\"%'").get() as { seq: number };
    db.prepare("UPDATE records SET body = replace(body, '\"host\":\"cli\"', '\"host\":\"electron\"') WHERE seq = ?").run(seq);
    db.close();
    const tampered = airlock(ROOT, 'audit', 'verify', '--json');
    expect(tampered.code).toBe(1);
    expect(JSON.parse(tampered.stdout) as unknown).toMatchObject({ result: 'tampered', first: { seq, what: 'edited' } });
  });

  it('a bad value is one line, the command’s usage and exit 2, before anything starts', () => {
    const r = airlock(ROOT, 'audit', 'list', '--limit', 'lots');
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('airlock: --limit must be a whole number from 1 to 500');
    expect(r.stderr).toContain('Usage: airlock audit list');
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stdout).toBe('');
  });
});
