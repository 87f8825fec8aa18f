// `airlock login | logout | whoami | env list | env add` and the command line's new forms (a switch, the one
// argument of `env add`, the global --environment, '-' as a value), against a fake guarded door and store:
// the device code announced first as one event, a keychain that cannot keep the sign-in refused before it
// starts (and a memory-only vault signed out again), the --environment account switched to, and the store
// remembering where a file is (never a copy) with the app's loader deciding what is valid.
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliCommand, CliEvent, CliIo, CommandGroup } from '../../../../electron/cli/cli-command';
import { parseCommandLine } from '../../../../electron/cli/command-line';
import { COMMANDS } from '../../../../electron/cli/commands';
import { createEnvironmentStore, STORE_FILE } from '../../../../electron/cli/environment-store';
import type { Environment, InProcessGateway } from '../../../../electron/services';
import { failed, ok } from '../../../../shared/contract/result';
import { AirlockError } from '../../../../shared/errors/airlock-error';

const AT = '2026-12-03T23:00:00.000Z';
const account = (id: string, environmentId: string, username: string) => ({ accountId: id, environmentId, username, name: 'A', tenantId: 't', authMethods: ['pwd', 'mfa'], signedInAt: AT });
const ALICE = account('acc-1', 'Sandbox', 'alice@contoso.test');
const BOB = account('acc-2', 'custom-contoso', 'bob@contoso.com');
const INFO = {
  name: 'Airlock', version: '0.1.0', build: 'development', platform: 'linux', arch: 'x64', runtime: 'cli', defaultEnvironmentId: 'Sandbox',
  environments: [
    { id: 'AzureCloud', displayName: 'Azure', kind: 'builtin', pinnedTenant: null },
    { id: 'Sandbox', displayName: 'Local sandbox', kind: 'sandbox', pinnedTenant: 'tenant-1' },
    { id: 'custom-contoso', displayName: 'Contoso', kind: 'custom', pinnedTenant: null },
  ],
};
const VAULT = { backend: 'libsecret (gnome-keyring)', mode: 'keychain', locked: false, reason: null };
const DEVICE = { state: 'device-code', environmentId: 'Sandbox', deviceCode: { userCode: 'ABCD-EFGH', verificationUri: 'https://localhost:7443/device', message: 'go', expiresAt: AT } };

function door(answers: Record<string, unknown>) {
  const calls: Array<[string, unknown]> = [];
  const gateway: InProcessGateway = {
    async call(channel, payload) {
      calls.push([String(channel), payload]);
      const defaults: Record<string, unknown> = { 'app.info': INFO, 'auth.accounts': { accounts: [ALICE, BOB], activeAccountId: ALICE.accountId }, 'auth.session': { account: ALICE, tokens: [{ resource: 'arm', expiresAt: AT }, { resource: 'ml', expiresAt: null }], vault: VAULT } };
      const given = String(channel) in answers ? answers[String(channel)] : defaults[String(channel)];
      let answer: unknown;
      try {
        answer = typeof given === 'function' ? await (given as (p: unknown) => unknown)(payload) : given;
      } catch (thrown) {
        answer = thrown;
      }
      return answer instanceof AirlockError ? failed(answer.toShape()) : ok(answer);
    },
  };
  return { gateway, calls, channels: () => calls.map(([c]) => c), asked: (channel: string) => calls.filter(([c]) => c === channel).map(([, p]) => p) };
}

const command = (name: string) => COMMANDS[name] as CliCommand;
const env = (name: string) => (COMMANDS['env'] as CommandGroup).subcommands[name]!;
const fail = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AirlockError);

/** An event source the test fires, and the event lines the command printed. */
function eventIo(extra: Partial<CliIo> = {}) {
  const listeners = new Set<(e: CliEvent) => void>();
  const printed: Array<{ value: unknown; text: string }> = [];
  const io: CliIo = {
    events: { subscribe: (l) => (listeners.add(l), () => listeners.delete(l)) },
    event: (value, text) => printed.push({ value, text }),
    keychain: async () => ({ available: true }),
    ...extra,
  };
  return { io, printed, fire: (e: CliEvent) => listeners.forEach((l) => l(e)), listening: () => listeners.size };
}

