// Private routes through the real composition root against the whole sandbox: signed in as alice (who has a
// jump host login), route.connect via VPN, jump host and Bastion through the guarded door; first use of an
// unpinned host key fails E_HOST_KEY_UNKNOWN with the fingerprint, route.trustHostKey with it trusts it, the
// next connect is up; route.check walks an endpoint's scoring host (from ARM); a local forward carries TLS to
// the scoring server; route.state is pushed; sign-out closes every route and forward. Loopback only.
import { execFileSync } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAirlock, createMemoryKeychain, loadEnvironmentFile, type Airlock } from '../../../electron/services';
import { startSandbox, type RunningSandbox } from '../../../sandbox/start-sandbox';
import type { RouteStatusView } from '../../../shared/contract/schemas/route';
import { createScriptedBrowser } from '../../support/sandbox/scripted-browser';
import { createIdleLockTime } from '../../support/idle-lock-time';
import { capturingLogger, through } from '../../support/test-airlock';

const SUB = '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
/** alice's key is an encrypted copy: its passphrase is asked through route.prompt and must appear nowhere. */
const PASSPHRASE = 'PLANTEDPASSPHRASE-7Qx2v9';
const WORKSPACE = `/subscriptions/${SUB}/resourceGroups/rg-ml-private/providers/Microsoft.MachineLearningServices/workspaces/ws-credit-private`;

let sandbox: RunningSandbox;
let airlock: Airlock;
let stateDir: string;
const logs = capturingLogger();
const pushed: Array<{ name: string; payload: unknown }> = [];
const idle = createIdleLockTime();

beforeAll(async () => {
  stateDir = await mkdtemp(path.join(tmpdir(), 'airlock-routes-'));
  sandbox = await startSandbox({ stateDir: path.join(stateDir, 'sandbox') });
  const { seed, ca, now } = sandbox.context;
  const alice = seed.users.find((u) => u.username === 'alice@contoso.test')!;
  const loaded = await loadEnvironmentFile(sandbox.environmentPath);
  // The jump host's and the Bastion VM's keys unpinned: first-use trust is what this environment plays.
  const { hostKeySha256: _pinned, ...jumpHost } = loaded.network.jumpHost!;
  const { vmHostKeySha256: _vmPinned, ...bastion } = loaded.network.bastion!;
  const sandboxKey = loaded.sshUsers!.find((u) => u.username === alice.username)!.privateKeyPath;
  const encryptedKey = path.join(stateDir, 'alice_encrypted_key');
  await copyFile(sandboxKey, encryptedKey);
  execFileSync('ssh-keygen', ['-q', '-p', '-P', '', '-N', PASSPHRASE, '-f', encryptedKey]);
  const sshUsers = loaded.sshUsers!.map((u) => (u.username === alice.username ? { ...u, privateKeyPath: encryptedKey } : u));
  const environment = { ...loaded, network: { ...loaded.network, jumpHost, bastion }, sshUsers };
  airlock = createAirlock(
    { runtime: { version: '0.1.0', build: 'development', runtime: 'node', platform: 'linux', arch: 'x64' }, extraEnvironments: [environment] },
    {
      clock: idle.clock,
      logger: logs,
      identity: { openBrowser: createScriptedBrowser({ caPem: ca.certPem, user: alice, now }).openBrowser, keychain: createMemoryKeychain(), userDataDir: path.join(stateDir, 'userdata'), scheduler: idle.scheduler },
      guard: { policySource: null },
    },
  );
  airlock.events.subscribe((event) => {
    pushed.push({ name: event.name, payload: event.payload });
    // The Connections screen's passphrase dialog, answering through the guarded door.
    if (event.name === 'route.prompt') void through(airlock).route.answerPrompt({ promptId: event.payload.promptId, answer: PASSPHRASE });
  });
  await through(airlock).auth.signIn({ environmentId: 'Sandbox', method: 'browser' });
}, 90_000);

afterAll(async () => {
  await airlock?.dispose();
  await sandbox?.stop();
  await rm(stateDir, { recursive: true, force: true });
});

