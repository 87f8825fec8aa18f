// Shared pieces for the private-network tests: a stand-in private HTTPS service (the real scoring hosts are
// built elsewhere), free ports, bounded port polling, HTTPS through a tunnel with the private name for SNI
// and Host, and a registry of spawned `ssh` processes that the tests kill in afterEach.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer as createHttpsServer, request as httpsRequest } from 'node:https';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';
import type { PrivateNetwork, SandboxContext } from '../../../../sandbox/context';

export const SCORING_HOST = 'credit-ep.westeurope.inference.ml.azure.com';
export const SCORING_CNAME = 'credit-ep.c0ffee00-aaaa-4bbb-8ccc-0123456789ab.inference.westeurope.privatelink.api.azureml.ms';

export interface StandIn {
  readonly port: number;
  readonly hits: string[];
  stop(): Promise<void>;
}

/** A tiny HTTPS server answering 200 for any request, published on the network as SCORING_HOST:443. */
export async function startStandInService(ctx: SandboxContext, network: PrivateNetwork): Promise<StandIn> {
  const { keyPem, certPem } = await ctx.ca.issue({ dnsNames: ['*.westeurope.inference.ml.azure.com'] });
  const hits: string[] = [];
  const server = createHttpsServer({ key: keyPem, cert: certPem }, (req, res) => {
    hits.push(`${req.method} ${req.headers.host} ${req.url}`);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, host: req.headers.host }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('no port');
  network.publish({ hostname: SCORING_HOST, port: 443, loopbackPort: address.port, cname: SCORING_CNAME });
  return {
    port: address.port,
    hits,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address !== 'object') throw new Error('no port');
  return address.port;
}

function tryConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Polls until 127.0.0.1:port accepts (bounded), failing early if `proc` exits. */
export async function waitForPort(port: number, proc: SshProcess, attempts = 400): Promise<void> {
  for (let i = 0; i < attempts; i += 1) {
    if (proc.child.exitCode !== null) throw new Error(`ssh exited (${proc.child.exitCode}): ${proc.stderr()}`);
    if (await tryConnect(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`port ${port} never accepted; ssh said: ${proc.stderr()}`);
}

/** GET over a tunnel: TCP to `connectTo` (or a given stream), TLS and Host for the private name. */
export function privateGet(target: { port: number } | { stream: Duplex }, hostname: string, ca: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        path: '/score',
        headers: { Host: hostname },
        servername: hostname,
        ca,
        // A given stream replaces the agent (Node uses createConnection only without one).
        ...('port' in target ? { port: target.port, agent: false } : { createConnection: () => tlsConnect({ socket: target.stream, servername: hostname, ca }) }),
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Connects to a forwarded port and reports whether the far side closed without sending a byte. */
export function closedWithoutData(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ host: '127.0.0.1', port });
    let received = 0;
    socket.on('data', (chunk: Buffer) => (received += chunk.length));
    socket.on('error', reject);
    socket.on('close', () => resolve(received === 0));
  });
}

export interface SshProcess {
  readonly child: ChildProcess;
  stderr(): string;
  exit(): Promise<number | null>;
}

/** Spawns `/usr/bin/ssh` without an agent; every process is remembered until killAll(). */
export function createSshRunner() {
  const running = new Set<SshProcess>();
  return {
    spawn(args: string[]): SshProcess {
      const child = spawn('/usr/bin/ssh', args, {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', LANG: 'C' },
      });
      let stderr = '';
      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (chunk: string) => (stderr += chunk));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const proc: SshProcess = { child, stderr: () => stderr, exit: () => exited };
      running.add(proc);
      void exited.then(() => running.delete(proc));
      return proc;
    },
    async killAll(): Promise<void> {
      const all = [...running];
      for (const proc of all) proc.child.kill('SIGTERM');
      await Promise.all(all.map((proc) => proc.exit()));
    },
  };
}

export async function tempDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'airlock-ssh-test-'));
}

/** An ssh_config for every host: pinned keys from `knownHosts`, only `identity`, no agent, no ~/.ssh. */
export async function writeSshConfig(dir: string, options: { knownHosts: string[]; identity: string }): Promise<string> {
  const knownHostsPath = path.join(dir, 'known_hosts');
  await writeFile(knownHostsPath, `${options.knownHosts.join('\n')}\n`);
  const configPath = path.join(dir, 'ssh_config');
  const lines = [
    'Host *',
    '  BatchMode yes',
    '  StrictHostKeyChecking yes',
    `  UserKnownHostsFile ${knownHostsPath}`,
    '  GlobalKnownHostsFile /dev/null',
    '  UpdateHostKeys no',
    '  IdentitiesOnly yes',
    `  IdentityFile ${options.identity}`,
    '  IdentityAgent none',
    '  ControlMaster no',
    '  ControlPath none',
    '  ExitOnForwardFailure yes',
    '  ConnectTimeout 20',
  ];
  await writeFile(configPath, `${lines.join('\n')}\n`);
  return configPath;
}
