// The CLI on its own against the whole sandbox, each command its own process over one state folder and a real
// Secret Service (gnome-keyring on a private D-Bus): `env add` remembers the sandbox's environment.json (no
// AIRLOCK_DEV_ENVIRONMENT_FILE), a bad file is E_CONFIG_INVALID in words; `login --device-code --json` prints
// the code as its first line, which the sandbox's scripted user enters; then whoami and workspaces in new
// processes find the account (tokens from the vault, key from the keychain); logout removes it. Nothing
// printed carries a token, the demo password or its TOTP secret. Loopback only; without a Secret Service the
// suite skips. Run the CLI with async spawn, never spawnSync: the sandbox answers from this process.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../sandbox/start-sandbox';
import { buildCli, type BuiltCli } from '../../harness/cli-bundle';
import { createScriptedBrowser } from '../../support/sandbox/scripted-browser';
import { secretServiceMissing, startPrivateBus, type PrivateBus } from '../vault/secret-service-session';

const missing = await secretServiceMissing();
if (missing) console.log(`airlock login CLI sandbox suite skipped: ${missing}`);


describe.skipIf(missing !== null)('airlock env add, login, whoami, workspaces, logout against the sandbox (processes)', () => {
  let bus: PrivateBus;
  let sandbox: RunningSandbox;
  const state = mkdtempSync(path.join(tmpdir(), 'airlock-cli-login-'));
  let env: NodeJS.ProcessEnv;
  const outputs: string[] = [];
  // The command compiled once (node on one .mjs, not tsx per process): same source and services.
  let cli: BuiltCli;

  beforeAll(async () => {
    cli = await buildCli();
    bus = await startPrivateBus();
    await bus.startKeyring();
    for (const name of ['HOME', 'XDG_RUNTIME_DIR', 'DBUS_SESSION_BUS_ADDRESS'] as const) process.env[name] = bus.env[name];
    sandbox = await startSandbox({ stateDir: path.join(state, 'sandbox') });
    const { AIRLOCK_DEV_ENVIRONMENT_FILE: _none, ...rest } = bus.env;
    env = { ...rest, AIRLOCK_USER_DATA: path.join(state, 'userdata') };
  }, 120_000);

  afterAll(async () => {
    await sandbox?.stop();
    await bus?.stop();
    cli?.remove();
  });

  const start = (...args: string[]) => spawn(process.execPath, [cli.file, ...args], { cwd: state, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const airlock = (...args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = start(...args);
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (code) => {
        outputs.push(stdout, stderr);
        resolve({ code, stdout, stderr });
      });
    });

  it('env add refuses a bad file in words (exit 1, no stack), remembers the sandbox file; env list shows it', async () => {
    const bad = path.join(state, 'bad.json');
    writeFileSync(bad, JSON.stringify({ $schemaVersion: 1, name: 'x', displayName: 'X', kind: 'custom', authority: 'http://idp.example' }));
    const refused = await airlock('env', 'add', bad);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^airlock: The environment file is not valid \(field "authority"\), so Airlock did not use it\./);
    expect(refused.stderr).toContain('(E_CONFIG_INVALID)');
    expect(refused.stderr).not.toMatch(/^\s+at /m);

    const added = await airlock('env', 'add', sandbox.environmentPath, '--json');
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout) as unknown).toMatchObject({ id: 'Sandbox', kind: 'sandbox', file: sandbox.environmentPath });

    const list = await airlock('env', 'list', '--json');
    expect(list.code).toBe(0);
    const listed = JSON.parse(list.stdout) as { environments: Array<{ id: string }>; defaultEnvironmentId: string };
    expect(listed.environments.map((e) => e.id)).toContain('Sandbox');
    expect(listed.defaultEnvironmentId).toBe('Sandbox');
  }, 120_000);

  it('not signed in yet: whoami is E_AUTH_REQUIRED in words, exit 1', async () => {
    const r = await airlock('whoami');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^airlock: No account is signed in/);
    expect(r.stderr).toContain('airlock login');
  }, 60_000);

  it('login --device-code --json: the first line is the code; the sandbox user enters it; signed in, kept in the keychain', async () => {
    const { seed, ca, now } = sandbox.context;
    const alice = seed.users.find((u) => u.username === 'alice@contoso.test')!;
    const child = start('login', '--device-code', '--environment', 'Sandbox', '--json');
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const first = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('\n')) resolve(stdout.slice(0, stdout.indexOf('\n')));
      });
      void exited.then((code) => reject(new Error(`login exited ${String(code)}: ${stderr}`)));
    });
    const code = JSON.parse(first) as { event: string; verificationUri: string; userCode: string };
    expect(code).toMatchObject({ event: 'device_code', verificationUri: expect.stringMatching(/^https:\/\//) as unknown, userCode: expect.any(String) as unknown });
    await createScriptedBrowser({ caPem: ca.certPem, user: alice, now }).completeDeviceCode(code.verificationUri, code.userCode);
    expect(await exited).toBe(0);
    outputs.push(stdout, stderr);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[1]!) as unknown).toMatchObject({ event: 'signed_in', account: { username: 'alice@contoso.test', environmentId: 'Sandbox' } });
    expect(stderr).not.toMatch(/^airlock: /m);
  }, 120_000);

  it('a second process finds the account and its tokens (vault + keychain): whoami, workspaces', async () => {
    const who = await airlock('whoami', '--json');
    expect(who.code).toBe(0);
    const session = JSON.parse(who.stdout) as { account: { username: string }; vault: { mode: string }; tokens: Array<{ resource: string; expiresAt: string | null }> };
    expect(session.account.username).toBe('alice@contoso.test');
    expect(session.vault.mode).toBe('keychain');
    expect(session.tokens.find((t) => t.resource === 'arm')?.expiresAt).toEqual(expect.any(String));

    const text = await airlock('whoami');
    expect(text.stdout).toMatch(/^alice@contoso\.test .* in Sandbox\n/);

    const listed = await airlock('workspaces', '--json');
    expect(listed.stderr).toBe('');
    expect(listed.code).toBe(0);
    const { workspaces } = JSON.parse(listed.stdout) as { workspaces: Array<{ name: string; resourceGroup: string }> };
    expect(workspaces.map((w) => w.name)).toContain('ws-credit-private');
    const table = await airlock('workspaces');
    const credit = workspaces.find((w) => w.name === 'ws-credit-private')!;
    expect(table.stdout).toMatch(new RegExp(`^${credit.resourceGroup}/ws-credit-private\\s`, 'm'));
  }, 120_000);

  it('logout removes the account; the next process is not signed in', async () => {
    const out = await airlock('logout');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^Signed out alice@contoso\.test/);
    expect((await airlock('whoami')).code).toBe(1);
    expect((await airlock('logout')).stdout).toBe('No account was signed in.\n');
  }, 120_000);

  it('nothing printed carries a token, the demo password or its one-time-code secret', () => {
    const alice = sandbox.context.seed.users.find((u) => u.username === 'alice@contoso.test')!;
    const all = outputs.join('\n');
    expect(all.length).toBeGreaterThan(0);
    for (const planted of [alice.password, alice.totpSecret]) expect(all).not.toContain(planted);
    expect(all).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/); // a JWT (access, id or refresh token)
    expect(all).not.toMatch(/refresh_token|access_token|Bearer /i);
  });
});
