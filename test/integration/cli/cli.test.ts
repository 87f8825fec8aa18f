// The airlock command as a separate process over the same services.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../scripts/build';

function airlock(...args: string[]) {
  const result = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'electron/cli/main.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('airlock CLI', () => {
  it('prints version and environments', () => {
    const r = airlock('info');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Airlock \d+\.\d+\.\d+ \(development\) on /);
    expect(r.stdout).toContain('AzureUSGovernment');
  });

  it('prints health as JSON', () => {
    const r = airlock('health', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout) as unknown).toMatchObject({ status: 'ok', checks: expect.any(Array) as unknown });
  });

  it.each([{ args: ['--help'] }, { args: ['-h'] }, { args: ['help'] }, { args: ['info', '--help'] }, { args: [] }])('$args prints the usage and exits 0', ({ args }) => {
    const r = airlock(...args);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: airlock <command> \[--json\]/);
    expect(r.stdout).toMatch(/^ {2}info +/m);
    expect(r.stdout).toMatch(/^ {2}health +/m);
    expect(r.stderr).toBe('');
  });

  it.each([
    [['exfiltrate'], 'airlock: unknown command exfiltrate'],
    [['--bogus'], 'airlock: unknown option --bogus'],
    [['info', '--bogus'], 'airlock: unknown option --bogus'],
    [['info', 'extra'], 'airlock: unexpected argument extra'],
    [['health', '--json=yes'], 'airlock: --json takes no value'],
    [['-j'], 'airlock: unknown option -j'],
  ])('%j: one line, the usage, exit 2', (args, firstLine) => {
    const r = airlock(...args);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(firstLine);
    expect(r.stderr).toContain('Usage: airlock <command>');
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stdout).toBe('');
  });
});
