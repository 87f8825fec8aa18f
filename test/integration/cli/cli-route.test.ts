// `airlock route …` and `airlock tunnel` as real processes: their usage, a bad flag (one line, the command's
// usage, exit 2, nothing started), and a refusal when no account is signed in (the typed error's words and
// code on stderr, exit 1, never a stack trace). The same services as the app; a user-data folder of its own.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
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
  return airlockBy(process.execPath, [cli.file, ...args]);
}

function airlockBy(command: string, args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, AIRLOCK_USER_DATA: mkdtempSync(path.join(tmpdir(), 'airlock-cli-route-')) };
  delete env['AIRLOCK_DEV_ENVIRONMENT_FILE'];
  const result = spawnSync(command, args, { cwd: ROOT, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const FP = 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU';

describe('airlock route / tunnel (processes)', () => {
  it.each([
    [['route', '--help'], 'Usage: airlock route <command> [options] [--json]'],
    [['route', 'check', '-h'], 'Usage: airlock route check --workspace WS --endpoint EP [--via VIA] [--trust-host-key FP] [--json]'],
    [['tunnel', '--help'], 'Usage: airlock tunnel --workspace WS --endpoint EP [--via VIA] [--local-port P] [--trust-host-key FP] [--json]'],
  ])('%j prints its usage and exits 0', (args, first) => {
    const r = airlock(...args);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith(first)).toBe(true);
  });

  it.each([
    [['route', 'connect', '--via', 'tor'], 'airlock: --via must be one of vpn, jump, bastion', 'Usage: airlock route connect'],
    [['tunnel', '-w', 'ws-credit-private'], 'airlock: tunnel needs --endpoint EP', 'Usage: airlock tunnel'],
    [['tunnel', '-w', 'ws', '-e', 'credit-ep', '--local-port', '22'], 'airlock: --local-port must be a whole number from 1024 to 65535', 'Usage: airlock tunnel'],
    [['route', 'connect', '--trust-host-key', 'yes'], 'airlock: --trust-host-key must be an SSH host key fingerprint (SHA256:…)', 'Usage: airlock route connect'],
    [['route', 'ping'], 'airlock: unknown route command ping (list, connect, disconnect, check)', 'Usage: airlock route <command>'],
  ])('%j is one line, the usage and exit 2', (args, line, usage) => {
    const r = airlock(...args);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(line);
    expect(r.stderr).toContain(usage);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stdout).toBe('');
  });

  it.each([
    [['route', 'list']],
    [['route', 'connect', '--via', 'jump', '--trust-host-key', FP, '--json']],
    [['tunnel', '-w', '/subscriptions/5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws', '-e', 'credit-ep']],
  ])('%j without a signed-in account is refused in words, exit 1, no stack trace', (args) => {
    // The first case through tsx, as `npm run cli` runs the command.
    const r = args[0] === 'route' && args[1] === 'list' ? airlockBy(TSX_BIN, [CLI_SOURCE, ...args]) : airlock(...args);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^airlock: .+\n/);
    expect(r.stderr).toMatch(/\((E_[A-Z_]+)\)\n$/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  }, 30_000);
});
