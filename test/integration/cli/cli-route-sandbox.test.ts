// `airlock route` and `airlock tunnel` as real processes against the whole sandbox, over one state folder
// and a real Secret Service (gnome-keyring on a private D-Bus): alice signs in once in-process (the CLI has no
// sign-in), then each command is its own process finding her account, like a user's terminal after the app.
// route list / check (steps and ms), the Bastion VM's first-seen key refused without a terminal (fingerprint
// + --trust-host-key hint), trusted with that flag, and a tunnel carrying TLS to the scoring server (verified
// against its real name) until SIGTERM, exit 0. Loopback only; without a Secret Service the suite skips.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAirlock, createKeytarKeychain, loadEnvironmentFile } from '../../../electron/services';
import { startSandbox, type RunningSandbox } from '../../../sandbox/start-sandbox';
import { ROOT } from '../../../scripts/build';
import { buildCli, CLI_SOURCE, TSX_BIN, type BuiltCli } from '../../harness/cli-bundle';
import { createScriptedBrowser } from '../../support/sandbox/scripted-browser';
import { capturingLogger, through } from '../../support/test-airlock';
import { secretServiceMissing, startPrivateBus, type PrivateBus } from '../vault/secret-service-session';

const missing = await secretServiceMissing();
if (missing) console.log(`airlock route CLI sandbox suite skipped: ${missing}`);


