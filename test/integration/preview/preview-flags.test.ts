// `npm run preview` as a user types it: --help prints the usage; an unknown flag or a bad value is one plain
// line plus the usage and exit 2 — never a Node stack trace, never silently accepted. None of these builds,
// starts the sandbox or launches Chromium.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../scripts/build';

function preview(args: readonly string[]) {
  // What `npm run preview -- <args>` runs (package.json: "tsx scripts/preview.ts").
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/preview.ts', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DISPLAY: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run preview: flags', () => {
  it.each([['--help'], ['-h']])('%s prints the usage and exits 0', (flag) => {
    const run = preview([flag]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: npm run preview -- \[options\]/);
    for (const option of ['--section', '--theme', '--headless', '--no-sandbox', '--state-dir', 'AIRLOCK_CHROMIUM']) expect(run.stdout).toContain(option);
    expect(run.stderr).toBe('');
  });

  it.each([
    [['--theme', 'purple'], /--theme must be one of light, dark, high-contrast \(not "purple"\)/],
    [['--section', 'bogus'], /--section must be one of workspaces, endpoints, connections, audit, settings \(not "bogus"\)/],
    [['--bogus'], /unknown option --bogus/],
    [['-x'], /unknown option -x/],
    [['--section'], /--section needs a value/],
    [['--headless=yes'], /--headless takes no value/],
    [['--no-headless'], /unknown option --no-headless/],
    [['settings'], /unexpected argument "settings"/],
    [['--no-sandbox', '--state-dir', '/tmp/x'], /--state-dir is the sandbox's folder: it cannot go with --no-sandbox/],
  ])('%j: one line plus the usage, exit 2', (args, line) => {
    const run = preview(args);
    expect(run.code).toBe(2);
    const [first, blank, usage] = run.stderr.split('\n');
    expect(first).toMatch(/^preview: /);
    expect(first).toMatch(line);
    expect(blank).toBe('');
    expect(usage).toBe('Usage: npm run preview -- [options]');
    expect(run.stderr).not.toMatch(/\n\s+at |Error:|node:internal/);
    expect(run.stdout).toBe('');
  });

  it('--state-dir naming a file: one line plus the usage, exit 2', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'airlock-preview-flags-'));
    const file = path.join(dir, 'a-file');
    try {
      await writeFile(file, 'not a folder');
      const run = preview(['--state-dir', file]);
      expect(run.code).toBe(2);
      expect(run.stderr.split('\n')[0]).toBe(`preview: --state-dir ${file} is a file, not a folder`);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