describe('airlock login', () => {
  it('--device-code: the code is announced once as the first event, then the sign-in result; the default environment is used', async () => {
    const { io, printed, fire, listening } = eventIo();
    let finish: (v: unknown) => void = () => undefined;
    const { gateway, asked } = door({ 'auth.signIn': () => new Promise((resolve) => (finish = resolve)) });
    const running = command('login').run(gateway, { 'device-code': 'true' }, io);
    await new Promise((r) => setTimeout(r, 10));
    expect(asked('auth.signIn')).toEqual([{ environmentId: 'Sandbox', method: 'device-code' }]);
    fire({ name: 'auth.signInProgress', payload: { ...DEVICE, deviceCode: null } });
    fire({ name: 'auth.signInProgress', payload: DEVICE });
    fire({ name: 'auth.signInProgress', payload: DEVICE });
    expect(printed).toEqual([{ value: { event: 'device_code', verificationUri: 'https://localhost:7443/device', userCode: 'ABCD-EFGH', expiresAt: AT }, text: expect.stringContaining('enter the code ABCD-EFGH') as unknown }]);
    finish(ALICE);
    const r = await running;
    expect(r).toMatchObject({ value: { event: 'signed_in', account: ALICE }, exitCode: 0, compact: true });
    expect(r.text).toMatch(/^Signed in as alice@contoso\.test \(A\) in Sandbox\.\nYour sign-in is kept in the keychain/);
    expect(listening()).toBe(0);
  });

  it('--environment by name and --tenant go into auth.signIn; an unknown environment is refused naming the known ones', async () => {
    const { gateway, asked } = door({ 'auth.signIn': BOB, 'auth.session': { account: BOB, tokens: [], vault: VAULT } });
    await command('login').run(gateway, { tenant: 'contoso.com' }, { ...eventIo().io, environment: 'contoso' });
    expect(asked('auth.signIn')).toEqual([{ environmentId: 'custom-contoso', method: 'browser', tenant: 'contoso.com' }]);
    const error = (await fail(command('login').run(door({}).gateway, {}, { environment: 'mars' })))!;
    expect(error.code).toBe('E_NOT_FOUND');
    expect(error.message).toContain('AzureCloud, Sandbox, custom-contoso');
  });

  it('no keychain: refused in words before any sign-in starts', async () => {
    const { gateway, channels } = door({});
    const error = (await fail(command('login').run(gateway, {}, eventIo({ keychain: async () => ({ available: false, reason: 'No keychain service is running' }) }).io)))!;
    expect(error.code).toBe('E_KEYCHAIN_UNAVAILABLE');
    expect(error.message).toMatch(/^No keychain service is running, so a sign-in would last only until this command ends/);
    expect(channels()).toEqual(['app.info']);
  });

  it('a vault that keeps the sign-in in memory only: signed out again, E_KEYCHAIN_UNAVAILABLE', async () => {
    const { gateway, asked } = door({ 'auth.signIn': ALICE, 'auth.session': { account: ALICE, tokens: [], vault: { ...VAULT, mode: 'memory-only', reason: 'The keychain is locked' } }, 'auth.signOut': { accounts: [], activeAccountId: null } });
    const error = (await fail(command('login').run(gateway, {}, eventIo().io)))!;
    expect(error.code).toBe('E_KEYCHAIN_UNAVAILABLE');
    expect(asked('auth.signOut')).toEqual([{ accountId: 'acc-1' }]);
  });

  it('without a push channel the progress is polled through auth.signInProgress', async () => {
    const printed: unknown[] = [];
    let finish: (v: unknown) => void = () => undefined;
    const { gateway } = door({ 'auth.signIn': () => new Promise((resolve) => (finish = resolve)), 'auth.signInProgress': DEVICE });
    const running = command('login').run(gateway, { 'device-code': 'true' }, { pollMs: 5, event: (v) => printed.push(v), keychain: async () => ({ available: true }) });
    await new Promise((r) => setTimeout(r, 40));
    expect(printed).toHaveLength(1);
    finish(ALICE);
    expect((await running).exitCode).toBe(0);
  });
});

