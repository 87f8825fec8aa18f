// Airlock's SSH jump route as the route benches open it: the real jump driver (openSshRoute, ssh2) over a TCP
// socket to a loopback jump host — Debian's sshd started by the bench, or the sandbox's own ssh2 jump host on a
// private network where the bench publishes its loopback servers under private names. Host keys are pinned;
// the connector dials 127.0.0.1 only and throws before any other address is dialled.
import { mkdtemp } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { silentLogger, systemClock } from '../../electron/services/ports';
import { createJumpDriver, createKnownHostsStore, type RouteDriver } from '../../electron/services/routes';
import type { PrivateNetwork } from '../../sandbox/context';
import { startJumpHost, type JumpHost } from '../../sandbox/network/jump-host';
import { createTestContext } from '../../test/support/sandbox/test-context';

export const loopbackOnly = {
  connect(host: string, port: number): Socket {
    if (host !== '127.0.0.1') throw new Error(`the benches dial loopback only, not ${host}`);
    return connect({ host, port });
  },
};

export async function jumpDriverTo(server: { port: number; username: string; hostKeySha256: string; userKey: string }): Promise<RouteDriver> {
  return createJumpDriver(
    { host: '127.0.0.1', port: server.port, hostKeySha256: server.hostKeySha256 },
    {
      username: server.username,
      auth: { kind: 'key-file', path: server.userKey },
      connector: loopbackOnly,
      hostKey: { allowFirstUse: false, store: createKnownHostsStore(await mkdtemp(path.join(tmpdir(), 'airlock-bench-known-'))).forEnvironment('bench') },
      logger: silentLogger,
      clock: systemClock,
    },
  );
}

/** The sandbox's ssh2 jump host on `network` (a fresh one unless given), and a driver signed in as its first seed user. */
export async function sandboxJumpHost(network: PrivateNetwork, ctx?: Awaited<ReturnType<typeof createTestContext>>): Promise<{ jump: JumpHost; driver: RouteDriver }> {
  const jump = await startJumpHost(ctx ?? (await createTestContext()), { network });
  const user = jump.users[0];
  if (!user) throw new Error('the seed has no SSH user');
  const driver = await jumpDriverTo({ port: jump.port, username: user.login, hostKeySha256: jump.hostKeySha256, userKey: user.privateKeyPath });
  return { jump, driver };
}

/** Machine noise, recorded with each figure: 1/5/15-minute load averages and core count. */
export function machineLoad(): { load: number[]; cpus: number } {
  return { load: os.loadavg().map((v) => Math.round(v * 100) / 100), cpus: os.cpus().length };
}

export const mibPerS = (bytes: number, ms: number) => Math.round((bytes / (1024 * 1024) / (ms / 1000)) * 10) / 10;