describe('private routes through the composition root (whole sandbox)', () => {
  it('lists the three routes of the active environment, each allowed', async () => {
    const list = await through(airlock).route.list();
    expect(list.environmentId).toBe('Sandbox');
    expect(list.routes.map((r) => [r.via, r.state, r.allowed])).toEqual([['vpn', 'off', true], ['jump', 'off', true], ['bastion', 'off', true]]);
  });

  it('connects via the VPN route and pushes route.state', async () => {
    const status = await through(airlock).route.connect({ via: 'vpn' });
    expect(status).toMatchObject({ via: 'vpn', state: 'up' });
    expect(pushed.some((e) => e.name === 'route.state' && (e.payload as RouteStatusView).via === 'vpn' && (e.payload as RouteStatusView).state === 'up')).toBe(true);
  });

  it('an unknown jump host key fails E_HOST_KEY_UNKNOWN with its fingerprint; trusting that fingerprint lets the next connect through', async () => {
    const first = await through(airlock).route.connect({ via: 'jump' }).catch((e: unknown) => e);
    expect(first).toMatchObject({ code: 'E_HOST_KEY_UNKNOWN', details: { presented: expect.stringMatching(/^SHA256:/) as unknown } });
    const presented = (first as { details: { presented: string } }).details.presented;
    await expect(through(airlock).route.trustHostKey({ via: 'jump', fingerprint: 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU' })).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    expect(await through(airlock).route.trustHostKey({ via: 'jump', fingerprint: presented })).toEqual({ trusted: true });
    expect(await through(airlock).route.connect({ via: 'jump' })).toMatchObject({ via: 'jump', state: 'up' });
    const trail = await airlock.services.audit!;
    expect((await trail.query({ action: 'route.hostKeyTrusted' }, { limit: 5 })).records[0]).toMatchObject({ kind: 'system', rule: 'first-use-trusted', reason: expect.stringContaining('on first use') as unknown });
  }, 30_000);

  it('connects via Azure Bastion (its VM key trusted on first use the same way)', async () => {
    const first = await through(airlock).route.connect({ via: 'bastion' }).catch((e: unknown) => e);
    expect(first).toMatchObject({ code: 'E_HOST_KEY_UNKNOWN' });
    await through(airlock).route.trustHostKey({ via: 'bastion', fingerprint: (first as { details: { presented: string } }).details.presented });
    expect(await through(airlock).route.connect({ via: 'bastion' })).toMatchObject({ via: 'bastion', state: 'up' });
  }, 30_000);

  it.each(['vpn', 'jump', 'bastion'] as const)('route.check via %s walks the scoring host ARM names, step by step', async (via) => {
    const result = await through(airlock).route.check({ via, workspaceId: WORKSPACE, endpointName: 'credit-ep' });
    expect(result.host).toMatch(/\.inference\.ml\.azure\.com$/);
    expect(result.steps.at(-1)).toMatchObject({ name: 'http', ok: true });
    expect(result.ok).toBe(true);
  }, 30_000);

  it('the diagnostics export carries the last Test connection results, display-safe', async () => {
    const exported = await through(airlock).app.exportDiagnostics();
    const report = JSON.parse(await readFile(exported.path!, 'utf8')) as { connectionTests: Array<{ via: string; host: string; steps: unknown[] }> };
    expect(report.connectionTests.map((t) => t.via)).toEqual(['bastion', 'jump', 'vpn']);
    expect(report.connectionTests[0]!.host).toMatch(/\.inference\.ml\.azure\.com$/);
    expect(exported.contains.some((line) => line.includes('Test connection'))).toBe(true);
  });

  it('a local forward carries TLS to the scoring server (verified against its real name) over the jump host', async () => {
    const forward = await through(airlock).forward.open({ workspaceId: WORKSPACE, endpointName: 'credit-ep', via: 'jump' });
    expect(forward.address).toMatch(/^127\.0\.0\.1:\d+$/);
    const host = forward.target.replace(/:443$/, '');
    const ca = await readFile(sandbox.environment.caCertPath, 'utf8');
    // Keep-alive, as Node's default agent and most SDKs do: the local connection stays open, and the idle
    // lock and sign-out below must still close this forward.
    const agent = new https.Agent({ keepAlive: true });
    const status = await new Promise<number>((resolve, reject) => {
      const request = https.request({ host: '127.0.0.1', port: Number(forward.address.split(':')[1]), servername: host, ca, path: '/swagger.json', headers: { host }, agent }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      request.end();
    });
    expect(status).toBe(401);
    expect((await through(airlock).forward.list()).forwards.map((f) => f.id)).toEqual([forward.id]);
    expect(pushed.find((e) => e.name === 'forward.state')).toMatchObject({ payload: { kind: 'opened', forward: { id: forward.id, address: forward.address } } });
  }, 30_000);

  it("asked for the encrypted key's passphrase by file name only, and the passphrase is in no log line, audit record or pushed event", async () => {
    const prompts = pushed.filter((e) => e.name === 'route.prompt').map((e) => e.payload);
    expect(prompts.length).toBeGreaterThan(0);
    expect(prompts[0]).toMatchObject({ kind: 'passphrase', key: 'alice_encrypted_key', attempt: 1 });
    const { records } = await (await airlock.services.audit!).query({}, { limit: 1000 });
    expect(records.some((r) => r.action === 'route.answerPrompt')).toBe(true);
    for (const text of [JSON.stringify(logs.entries), JSON.stringify(records), JSON.stringify(pushed)]) expect(text).not.toContain(PASSPHRASE);
  });

  it('a changed host key (the remembered one differs) is refused with both fingerprints and audited', async () => {
    const file = path.join(stateDir, 'userdata', 'ssh-known-hosts.json');
    const remembered = await readFile(file, 'utf8');
    const known = JSON.parse(remembered) as { version: 1; hosts: Record<string, string> };
    const vmKey = Object.keys(known.hosts).find((k) => k.startsWith('Sandbox vm-'))!; // keyed "<environment> host:port"
    const presented = known.hosts[vmKey]!;
    const expected = 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU';
    await through(airlock).route.disconnect({ via: 'bastion' });
    await writeFile(file, JSON.stringify({ ...known, hosts: { ...known.hosts, [vmKey]: expected } }));
    await expect(through(airlock).route.connect({ via: 'bastion' })).rejects.toMatchObject({ code: 'E_HOST_KEY_CHANGED', details: { expected, presented } });
    const { records } = await (await airlock.services.audit!).query({ action: 'route.hostKeyChanged' }, { limit: 5 });
    expect(records[0]).toMatchObject({ kind: 'system', rule: 'host-key-changed', environmentId: 'Sandbox' });
    await writeFile(file, remembered);
    expect(await through(airlock).route.connect({ via: 'bastion' })).toMatchObject({ state: 'up' });
  }, 30_000);

  const lastStates = () => {
    const states = pushed.filter((e) => e.name === 'route.state').map((e) => e.payload as RouteStatusView);
    return ['vpn', 'jump', 'bastion'].map((via) => states.filter((s) => s.via === via).at(-1)?.state);
  };

  it('the idle lock closes every route and forward', async () => {
    expect(lastStates()).toEqual(['up', 'up', 'up']);
    idle.idleFor();
    await expect.poll(lastStates).toEqual(['off', 'off', 'off']);
    await expect.poll(async () => (await through(airlock).forward.list()).forwards).toEqual([]);
  }, 30_000);

  it("switching account closes every route and forward (they carry the previous account's SSH login and tokens)", async () => {
    await through(airlock).auth.unlock();
    await through(airlock).route.connect({ via: 'jump' });
    await through(airlock).forward.open({ workspaceId: WORKSPACE, endpointName: 'credit-ep', via: 'jump' });
    expect(lastStates()[1]).toBe('up');
    const { accounts } = await through(airlock).auth.accounts();
    await through(airlock).auth.switchAccount({ accountId: accounts[0]!.accountId });
    expect(lastStates()[1]).toBe('off');
    expect((await through(airlock).forward.list()).forwards).toEqual([]);
  }, 30_000);

  it('sign-out closes every route and forward', async () => {
    await through(airlock).auth.unlock();
    await through(airlock).route.connect({ via: 'jump' });
    await through(airlock).forward.open({ workspaceId: WORKSPACE, endpointName: 'credit-ep', via: 'jump' });
    expect(lastStates()[1]).toBe('up');
    // The guard's context names the route in use in the policy's words: Airlock's jump host is the policy's ssh.
    const { records } = await (await airlock.services.audit!).query({ action: 'forward.open', kind: 'decision' }, { limit: 1 });
    expect(records[0]).toMatchObject({ route: 'ssh' });
    const { accounts } = await through(airlock).auth.accounts();
    await through(airlock).auth.signOut({ accountId: accounts[0]!.accountId });
    expect(airlock.services.events).toBeDefined();
    const states = pushed.filter((e) => e.name === 'route.state').map((e) => e.payload as RouteStatusView);
    for (const via of ['vpn', 'jump', 'bastion']) expect(states.filter((s) => s.via === via).at(-1)?.state).toBe('off');
    const list = await through(airlock).forward.list();
    expect(list.forwards).toEqual([]);
    const trail = await airlock.services.audit!;
    // Three forwards in this file (the TLS one, the account switch's, this one): each opened and closed once.
    for (const action of ['forward.opened', 'forward.closed']) expect((await trail.query({ action }, { limit: 10 })).records.length, action).toBe(3);
  }, 30_000);
});