describe('airlock logout and whoami', () => {
  it('logout signs out the active account; with --environment the one of that environment (switched to first)', async () => {
    const first = door({ 'auth.signOut': { accounts: [BOB], activeAccountId: BOB.accountId } });
    const r = await command('logout').run(first.gateway, {}, {});
    expect(first.asked('auth.signOut')).toEqual([{ accountId: 'acc-1' }]);
    expect(r.text).toBe('Signed out alice@contoso.test (A) in Sandbox; its tokens were removed from this device.\n');
    const second = door({ 'auth.signOut': { accounts: [ALICE], activeAccountId: ALICE.accountId }, 'auth.switchAccount': { accounts: [ALICE, BOB], activeAccountId: BOB.accountId } });
    await command('logout').run(second.gateway, {}, { environment: 'custom-contoso' });
    expect(second.asked('auth.switchAccount')).toEqual([{ accountId: 'acc-2' }]);
    expect(second.asked('auth.signOut')).toEqual([{ accountId: 'acc-2' }]);
  });

  it('logout with nobody signed in says so, exit 0; whoami then fails E_AUTH_REQUIRED in words', async () => {
    const { gateway } = door({ 'auth.accounts': { accounts: [], activeAccountId: null } });
    expect(await command('logout').run(gateway, {}, {})).toMatchObject({ exitCode: 0, text: 'No account was signed in.\n' });
    const error = (await fail(command('whoami').run(gateway, {}, {})))!;
    expect(error.code).toBe('E_AUTH_REQUIRED');
    expect(error.hint).toContain('airlock login');
  });

  it('whoami shows the account, token lifetimes (never tokens) and where they are kept', async () => {
    const r = await command('whoami').run(door({}).gateway, {}, {});
    expect(r.exitCode).toBe(0);
    expect(r.text).toMatch(/^alice@contoso\.test \(A\) in Sandbox\n {2}Tenant: t\n/);
    expect(r.text).toContain('ARM token: valid until 2026-12-03T23:00:00.000Z');
    expect(r.text).toContain('ML token: not available');
    expect(r.text).toContain('Token store: libsecret (gnome-keyring)');
    expect(r.text).toContain('Also signed in:\n  bob@contoso.com (A) in custom-contoso');
    expect(r.value).toMatchObject({ account: ALICE, activeAccountId: 'acc-1', accounts: [ALICE, BOB] });
  });
});

describe('airlock env', () => {
  const loaded = (id: string): Environment => ({ id, displayName: 'Local \u202esandbox', kind: 'sandbox' }) as unknown as Environment;

  it('the store checks a file with the given loader and remembers where it is (0600), never its content', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'airlock-cli-env-'));
    const file = path.join(dir, 'environment.json');
    await writeFile(file, JSON.stringify({ users: [{ password: 'hunter2-planted' }] }));
    const loader = async (f: string) => {
      if (f !== file) throw new AirlockError('E_CONFIG_INVALID', { message: 'The environment file is not valid (field "authority"), so Airlock did not use it.' });
      return loaded('Sandbox');
    };
    const store = createEnvironmentStore({ userDataDir: path.join(dir, 'data'), loadEnvironmentFile: loader, now: () => new Date(AT) });
    expect(await store.add(path.relative(process.cwd(), file))).toEqual({ id: 'Sandbox', displayName: 'Local \u202esandbox', kind: 'sandbox', file, replaced: false });
    expect((await store.add(file)).replaced).toBe(true);
    const saved = await readFile(path.join(dir, 'data', STORE_FILE), 'utf8');
    expect(saved).not.toContain('hunter2');
    expect(JSON.parse(saved)).toEqual({ version: 1, environments: [{ id: 'Sandbox', file, addedAt: AT }] });
    expect((await stat(path.join(dir, 'data', STORE_FILE))).mode & 0o777).toBe(0o600);
    expect((await store.load()).environments.map((e) => e.id)).toEqual(['Sandbox']);
    await expect(store.add(path.join(dir, 'other.json'))).rejects.toMatchObject({ code: 'E_CONFIG_INVALID' });
  });

  it('a remembered file that no longer loads is left out and named', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'airlock-cli-env-'));
    let good = true;
    const store = createEnvironmentStore({ userDataDir: dir, loadEnvironmentFile: async () => (good ? loaded('Sandbox') : Promise.reject(new Error('The environment file could not be read as JSON, so Airlock did not use it.'))), now: () => new Date(AT) });
    await store.add('/tmp/x.json');
    good = false;
    const { environments, remembered } = await store.load();
    expect(environments).toEqual([]);
    expect(remembered).toEqual([{ id: 'Sandbox', file: '/tmp/x.json', addedAt: AT, problem: 'The environment file could not be read as JSON, so Airlock did not use it.' }]);
  });

  it('env list: app.info environments (default marked, file of a remembered one), the broken ones named', async () => {
    const environments = { add: () => Promise.reject(new Error('unused')), list: async () => [{ id: 'Sandbox', file: '/s/environment.json', addedAt: AT, problem: null }, { id: 'custom-old', file: '/gone.json', addedAt: AT, problem: 'gone' }] };
    const r = await env('list').run(door({}).gateway, {}, { environments });
    expect(r.text).toMatch(/^ID\s+NAME\s+KIND\s+TENANT\s+FILE\n/);
    expect(r.text).toMatch(/^Sandbox \*\s+Local sandbox\s+sandbox\s+tenant-1\s+\/s\/environment\.json$/m);
    expect(r.text).toContain('Not loaded: custom-old from /gone.json: gone');
    expect(r.value).toMatchObject({ defaultEnvironmentId: 'Sandbox', environments: INFO.environments });
  });

  it('env add prints what it added and how to sign in to it; the store’s refusal is the error', async () => {
    const environments = { add: async (file: string) => ({ id: 'Sandbox', displayName: 'Local sandbox', kind: 'sandbox', file, replaced: false }), list: async () => [] };
    const r = await env('add').run(door({}).gateway, { file: '/s/environment.json' }, { environments });
    expect(r.text).toBe('Added environment Sandbox (Local sandbox, sandbox) from /s/environment.json\nSign in to it with: airlock login --environment Sandbox\n');
  });
});

