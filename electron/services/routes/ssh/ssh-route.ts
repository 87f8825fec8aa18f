// One SSH connection as a private route: ssh2's Client over a transport the caller opens (TCP to the jump host,
// or an Azure Bastion tunnel — the same code), the host key checked before anything else is sent, the user
// signed in by key file or agent, keepalives on, Nagle off. Streams are `direct-tcpip` channels to host NAMES
// (the jump host resolves them privately). It never reconnects (the route manager does), never skips the
// host-key check, and never logs a key, a passphrase or ssh2's raw messages.
import type { Duplex } from 'node:stream';
import ssh2, { type Channel, type ClientChannel } from 'ssh2';
import { AirlockError } from '../../../../shared/errors/airlock-error';
import type { RouteConnection } from '../route-types';
import { destroyPromptly } from './channel-destroy';
import { coalesceWrites } from './coalesced-writes';
import { ackWindowAdjustments } from './window-adjust-ack';
import { countBytes, type ByteCounter } from './counted-channel';
import { checkHostKey } from './host-key-check';
import { measureRoundTrip } from './round-trip';
import { aborted, channelRefused, closedBeforeReady, closedRoute, dropped, handshakeFailure, unreachable, type Ssh2Error } from './ssh-failures';
import type { OpenSshRouteOptions } from './ssh-route-options';
import { sshAuthMethod } from './user-auth';

const DEFAULT_READY_TIMEOUT_MS = 20_000;
const DEFAULT_KEEPALIVE_MS = 15_000;
const KEEPALIVE_COUNT_MAX = 3;
/** How long close() waits for the far side before destroying the transport. */
const CLOSE_GRACE_MS = 2_000;

export async function openSshRoute(options: OpenSshRouteOptions): Promise<RouteConnection> {
  const { via, host, port, username, logger, clock } = options;
  const signal = options.signal ?? new AbortController().signal;
  const target = options.target ?? `${host}:${port} as ${username}`;
  if (signal.aborted) throw aborted(signal, `connecting to ${host}:${port}`);
  const started = clock.monotonicMs();
  logger.log('info', 'route.ssh.connecting', { via, target });

  // Asked before dialing: a passphrase prompt must not eat the handshake's deadline.
  const method = await unlessAborted(sshAuthMethod({ auth: options.auth, username, host, signal, ...(options.passphrase ? { passphrase: options.passphrase } : {}) }), signal, `connecting to ${host}:${port}`);
  let sock: Duplex;
  try {
    sock = await unlessAborted(options.socket(signal), signal, `connecting to ${host}:${port}`, (late) => late.destroy());
  } catch (error) {
    const failure = unreachable(via, host, port, error);
    logger.log('warn', 'route.ssh.failed', { via, target, code: failure.code });
    throw failure;
  }

  const client = new ssh2.Client();
  await new Promise<void>((resolve, reject) => {
    let settled = false;
    let hostKeyFailure: AirlockError | null = null;
    let deadline: NodeJS.Timeout | undefined;
    const fail = (error: AirlockError) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      signal.removeEventListener('abort', onAbort);
      logger.log('warn', 'route.ssh.failed', { via, target, code: error.code });
      client.end();
      sock.destroy();
      reject(error);
    };
    // Our own deadline rather than ssh2's readyTimeout: it pauses while the user reads a first-use prompt.
    const arm = () => {
      clearTimeout(deadline);
      deadline = setTimeout(() => fail(handshakeFailure(via, host, port, username, Object.assign(new Error('timeout'), { level: 'client-timeout' }), options.auth.kind)), options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS);
      deadline.unref();
    };
    const onAbort = () => fail(aborted(signal, `connecting to ${host}:${port}`));
    signal.addEventListener('abort', onAbort, { once: true });
    client.once('ready', () => {
      settled = true;
      clearTimeout(deadline);
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
    client.on('error', (error: Ssh2Error) => fail(hostKeyFailure ?? handshakeFailure(via, host, port, username, error, options.auth.kind)));
    client.once('close', () => fail(hostKeyFailure ?? closedBeforeReady(via, host, port)));
    const confirm = options.hostKey.confirm;
    const policy = {
      ...options.hostKey,
      ...(confirm
        ? {
            confirm: async (request: Parameters<typeof confirm>[0]) => {
              clearTimeout(deadline);
              try {
                return await confirm(request);
              } finally {
                if (!settled) arm();
              }
            },
          }
        : {}),
    };
    arm();
    client.connect({
      sock,
      username,
      authHandler: [method],
      hostVerifier: (key: Buffer, verify: (valid: boolean) => void) => {
        checkHostKey({ via, host, port, key, policy, ...(options.onHostKeyEvent ? { onEvent: options.onHostKeyEvent } : {}) }).then(
          () => verify(true),
          (error: unknown) => {
            // A store or prompt that failed (disk full, window closed) refuses the key like any other doubt.
            hostKeyFailure = error instanceof AirlockError ? error : new AirlockError('E_INTERNAL', { message: `Airlock could not check or remember the key of ${host}:${port}, so it did not connect.` });
            verify(false);
          },
        );
      },
      // ssh2's own 20 s readyTimeout would keep running while a person reads the first-use prompt; `arm` replaces it.
      readyTimeout: 0,
      keepaliveInterval: options.keepaliveIntervalMs ?? DEFAULT_KEEPALIVE_MS,
      keepaliveCountMax: KEEPALIVE_COUNT_MAX,
    });
    ackWindowAdjustments(client); // the jump host's Nagle after its window adjustments (window-adjust-ack.ts)
  });
  // ssh2 leaves Nagle on; with it small request/response exchanges stall ~40 ms at p99 (reference-wave2 §C.3).
  client.setNoDelay(true);
  logger.log('info', 'route.ssh.up', { via, target, ms: Math.round(clock.monotonicMs() - started) });
  return connectionOver(client, sock, options, target);
}

/** `work`, unless the signal fires first; what `work` yields after that is handed to `discard` (a late transport). */
function unlessAborted<T>(work: Promise<T>, signal: AbortSignal, doing: string, discard?: (late: T) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let gaveUp = false;
    const onAbort = () => {
      gaveUp = true;
      reject(aborted(signal, doing));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        if (gaveUp) discard?.(value);
        else resolve(value);
      },
      (error: Error) => {
        signal.removeEventListener('abort', onAbort);
        if (!gaveUp) reject(error);
      },
    );
  });
}

