// `npm run sandbox` as a user runs it: starts, writes environment.json, answers on its ports, and on
// SIGINT (Ctrl-C) or SIGTERM stops every server and exits 0, leaving nothing listening; `--vpn off` at start
// and `vpn on` from another process flip its private DNS.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { Resolver } from 'node:dns/promises';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxEnvironment } from '../../../sandbox/environment/environment-file';
import { ROOT } from '../../../scripts/build';

let child: ChildProcess | null = null;

afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = null;
});

function startSandboxProcess(stateDir: string, extra: string[] = []): Promise<{ stdout: () => string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'sandbox/main.ts', '--state-dir', stateDir, ...extra], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    let out = '';
    let err = '';
    proc.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('Press Ctrl-C to stop.')) resolve({ stdout: () => out });
    });
    proc.stderr.on('data', (c: Buffer) => (err += c.toString()));
    proc.on('exit', (code) => reject(new Error(`sandbox exited early (${code}): ${err.slice(-800)}`)));
  });
}

function exited(proc: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (proc.exitCode !== null ? resolve(proc.exitCode) : proc.once('exit', (code) => resolve(code))));
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

function portsOf(env: SandboxEnvironment): number[] {
  const fromUrl = (u: string) => Number(new URL(u).port);
  return [fromUrl(env.authority), fromUrl(env.armEndpoint), fromUrl(env.bastion.endpoint), env.jumpHost.port, env.network.dnsServer.port, ...Object.values(env.dnsMap.servicePorts)];
}

describe('npm run sandbox', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('starts, writes environment.json, and on %s stops everything and exits 0', async (signal) => {
    const stateDir = await mkdtemp(path.join(tmpdir(), 'airlock-sandbox-proc-'));
    const { stdout } = await startSandboxProcess(stateDir);
    expect(stdout()).toMatch(/Airlock sandbox is running \(started in [\d.]+ s\)/);

    const envPath = path.join(stateDir, 'environment.json');
    expect((await stat(envPath)).mode & 0o777).toBe(0o600);
    const env = JSON.parse(await readFile(envPath, 'utf8')) as SandboxEnvironment;
    for (const field of ['name', 'authority', 'knownAuthorities', 'tenantId', 'clientId', 'armEndpoint', 'armScope', 'mlScope', 'subscriptionId', 'caCertPath', 'dnsMap', 'jumpHost', 'bastion', 'users'] as const) {
      expect(env[field], field).toBeDefined();
    }
    expect(env.jumpHost.hostKeySha256).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(env.users.find((u) => u.username === 'alice@contoso.test')).toMatchObject({ sshLogin: expect.any(String) as unknown, totpSecret: expect.any(String) as unknown });

    const ports = portsOf(env);
    for (const port of ports) expect(await portOpen(port), `port ${port} open while running`).toBe(true);
    // Idle clients that never finish a TLS or SSH handshake must not keep the sandbox from stopping.
    const idle = await Promise.all(ports.map((port) => new Promise<net.Socket>((resolve) => { const s = net.connect({ host: '127.0.0.1', port }, () => resolve(s)); s.on('error', () => undefined); })));

    child!.kill(signal);
    expect(await exited(child!)).toBe(0); // a hang here fails the test by its timeout
    for (const socket of idle) socket.destroy();
    for (const port of ports) expect(await portOpen(port), `port ${port} closed after ${signal}`).toBe(false);
  });

  it('starts with --vpn off and flips to on from another process with `vpn on`', async () => {
    const stateDir = await mkdtemp(path.join(tmpdir(), 'airlock-sandbox-vpn-'));
    await startSandboxProcess(stateDir, ['--vpn', 'off']);
    const env = JSON.parse(await readFile(path.join(stateDir, 'environment.json'), 'utf8')) as SandboxEnvironment;
    const resolver = new Resolver({ timeout: 2_000, tries: 1 });
    resolver.setServers([`127.0.0.1:${env.network.dnsServer.port}`]);
    expect((await resolver.resolve4(env.network.canaryHost))[0]).not.toMatch(/^10\./);

    const flip = spawnSync(process.execPath, ['--import', 'tsx', 'sandbox/main.ts', 'vpn', 'on', '--state-dir', stateDir], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(flip.stderr).toBe('');
    expect(flip.status).toBe(0);
    expect(flip.stdout).toMatch(new RegExp(`^VPN on: ${env.network.canaryHost.replace(/\./g, '\\.')} now answers 10\\.0\\.\\d+\\.\\d+ \\(private\\)`));
    expect((await resolver.resolve4(env.network.canaryHost))[0]).toMatch(/^10\./);
    child!.kill('SIGTERM');
    expect(await exited(child!)).toBe(0);
  });

  it('`vpn off` without a running sandbox says so and exits 1', async () => {
    const stateDir = await mkdtemp(path.join(tmpdir(), 'airlock-sandbox-novpn-'));
    const flip = spawnSync(process.execPath, ['--import', 'tsx', 'sandbox/main.ts', 'vpn', 'off', '--state-dir', stateDir], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(flip.status).toBe(1);
    expect(flip.stderr).toMatch(/^sandbox: no sandbox environment at .*environment\.json: start the sandbox first/);
  });

  it('explains a broken seed file and exits 1', async () => {
    const stateDir = await mkdtemp(path.join(tmpdir(), 'airlock-sandbox-bad-'));
    const proc = spawn(process.execPath, ['--import', 'tsx', 'sandbox/main.ts', '--state-dir', stateDir, '--seed', path.join(stateDir, 'missing.json')], { cwd: ROOT });
    child = proc;
    let err = '';
    proc.stderr.on('data', (c: Buffer) => (err += c.toString()));
    expect(await exited(proc)).toBe(1);
    expect(err).toContain('sandbox: could not start: cannot read seed file');
  });
});