describe('airlock command line: switches, one argument, --environment, - as a value', () => {
  it('parses them', () => {
    expect(parseCommandLine(['login', '--device-code', '--json'])).toMatchObject({ kind: 'run', command: ['login'], json: true, options: { 'device-code': 'true' } });
    expect(parseCommandLine(['env', 'add', 'sandbox/environment.json'])).toMatchObject({ kind: 'run', command: ['env', 'add'], options: { file: 'sandbox/environment.json' } });
    expect(parseCommandLine(['--environment', 'Sandbox', 'whoami'])).toMatchObject({ kind: 'run', command: ['whoami'], environment: 'Sandbox' });
    expect(parseCommandLine(['workspaces', '--environment=.sandbox/environment.json'])).toMatchObject({ kind: 'run', environment: '.sandbox/environment.json' });
    expect(parseCommandLine(['invoke', '-w', 'rg/ws', '-e', 'credit-ep', '--data', '-', '-d', 'blue'])).toMatchObject({ kind: 'run', options: { workspace: 'rg/ws', endpoint: 'credit-ep', data: '-', deployment: 'blue' } });
    expect(parseCommandLine(['models', '-w', 'rg/ws', '-m', 'credit'])).toMatchObject({ kind: 'run', options: { model: 'credit' } });
  });

  it.each([
    [['login', '--device-code=yes'], '--device-code takes no value'],
    [['login', '--device-code', '--device-code'], '--device-code is given twice'],
    [['login', '--tenant', 'a b'], '--tenant must be a tenant ID or domain'],
    [['env', 'add'], 'env add needs ENVIRONMENT.json'],
    [['env', 'add', 'a.json', 'b.json'], 'unexpected argument b.json'],
    [['env', 'list', 'x'], 'unexpected argument x'],
    [['whoami', '--environment'], '--environment needs an environment name or file'],
    [['whoami', '--environment', 'a', '--environment', 'b'], '--environment is given twice'],
    [['invoke', '-w', 'ws', '-e', 'ep'], 'invoke needs --data FILE'],
    [['logs', '-w', 'ws', '-e', 'ep'], 'logs needs --deployment DEP'],
    [['logs', '-w', 'ws', '-e', 'ep', '-d', 'blue', '--tail', '0'], '--tail must be a whole number from 1 to 10000'],
    [['invoke', '-w', 'ws', '-e', 'ep', '--data', 'x', '--via', 'public'], '--via must be one of vpn, jump, bastion'],
    [['deployments', '-w', 'ws', '-e', 'bad name'], '--endpoint must be an online endpoint name'],
    [['load-test'], 'unknown command load-test'],
    [['test-run', '-w', 'ws', '-e', 'ep', '--data', 'x', '--requests', '10'], 'test-run needs --concurrency C'],
    [['test-run', '-w', 'ws', '-e', 'ep', '--data', 'x', '-n', '10', '-c', '65'], '--concurrency must be a whole number from 1 to 64'],
    [['test-run', '-w', 'ws', '-e', 'ep', '--data', 'x', '-n', '10001', '-c', '2'], '--requests must be a whole number from 1 to 10000'],
    [['test-run', '-w', 'ws', '-e', 'ep', '--data', 'x', '-n', '10', '-c', '2', '--rate', '0.01'], '--rate must be a number of requests per second from 0.1 to 1000'],
  ])('%j is refused: %s', (argv, message) => {
    expect(parseCommandLine(argv)).toMatchObject({ kind: 'usage-error', message });
  });

  it('--help of a command with an argument shows it, even when the argument is missing', () => {
    expect(parseCommandLine(['env', 'add', '--help'])).toMatchObject({ kind: 'help', text: expect.stringMatching(/^Usage: airlock env add ENVIRONMENT\.json \[--json\]\n[\s\S]*Arguments:/) as unknown });
    expect(parseCommandLine(['login', '-h'])).toMatchObject({ kind: 'help', text: expect.stringMatching(/^Usage: airlock login \[--device-code\] \[--tenant T\] \[--json\]/) as unknown });
  });
});
