// The airlock command as a separate process over the same services.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../../scripts/build';
import { buildCli, CLI_SOURCE, TSX_BIN, type BuiltCli } from '../../harness/cli-bundle';

let cli: BuiltCli;
beforeAll(async () => {
  cli = await buildCli();
});
afterAll(() => cli.remove());

function airlock(...args: string[]) {
  return airlockIn(ROOT, ...args);
}

function airlockIn(cwd: string, ...args: string[]) {
  return spawnAirlock(process.execPath, [cli.file, ...args], cwd);
}

function spawnAirlock(command: string, args: string[], cwd: string) {
  // A user-data folder of its own: the CLI must not read or write the real one.
  const env = { ...process.env, AIRLOCK_USER_DATA: mkdtempSync(path.join(tmpdir(), 'airlock-cli-data-')) };
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('airlock CLI', () => {
  it('prints version and environments (through tsx, as `npm run cli` runs it)', () => {
    const r = spawnAirlock(TSX_BIN, [CLI_SOURCE, 'info'], ROOT);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Airlock \d+\.\d+\.\d+ \(development, unsigned\) on /);
    expect(r.stdout).toContain('AzureUSGovernment');
  });

  it('prints health as JSON', () => {
    const r = airlock('health', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout) as unknown).toMatchObject({ status: 'ok', checks: expect.any(Array) as unknown });
  });

  it.each([{ args: ['--help'] }, { args: ['-h'] }, { args: ['help'] }, { args: [] }])('$args prints the usage and exits 0', ({ args }) => {
    const r = airlock(...args);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: airlock <command> \[options\] \[--json\]/);
    expect(r.stdout).toMatch(/^ {2}info +/m);
    expect(r.stdout).toMatch(/^ {2}health +/m);
    expect(r.stdout).toMatch(/^ {2}audit verify +/m);
    expect(r.stderr).toBe('');
  });

  it.each([
    [['info', '--help'], 'Usage: airlock info [--json]'],
    [['audit', '--help'], 'Usage: airlock audit <command> [options] [--json]'],
    [['audit', 'export', '-h'], 'Usage: airlock audit export --format F [--out FILE]'],
    [['policy', 'explain', '--help'], 'Usage: airlock policy explain --action ACTION --resource RESOURCE [--json]'],
  ])('%j prints that command’s usage and exits 0', (args, first) => {
    const r = airlock(...args);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith(first)).toBe(true);
    expect(r.stderr).toBe('');
  });

  it.each([
    [['exfiltrate'], 'airlock: unknown command exfiltrate'],
    [['--bogus'], 'airlock: unknown option --bogus'],
    [['info', '--bogus'], 'airlock: unknown option --bogus'],
    [['info', 'extra'], 'airlock: unexpected argument extra'],
    [['health', '--json=yes'], 'airlock: --json takes no value'],
    [['-j'], 'airlock: unknown option -j'],
    [['info', '--out', 'x.json'], 'airlock: unknown option --out'],
    [['diagnostics', '--out'], 'airlock: --out needs a file name'],
    [['diagnostics', '--out='], 'airlock: --out needs a file name'],
    [['audit'], 'airlock: audit needs a command: status, list, verify, export, anomalies'],
    [['audit', 'export', '--format', 'pdf'], 'airlock: --format must be one of jsonl, csv, cef, ocsf'],
    [['audit', 'list', '--from', 'monday'], 'airlock: --from must be a UTC time such as 2026-12-01T08:00:00Z'],
    [['policy', 'explain', '--resource', 'app:airlock'], 'airlock: policy explain needs --action ACTION'],
  ])('%j: one line, the usage, exit 2', (args, firstLine) => {
    const r = airlock(...args);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(firstLine);
    expect(r.stderr).toContain('Usage: airlock ');
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stdout).toBe('');
  });

  it('diagnostics --out FILE writes the file there and says what it holds; --json prints where', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'airlock-cli-diag-'));
    const out = path.join(dir, 'support.json');
    const r = airlock('diagnostics', '--out', out, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout) as unknown).toMatchObject({ saved: true, path: out, contains: expect.any(Array) as unknown });
    const report = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
    expect(report).toMatchObject({ kind: 'airlock-diagnostics', app: { runtime: 'cli' }, health: { status: 'ok' } });
  });

  it('diagnostics without --out writes into the current folder, in words for a terminal', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'airlock-cli-diag-cwd-'));
    const r = airlockIn(dir, 'diagnostics');
    expect(r.code).toBe(0);
    const [file] = readdirSync(dir);
    expect(file).toMatch(/^airlock-diagnostics-.*\.json$/);
    expect(r.stdout).toContain(`Diagnostics written to ${path.join(dir, file!)}`);
    expect(r.stdout).toMatch(/with secrets removed/);
  });
});
