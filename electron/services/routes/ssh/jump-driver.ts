// The SSH jump host route's driver: TCP through the connector port to the environment's jump host (in the
// sandbox, 127.0.0.1 and a loopback port), then the SSH route over it. The environment's pinned fingerprint wins
// over anything remembered. It never dials anything but the jump host it was given.
import type { Duplex } from 'node:stream';
import type { Clock, Logger } from '../../ports';
import type { RouteDriver } from '../route-types';
import { openSshRoute } from './ssh-route';
import type { HostKeyConfirm, HostKeyEvent, KnownHostsStore, PassphrasePrompt, SshUserAuth } from './ssh-route-options';

/** The environment's jump host (environment.json `network.jumpHost`). */
export interface JumpHostConfig {
  readonly host: string;
  readonly port: number;
  /** `SHA256:…`; absent: first-use trust, if policy allows it. */
  readonly hostKeySha256?: string;
}

/** Dials a host:port; a net.Socket still connecting is fine (the driver waits for it). */
export interface SshConnector {
  connect(host: string, port: number): Duplex | Promise<Duplex>;
}

export interface JumpDriverDeps {
  /** The user's login on the jump host. */
  readonly username: string;
  readonly auth: SshUserAuth;
  readonly connector: SshConnector;
  readonly hostKey: { readonly allowFirstUse: boolean; readonly store: KnownHostsStore; readonly confirm?: HostKeyConfirm };
  readonly passphrase?: PassphrasePrompt;
  readonly onHostKeyEvent?: (event: HostKeyEvent) => void;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly readyTimeoutMs?: number;
  readonly keepaliveIntervalMs?: number;
}

/** Resolves once a socket-like stream is connected; rejects with the dial error (ECONNREFUSED, ...). */
function connected(stream: Duplex, signal: AbortSignal): Promise<Duplex> {
  const socket = stream as Duplex & { connecting?: boolean };
  if (socket.connecting !== true) return Promise.resolve(stream);
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      socket.off('connect', onConnect);
      socket.off('error', onError);
      signal.removeEventListener('abort', onAbort);
    };
    const onConnect = () => {
      cleanup();
      resolve(stream);
    };
    const onError = (error: Error) => {
      cleanup();
      socket.destroy();
      reject(error);
    };
    const onAbort = () => onError(Object.assign(new Error('aborted'), { code: 'ABORTED' }));
    socket.once('connect', onConnect);
    socket.once('error', onError);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export function createJumpDriver(jumpHost: JumpHostConfig, deps: JumpDriverDeps): RouteDriver {
  return {
    via: 'jump',
    connect: (signal) =>
      openSshRoute({
        via: 'jump',
        socket: async (dialSignal) => connected(await deps.connector.connect(jumpHost.host, jumpHost.port), dialSignal),
        host: jumpHost.host,
        port: jumpHost.port,
        username: deps.username,
        auth: deps.auth,
        hostKey: { ...deps.hostKey, ...(jumpHost.hostKeySha256 ? { pinned: jumpHost.hostKeySha256 } : {}) },
        ...(deps.passphrase ? { passphrase: deps.passphrase } : {}),
        ...(deps.onHostKeyEvent ? { onHostKeyEvent: deps.onHostKeyEvent } : {}),
        logger: deps.logger,
        clock: deps.clock,
        signal,
        ...(deps.readyTimeoutMs === undefined ? {} : { readyTimeoutMs: deps.readyTimeoutMs }),
        ...(deps.keepaliveIntervalMs === undefined ? {} : { keepaliveIntervalMs: deps.keepaliveIntervalMs }),
      }),
  };
}
