// The private network's SSH jump host (it plays the jumpbox VM, see jumpbox-vm.ts), on ssh2, on loopback.
// It authenticates seed users by public key (jump-host-auth.ts) and forwards `direct-tcpip` to private
// endpoints only (jump-host-forwarding.ts). It must never offer a shell, exec, subsystem, X11, agent or
// remote forwarding, never forward outside the private network, and never log keys.
import { createServer, type Server as NetServer, type Socket } from 'node:net';
import ssh2, { type Connection } from 'ssh2';
import type { PrivateNetwork, RunningPart, SandboxContext } from '../context';
import { authorizedUsers, createAuthenticator, type AuthorizedUser } from './jump-host-auth';
import { handleDirectTcpip } from './jump-host-forwarding';
import { jumpboxVm } from './jumpbox-vm';
import { knownHostsLine } from './ssh-fingerprint';
import { ensureHostKey } from './ssh-host-key';
import { ensureUserKeys } from './ssh-user-keys';

export interface JumpHost extends RunningPart {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** `SHA256:…` of the host key, as `ssh-keygen -lf` prints it. */
  readonly hostKeySha256: string;
  /** `ssh-ed25519 AAAA…` */
  readonly hostPublicKey: string;
  /** known_hosts line pinning the host key, by default for `[127.0.0.1]:PORT`. */
  knownHostsLine(host?: string, port?: number): string;
  /** The SSH logins (local part of the seed e-mail) and their private key files. */
  readonly users: ReadonlyArray<{ login: string; username: string; privateKeyPath: string }>;
  /** The private name and port the jump host answers as (`jumpbox.internal.sandbox:22`). */
  readonly privateName: { hostname: string; port: number };
}

export interface JumpHostOptions {
  readonly network: PrivateNetwork;
  /** Loopback port to listen on; 0 or absent picks a free one. */
  readonly port?: number;
}

function listen(server: NetServer, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port }, () => {
      server.off('error', reject);
      const address = server.address();
      if (address && typeof address === 'object') resolve(address.port);
      else reject(new Error('jump host has no port'));
    });
  });
}

export async function startJumpHost(ctx: SandboxContext, options: JumpHostOptions): Promise<JumpHost> {
  const hostKey = await ensureHostKey(ctx.stateDir);
  const keys = await ensureUserKeys(ctx);
  const users = authorizedUsers(keys);
  const sockets = new Set<Socket>();
  const loginGrace = new Map<number, NodeJS.Timeout>();
  const connections = new Set<Connection>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };

  const ssh = new ssh2.Server({ hostKeys: [hostKey.privateKey] }, (conn, info) => {
    connections.add(conn);
    let user: AuthorizedUser | null = null;
    const authenticate = createAuthenticator(users, ctx.log, { onSuccess: (u) => (user = u), onTooMany: () => conn.end() });
    conn.on('authentication', authenticate);
    conn.on('ready', () => {
      clearTimeout(loginGrace.get(info.port));
      loginGrace.delete(info.port);
      const login = user?.login ?? '?';
      ctx.log('jumphost.login', { user: login, from: `${info.ip}:${info.port}` });
      conn.on('tcpip', (accept, reject, request) => handleDirectTcpip({ network: options.network, log: ctx.log, user: login, track }, accept, reject, request));
      conn.on('session', (_accept, reject) => {
        ctx.log('jumphost.session.refused', { user: login });
        reject();
      });
      conn.on('openssh.streamlocal', (_accept, reject, request) => {
        ctx.log('jumphost.forward.refused', { user: login, target: `unix:${request.socketPath.slice(0, 64)}`, reason: 'unix sockets are not forwarded' });
        reject();
      });
      conn.on('request', (_accept, reject, name) => {
        ctx.log('jumphost.request.refused', { user: login, request: name });
        reject?.();
      });
    });
    conn.on('error', () => undefined);
    conn.on('close', () => connections.delete(conn));
  });

  const server = createServer((socket) => {
    track(socket);
    // Small request/response traffic (scoring) over the SSH connection: with Nagle on, a reply written while
    // an earlier small packet is unacknowledged waits for the client's delayed ACK (~40 ms stalls).
    socket.setNoDelay(true);
    // Like sshd's LoginGraceTime: a client that has not authenticated within 30 s is dropped. Keyed by
    // the client's port, which ssh2 reports with the connection once the SSH header has arrived.
    const clientPort = socket.remotePort ?? -1;
    const grace = setTimeout(() => socket.destroy(), 30_000);
    grace.unref();
    loginGrace.set(clientPort, grace);
    socket.once('close', () => {
      clearTimeout(grace);
      if (loginGrace.get(clientPort) === grace) loginGrace.delete(clientPort);
    });
    ssh.injectSocket(socket);
  });
  server.maxConnections = 64;
  const port = await listen(server, ctx.host, options.port ?? 0);
  const vm = jumpboxVm(ctx.seed);
  options.network.publish({ hostname: vm.hostname, port: vm.sshPort, loopbackPort: port, privateAddress: vm.privateAddress });
  ctx.log('jumphost.started', { port, hostKeySha256: hostKey.sha256 });

  let stopping: Promise<void> | undefined;
  return {
    name: 'jump-host',
    host: ctx.host,
    port,
    hostKeySha256: hostKey.sha256,
    hostPublicKey: hostKey.publicKeyLine,
    knownHostsLine: (host = ctx.host, p = port) => knownHostsLine(host, p, hostKey.publicKeyLine),
    users: keys.map(({ login, username, privateKeyPath }) => ({ login, username, privateKeyPath })),
    privateName: { hostname: vm.hostname, port: vm.sshPort },
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const conn of connections) conn.end();
        for (const socket of sockets) {
          // After the disconnect message is flushed, do not wait for the client to hang up.
          if (socket.writableFinished || socket.destroyed) socket.destroy();
          else {
            socket.once('finish', () => socket.destroy());
            socket.end();
          }
        }
        // A client that stops reading must not hold the sandbox open.
        setTimeout(() => {
          for (const socket of sockets) socket.destroy();
        }, 1_000).unref();
      });
      return stopping;
    },
  };
}
