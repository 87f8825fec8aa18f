// Test conveniences for audit forwarding against the sandbox's syslog collector: a scheduler whose time the
// test moves (backoff, settle and stall timers never run on their own), a waiter on the forwarder's status
// events, the seqs a collector received, and a hostile collector on a real TLS socket.
import { createServer, type Server, type TLSSocket } from 'node:tls';
import type { Forwarder, ForwardingStatus } from '../../../../electron/services/audit';
import type { Scheduler } from '../../../../electron/services/ports';
import type { CertificateAuthority } from '../../../../sandbox/pki/certificate-authority';
import type { ReceivedSyslog } from '../../../../sandbox/syslog';

export interface ManualTime {
  readonly scheduler: Scheduler;
  /** Moves time on and runs every task due by then, in order. */
  advance(ms: number): void;
  pending(): number;
}

export function createManualTime(): ManualTime {
  let now = 0;
  let tasks: { at: number; run: () => void }[] = [];
  return {
    scheduler: {
      schedule(delayMs, run) {
        const task = { at: now + delayMs, run };
        tasks.push(task);
        return { cancel: () => void (tasks = tasks.filter((t) => t !== task)) };
      },
    },
    advance(ms) {
      now += ms;
      const due = tasks.filter((t) => t.at <= now).sort((a, b) => a.at - b.at);
      tasks = tasks.filter((t) => t.at > now);
      for (const task of due) task.run();
    },
    pending: () => tasks.length,
  };
}

/** Resolves with the first status (now or later) that satisfies `done`. */
export function statusWhere(forwarder: Forwarder, done: (status: ForwardingStatus) => boolean): Promise<ForwardingStatus> {
  return new Promise((resolve) => {
    const now = forwarder.status();
    if (done(now)) {
      resolve(now);
      return;
    }
    const off = forwarder.onStatus((status) => {
      if (!done(status)) return;
      off();
      resolve(status);
    });
  });
}

export const seqsOf = (received: readonly ReceivedSyslog[]): number[] => received.map((r) => Number(r.message.structuredData['airlock@32473']?.seq));

/** How many times each seq arrived. */
export function countBySeq(received: readonly ReceivedSyslog[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const seq of seqsOf(received)) counts.set(seq, (counts.get(seq) ?? 0) + 1);
  return counts;
}

export interface HostileCollector {
  readonly port: number;
  /** Resolves once it has misbehaved on a connection. */
  readonly misbehaved: Promise<void>;
  close(): Promise<void>;
}

/** A collector that closes the connection after `closeAfterBytes` (mid-frame), or floods the sender with garbage. */
export async function startHostileCollector(ca: CertificateAuthority, behaviour: { closeAfterBytes: number } | { garbageBytes: number }): Promise<HostileCollector> {
  const { keyPem, certPem } = await ca.issue({ dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });
  const sockets = new Set<TLSSocket>();
  let misbehave: () => void = () => undefined;
  const misbehaved = new Promise<void>((resolve) => (misbehave = resolve));
  const server: Server = createServer({ key: keyPem, cert: certPem }, (socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('close', () => sockets.delete(socket));
    if ('garbageBytes' in behaviour) {
      socket.write(Buffer.alloc(behaviour.garbageBytes, 0x5a), () => misbehave());
      return;
    }
    let seen = 0;
    socket.on('data', (chunk: Buffer) => {
      seen += chunk.length;
      if (seen < behaviour.closeAfterBytes) return;
      socket.destroy();
      misbehave();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    misbehaved,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
