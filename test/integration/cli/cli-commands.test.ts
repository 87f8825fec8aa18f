// The issue-11 commands as real processes without a sandbox: --help of each, usage mistakes (exit 2, one line
// then the usage, no stack trace, nothing started), `env add` of a file that is not an environment (exit 1,
// E_CONFIG_INVALID in words), `invoke --data` of a missing file, and commands that need an account refused
// in words when none is signed in (exit 1), with no log lines beside the error. Each run has its own user-data folder.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../../scripts/build';
import { buildCli, type BuiltCli } from '../../harness/cli-bundle';

// The command compiled once for this file (node on one .mjs, not tsx per case): same source and services.
let cli: BuiltCli;
beforeAll(async () => {
  cli = await buildCli();
});
afterAll(() => cli.remove());

function airlock(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, AIRLOCK_USER_DATA: mkdtempSync(path.join(tmpdir(), 'airlock-cli-data-')), DBUS_SESSION_BUS_ADDRESS: '' };
  delete env['AIRLOCK_DEV_ENVIRONMENT_FILE'];
  const result = spawnSync(process.execPath, [cli.file, ...args], { cwd: ROOT, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const noStack = (text: string) => expect(text).not.toMatch(/^\s+at |Error:|\.ts:\d+/m);

describe('airlock issue-11 commands (processes)', () => {
  it.each([
    [['env', 'add', '--help'], 'Usage: airlock env add ENVIRONMENT.json [--json]'],
    [['login', '--help'], 'Usage: airlock login [--device-code] [--tenant T] [--json]'],
    [['models', '-h'], 'Usage: airlock models --workspace WS [--model M] [--first N] [--json]'],
    [['invoke', '--help'], 'Usage: airlock invoke --workspace WS --endpoint EP [--deployment DEP] --data FILE [--via VIA] [--print FORMAT] [--json]'],
    [['logs', '--help'], 'Usage: airlock logs --workspace WS --endpoint EP --deployment DEP [--tail N] [--json]'],
    [['test-run', '--help'], 'Usage: airlock test-run --workspace WS --endpoint EP [--deployment DEP] --data FILE --requests N --concurrency C [--rate R] [--via VIA] [--csv FILE] [--json]'],
  ])('%j prints its usage, exit 0', (args, first) => {
    const r = airlock(...args);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith(first)).toBe(true);
    expect(r.stdout).toContain('--environment E');
    expect(r.stderr).toBe('');
  });

  it.each([
    [['env', 'add'], 'airlock: env add needs ENVIRONMENT.json'],
    [['login', '--device-code=no'], 'airlock: --device-code takes no value'],
    [['invoke', '-w', 'rg/ws', '-e', 'credit-ep'], 'airlock: invoke needs --data FILE'],
    [['deployments', '-w', 'rg/ws', '-e', '<script>'], 'airlock: --endpoint must be an online endpoint name'],
    [['logs', '-w', 'rg/ws', '-e', 'ep', '-d', 'blue', '--tail', 'many'], 'airlock: --tail must be a whole number from 1 to 10000'],
    [['whoami', '--environment'], 'airlock: --environment needs an environment name or file'],
    [['test-run', '-w', 'rg/ws', '-e', 'credit-ep', '--data', 'x.json', '-n', '10'], 'airlock: test-run needs --concurrency C'],
    // Checked before anything is sent: a mistyped folder must not cost a whole test run's requests.
    [['test-run', '-w', 'rg/ws', '-e', 'credit-ep', '--data', 'x.json', '-n', '10', '-c', '1', '--csv', '/nonexistent/run.csv'], 'airlock: --csv must be in a folder that exists (/nonexistent does not)'],
    [['diagnostics', '--out', tmpdir()], 'airlock: --out names a folder; give a file name in it'],
    [['endpoints', '-w', '/subscriptions/xx/bogus'], 'airlock: --workspace must be a workspace ARM id (/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.MachineLearningServices/workspaces/<name>), <resourceGroup>/<name>, or a name'],
  ])('%j is a usage error: one line, the usage, exit 2, no stack', (args, line) => {
    const r = airlock(...args);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(line);
    expect(r.stderr).toContain('Usage: airlock');
    expect(r.stdout).toBe('');
    noStack(r.stderr);
  });

  it('env add of a file that is not an environment: E_CONFIG_INVALID in words, exit 1', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'airlock-cli-env-'));
    writeFileSync(path.join(dir, 'not.json'), 'not json');
    const r = airlock('env', 'add', path.join(dir, 'not.json'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^airlock: The environment file could not be read as JSON, so Airlock did not use it\.\n/);
    expect(r.stderr).toContain('(E_CONFIG_INVALID)');
    noStack(r.stderr);
    const gone = airlock('whoami', '--environment', path.join(dir, 'missing.json'));
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/^airlock: The environment file does not exist, so Airlock did not use it\.\n/);
    expect(gone.stderr).toContain('(E_CONFIG_INVALID)');
  });

  it('an unknown --environment is refused naming the ones Airlock knows', () => {
    const r = airlock('login', '--environment', 'mars');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^airlock: Airlock knows no environment named 'mars'\. It knows: AzureCloud, /);
  });

  it('invoke with a missing --data file and browse commands without an account fail in words, exit 1', () => {
    const data = airlock('invoke', '-w', 'rg/ws', '-e', 'credit-ep', '--data', '/nonexistent/body.json');
    expect(data.code).toBe(1);
    expect(data.stderr).toMatch(/^airlock: Airlock could not open the request body file \/nonexistent\/body\.json\./);
    for (const args of [['workspaces'], ['endpoints', '-w', 'rg/ws']]) {
      const r = airlock(...args);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^airlock: No account is signed in/);
      expect(r.stderr).toContain('(E_AUTH_REQUIRED)');
      noStack(r.stderr);
      // Only the error: the services' JSON log lines (no keychain here: vault.memory-only) stay out unless AIRLOCK_LOG asks.
      expect(r.stderr).not.toContain('"event"');
    }
  });

  it('login without a keychain is refused before it starts, in words', () => {
    const r = airlock('login', '--device-code');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/so a sign-in would last only until this command ends; Airlock did not sign you in\./);
    expect(r.stderr).toContain('(E_KEYCHAIN_UNAVAILABLE)');
  });
});