describe.skipIf(missing !== null)('airlock route / tunnel against the sandbox (processes)', () => {
  let bus: PrivateBus;
  let sandbox: RunningSandbox;
  const state = mkdtempSync(path.join(tmpdir(), 'airlock-cli-routes-'));
  let env: NodeJS.ProcessEnv;
  let cli: BuiltCli;
  let environmentPath: string;

  beforeAll(async () => {
    cli = await buildCli();
    bus = await startPrivateBus();
    await bus.startKeyring();
    for (const name of ['HOME', 'XDG_RUNTIME_DIR', 'DBUS_SESSION_BUS_ADDRESS'] as const) process.env[name] = bus.env[name];
    sandbox = await startSandbox({ stateDir: path.join(state, 'sandbox') });
    // The sandbox pins the Bastion VM's key (network.bastion.vmHostKeySha256); this suite is about the first-use
    // path, so it runs on a copy without that pin, beside the original (its relative paths still resolve).
    const raw = JSON.parse(await readFile(sandbox.environmentPath, 'utf8')) as { network: { bastion: Record<string, unknown> } };
    delete raw.network.bastion['vmHostKeySha256'];
    environmentPath = path.join(path.dirname(sandbox.environmentPath), 'environment-vm-key-unpinned.json');
    await writeFile(environmentPath, JSON.stringify(raw, null, 2));
    const { seed, ca, now } = sandbox.context;
    const alice = seed.users.find((u) => u.username === 'alice@contoso.test')!;
    const signIn = createAirlock(
      { runtime: { version: '0.1.0', build: 'development', runtime: 'node', platform: 'linux', arch: 'x64' }, extraEnvironments: [await loadEnvironmentFile(environmentPath)] },
      {
        clock: { now: () => new Date(), monotonicMs: () => performance.now() },
        logger: capturingLogger(),
        identity: { openBrowser: createScriptedBrowser({ caPem: ca.certPem, user: alice, now }).openBrowser, keychain: createKeytarKeychain(), userDataDir: path.join(state, 'userdata') },
      },
    );
    await through(signIn).auth.signIn({ environmentId: 'Sandbox', method: 'browser' });
    await signIn.dispose();
    env = { ...bus.env, AIRLOCK_USER_DATA: path.join(state, 'userdata'), AIRLOCK_DEV_ENVIRONMENT_FILE: environmentPath };
  }, 120_000);

  afterAll(async () => {
    cli?.remove();
    await sandbox?.stop();
    await bus?.stop();
  });

  // Never spawnSync here: the sandbox (DNS, IdP, ARM, jump host, Bastion) runs in this process and must keep answering.
  // The command compiled once (test/harness/cli-bundle.ts); the tunnel below runs through tsx as `npm run cli` does.
  const airlock = (...args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [cli.file, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });

  it('route list shows the three routes of the signed-in environment, each allowed', async () => {
    const r = await airlock('route', 'list', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { environmentId: string; routes: Array<{ via: string; allowed: boolean }> };
    expect(list.environmentId).toBe('Sandbox');
    expect(list.routes.map((x) => [x.via, x.allowed])).toEqual([['vpn', true], ['jump', true], ['bastion', true]]);
  }, 60_000);

  it('route check by workspace name prints each step with ms; exit 0 when all passed', async () => {
    const r = await airlock('route', 'check', '-w', 'ws-credit-private', '-e', 'credit-ep', '--via', 'jump');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Test connection to \S+\.inference\.ml\.azure\.com over jump: ok/);
    for (const step of ['route', 'channel', 'tls', 'http']) expect(r.stdout).toMatch(new RegExp(`^  ${step}\\s+ok\\s+[\\d.]+ ms`, 'm'));
  }, 60_000);

  it('the Bastion VM key seen first: refused without a terminal with the fingerprint; trusted by --trust-host-key', async () => {
    const refused = await airlock('route', 'connect', '--via', 'bastion');
    expect(refused.code).toBe(1);
    const fingerprint = /SHA256:[A-Za-z0-9+/]{43}/.exec(refused.stderr)?.[0];
    expect(fingerprint).toBeDefined();
    expect(refused.stderr).toContain(`--trust-host-key ${fingerprint!}`);
    expect(refused.stderr).toContain('(E_HOST_KEY_UNKNOWN)');
    expect(refused.stderr).not.toMatch(/^\s+at /m);

    const trusted = await airlock('route', 'connect', '--via', 'bastion', '--trust-host-key', fingerprint!, '--json');
    // stderr may carry the first attempt's warning log lines; the result is on stdout.
    expect(trusted.stderr).not.toMatch(/^airlock: /m);
    expect(trusted.code).toBe(0);
    expect(JSON.parse(trusted.stdout) as unknown).toMatchObject({ via: 'bastion', state: 'up' });
    // Remembered: the next run connects without the flag.
    expect((await airlock('route', 'connect', '--via', 'bastion')).code).toBe(0);
  }, 120_000);

  it('tunnel prints the address as one JSON object, carries TLS to the scoring server, and closes on SIGTERM with exit 0', async () => {
    const child = spawn(TSX_BIN, [CLI_SOURCE, 'tunnel', '-w', 'ws-credit-private', '-e', 'credit-ep', '--via', 'jump', '--json'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const forward = await new Promise<{ address: string; target: string; via: string }>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        try {
          resolve(JSON.parse(stdout) as { address: string; target: string; via: string });
        } catch {
          // not whole yet
        }
      });
      void exited.then((code) => reject(new Error(`tunnel exited ${String(code)}: ${stderr}`)));
      setTimeout(() => reject(new Error(`no address yet: ${stdout} | ${stderr}`)), 60_000);
    });
    expect(forward).toMatchObject({ address: expect.stringMatching(/^127\.0\.0\.1:\d+$/) as unknown, via: 'jump' });
    const host = forward.target.replace(/:443$/, '');
    const ca = await readFile(sandbox.environment.caCertPath, 'utf8');
    const status = await new Promise<number>((resolve, reject) => {
      const request = https.request({ host: '127.0.0.1', port: Number(forward.address.split(':')[1]), servername: host, ca, path: '/swagger.json', headers: { host } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      request.end();
    });
    expect(status).toBe(401);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).not.toMatch(/^airlock: /m);
    expect(stdout.trim()).toBe(JSON.stringify(JSON.parse(stdout), null, 2));
  }, 120_000);
});