function connectionOver(client: ssh2.Client, sock: Duplex, options: OpenSshRouteOptions, target: string): RouteConnection {
  const { via, host, port, logger, clock } = options;
  const bytes: ByteCounter = { in: 0, out: 0 };
  const channels = new Set<Channel>();
  const dropListeners: Array<(error: AirlockError) => void> = [];
  let down: AirlockError | null = null;
  let closing: Promise<void> | null = null;
  let lastError: Ssh2Error | undefined;

  const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
  client.on('error', (error: Ssh2Error) => (lastError = error));
  client.once('close', () => {
    if (closing) return;
    down = dropped(via, host, port, lastError);
    logger.log('warn', 'route.ssh.dropped', { via, target, cause: lastError?.level ?? 'closed' });
    // Destroyed with the cause, so readers see why (channel-destroy.ts: no CHANNEL_CLOSE over a dead transport).
    for (const channel of channels) (channel as Duplex).destroy(down);
    for (const listener of dropListeners) listener(down);
  });

  return {
    target,
    get bytes() {
      return { in: bytes.in, out: bytes.out };
    },
    onDrop(listener) {
      dropListeners.push(listener);
    },
    openStream(toHost, toPort, signal) {
      if (down || closing) return Promise.reject(down ?? closedRoute(via, host, port));
      if (signal?.aborted) return Promise.reject(aborted(signal, `opening a stream to ${toHost}:${toPort}`));
      return new Promise<Duplex>((resolve, reject) => {
        let done = false;
        const onAbort = () => {
          done = true;
          reject(aborted(signal as AbortSignal, `opening a stream to ${toHost}:${toPort}`));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        const opened = (error: Error | undefined, channel: ClientChannel) => {
          signal?.removeEventListener('abort', onAbort);
          if (done) {
            channel?.destroy();
            return;
          }
          done = true;
          if (error) {
            reject(down ?? (typeof (error as Ssh2Error).reason === 'number' ? channelRefused(via, toHost, toPort, error) : dropped(via, host, port)));
            return;
          }
          countBytes(channel, bytes);
          coalesceWrites(channel, sock);
          destroyPromptly(channel, sock);
          channels.add(channel);
          channel.once('close', () => channels.delete(channel));
          resolve(channel);
        };
        try {
          // The originator fields are informational to the server; the far host is sent by name.
          client.forwardOut('127.0.0.1', 0, toHost, toPort, opened);
        } catch {
          done = true;
          reject(down ?? dropped(via, host, port));
        }
      });
    },
    async probe(signal) {
      if (down || closing) throw down ?? closedRoute(via, host, port);
      return measureRoundTrip(client, clock, signal, () => down ?? dropped(via, host, port));
    },
    close() {
      closing ??= (async () => {
        for (const channel of channels) channel.destroy();
        client.end();
        const grace = setTimeout(() => client.destroy(), CLOSE_GRACE_MS);
        grace.unref();
        await closed;
        clearTimeout(grace);
        logger.log('info', 'route.ssh.closed', { via, target, bytesIn: bytes.in, bytesOut: bytes.out });
      })();
      return closing;
    },
  };
}
