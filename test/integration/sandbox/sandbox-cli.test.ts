// `npm run sandbox` arguments as a user types them: --help, and every mistake answered with one line plus the
// usage and exit 2, before anything starts — never a Node stack trace, never silently accepted.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../../scripts/build';

const scratch = mkdtempSync(path.join(tmpdir(), 'airlock-sandbox-cli-'));
const aFile = path.join(scratch, 'not-a-folder');
writeFileSync(aFile, 'x');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** Runs in a scratch folder: an argument the sandbox wrongly accepted must not leave a state dir in the checkout. */
function sandbox(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', TSX, path.join(ROOT, 'sandbox', 'main.ts'), ...args], { cwd: scratch, encoding: 'utf8', timeout: 30_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run sandbox arguments', () => {
  it.each([['--help'], ['-h']])('%s prints the usage and exits 0 without starting anything', (flag) => {
    const r = sandbox(flag);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: npm run sandbox -- /);
    expect(r.stdout).toContain('--state-dir DIR');
    expect(r.stdout).not.toContain('is running');
  });

  it.each([
    [['--bogus'], 'sandbox: unknown option --bogus'],
    [['--state-dir'], 'sandbox: --state-dir needs a value'],
    [['--state-dir', '--verbose'], 'sandbox: --state-dir needs a value'],
    [['--state-dir='], 'sandbox: --state-dir needs a value'],
    [['--seed'], 'sandbox: --seed needs a value'],
    [['--verbose=yes'], 'sandbox: --verbose takes no value'],
    [['start'], 'sandbox: unexpected argument start'],
    [['--vpn', 'maybe'], 'sandbox: --vpn must be on or off, not maybe'],
    [['--vpn'], 'sandbox: --vpn needs a value'],
    [['vpn', 'sideways'], 'sandbox: vpn needs on or off, not sideways'],
    [['--state-dir', aFile], `sandbox: --state-dir ${aFile} is a file, not a folder`],
    [['--state-dir', path.join(aFile, 'below')], `sandbox: --state-dir ${path.join(aFile, 'below')} cannot be created: part of the path is a file`],
  ])('%j: one line, the usage, exit 2', (args, firstLine) => {
    const r = sandbox(...args);
    expect(r.code).toBe(2);
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe(firstLine);
    expect(r.stderr).toContain('Usage: npm run sandbox -- ');
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stdout).toBe('');
  });
});
