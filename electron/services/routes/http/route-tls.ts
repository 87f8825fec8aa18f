// Opens a verified TLS session to a private endpoint over a route: the route hands out a byte stream to
// host:port (an SSH channel, a Bastion tunnel, a socket the VPN posture check approved) and TLS runs on top
// of it against the endpoint's REAL host name (SNI and certificate check) with the environment's trust
// anchors. It never dials anything itself, never verifies against the tunnel's address and never turns
// verification off. Times the phases (the route's own DNS where it resolves the name, stream open, handshake)
// for the request timing and Test connection.
import type { Duplex } from 'node:stream';
import { isIP } from 'node:net';
import tls from 'node:tls';
import { AirlockError } from '../../../../shared/errors/airlock-error';
import { codeDetail, hostDetail } from '../../../../shared/errors/details';
import type { RouteConnection, RouteVia, StreamPhases } from '../route-types';
import { tlsFailure } from './tls-failure';

export interface RouteTlsOptions {
  readonly connection: RouteConnection;
  /** For error details only. */
  readonly via?: RouteVia;
  readonly host: string;
  readonly port: number;
  /** Trust anchors (system roots + the environment's CA); undefined = Node's default roots. */
  readonly ca: readonly string[] | undefined;
  readonly signal?: AbortSignal;
  /** Monotonic milliseconds (performance.now by default). */
  readonly now?: () => number;
}

export interface RouteTlsSocket {
  readonly socket: tls.TLSSocket;
  /**
   * Time the route spent resolving the name itself (VPN: the posture check's lookup); null where the far side
   * resolves it (SSH jump host, Bastion), so it is inside connectMs there.
   */
  readonly dnsMs: number | null;
  /** Time to get the byte stream from the route after that (TCP connect, or the SSH channel open). */
  readonly connectMs: number;
  /** Time of the TLS handshake over that stream. */
  readonly tlsMs: number;
}

/** The byte stream to host:port; failures are typed (the route's own AirlockErrors pass through). */
export async function openRouteStream(options: Pick<RouteTlsOptions, 'connection' | 'via' | 'host' | 'port' | 'signal'>, phases?: StreamPhases): Promise<Duplex> {
  const { connection, via, host, port, signal } = options;
  try {
    return await (phases ? connection.openStream(host, port, signal, phases) : connection.openStream(host, port, signal));
  } catch (error) {
    if (error instanceof AirlockError) throw error;
    if (signal?.aborted && signal.reason instanceof AirlockError) throw signal.reason;
    const reason = codeDetail((error as { code?: unknown } | null)?.code);
    const shownHost = hostDetail(`${host}:${port}`);
    throw new AirlockError('E_UNREACHABLE', {
      message: `${host}:${port} could not be reached through the private route.`,
      details: { ...(via ? { via } : {}), ...(shownHost ? { host: shownHost } : {}), ...(reason ? { reason } : {}) },
    });
  }
}

/**
 * One secure context per trust list (the list object EnvironmentTrust keeps per environment), built on first
 * use. Passing `ca` to tls.connect builds a fresh certificate store from every PEM in it on every connection:
 * with the system roots plus the environment's CA that measured ~30 ms of main-thread work per connection
 * here, and a test run opening 16 connections at once spent half a second in it before its first request.
 */
const contexts = new WeakMap<readonly string[], tls.SecureContext>();
let defaultContext: tls.SecureContext | null = null;

export function secureContextFor(ca: readonly string[] | undefined): tls.SecureContext {
  if (!ca) return (defaultContext ??= tls.createSecureContext({ minVersion: 'TLSv1.2' }));
  let context = contexts.get(ca);
  if (!context) {
    context = tls.createSecureContext({ ca: [...ca], minVersion: 'TLSv1.2' });
    contexts.set(ca, context);
  }
  return context;
}

/** TLS over an already open route stream; resolves once the certificate is verified for `host`. */
export function handshakeOverStream(stream: Duplex, options: Pick<RouteTlsOptions, 'host' | 'ca' | 'signal'>): Promise<tls.TLSSocket> {
  const { host, ca, signal } = options;
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      socket: stream,
      host,
      // SNI must be a name (an IP literal is not allowed there); the certificate check uses `host` either way.
      ...(isIP(host) ? {} : { servername: host }),
      // The trust anchors and the TLS 1.2 floor live in the (shared) context.
      secureContext: secureContextFor(ca),
      ALPNProtocols: ['http/1.1'],
      rejectUnauthorized: true,
    });
    const onAbort = () => socket.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    const settle = () => {
      signal?.removeEventListener('abort', onAbort);
      socket.off('error', onError);
      socket.off('secureConnect', onSecure);
    };
    const onError = (error: Error) => {
      settle();
      stream.destroy();
      reject(error instanceof AirlockError ? error : tlsFailure(host, error));
    };
    const onSecure = () => {
      settle();
      resolve(socket);
    };
    socket.once('error', onError);
    socket.once('secureConnect', onSecure);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** DNS (where the route resolves), stream and handshake, each timed on one clock. */
export async function openRouteTls(options: RouteTlsOptions): Promise<RouteTlsSocket> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  let resolvedAt: number | null = null;
  const stream = await openRouteStream(options, { resolved: () => void (resolvedAt ??= now()) });
  const opened = now();
  const socket = await handshakeOverStream(stream, options);
  const dnsMs = resolvedAt === null ? null : resolvedAt - started;
  return { socket, dnsMs, connectMs: opened - (resolvedAt ?? started), tlsMs: now() - opened };
}
