// The vocabulary of private routes, shared by the route manager, the three drivers (VPN/direct, SSH jump host,
// Azure Bastion), the data-plane HTTP client and the Connections screen's status. A route is a managed
// connection that can open byte streams to private host:port pairs; TLS is always layered on top by the caller
// against the endpoint's real host name, never the tunnel's address. Nothing here holds a secret.
import type { Duplex } from 'node:stream';
import type { AirlockError } from '../../../shared/errors/airlock-error';

/** How users and the CLI name a route (`--via`). */
export type RouteVia = 'vpn' | 'jump' | 'bastion';
export const ROUTE_VIAS: readonly RouteVia[] = ['vpn', 'jump', 'bastion'];

/**
 * off: not connected (never, or the user disconnected) · connecting: opening (or reconnecting after a drop) ·
 * up: carrying streams · degraded: up, but its probes are slow or failing · failed: gave up (the last error says why).
 */
export type RouteState = 'off' | 'connecting' | 'up' | 'degraded' | 'failed';

/** Display-safe status of one route, as the Connections screen, the status bar and `airlock route list` show it. */
export interface RouteStatus {
  readonly environmentId: string;
  readonly via: RouteVia;
  readonly state: RouteState;
  /** ISO time the route entered `state`. */
  readonly since: string;
  /** What the route goes through, for people: `jumpbox.internal.sandbox:22 as alice`, `bst-….bastion.azure.com → vm-jumpbox`, `VPN (OS resolver)`. */
  readonly target: string;
  readonly bytesIn: number;
  readonly bytesOut: number;
  /** Round-trip time of the last probe (SSH keepalive, DNS + TCP for VPN); null before the first. */
  readonly rttMs: number | null;
  /** The last failure in words (code + message, no secret); null when none since the last success. */
  readonly lastError: { readonly code: string; readonly message: string } | null;
  /** Set while a dropped route waits to reconnect: which attempt, and when (ISO). */
  readonly reconnect: { readonly attempt: number; readonly at: string } | null;
}

/**
 * What a route tells the caller while it opens one stream, so a request's timing can show its phases. The caller
 * takes the times on its own clock.
 */
export interface StreamPhases {
  /**
   * The route resolved the name itself and starts dialling: the VPN route's posture check (the OS resolver's
   * lookup). Never called where the far side resolves the name (SSH jump host, Bastion: `direct-tcpip` carries
   * the name and the jump host looks it up), so the DNS phase is unknown there, not zero.
   */
  resolved?(): void;
}

/** An open route. Implementations count bytes on every stream they hand out. */
export interface RouteConnection {
  /**
   * A byte stream to `host:port` over the route (an SSH `direct-tcpip` channel, or a TCP socket to the private
   * address the posture check approved). Fails typed: E_UNREACHABLE (refused by the far side), E_ROUTE_DROPPED
   * (the route went down), E_NOT_PRIVATE (VPN: the name did not resolve privately).
   */
  openStream(host: string, port: number, signal?: AbortSignal, phases?: StreamPhases): Promise<Duplex>;
  /** One probe round trip in milliseconds (SSH keepalive request; VPN: lookup + TCP connect to a canary). */
  probe(signal?: AbortSignal): Promise<number>;
  /** Closes every stream and the route itself; idempotent; resolves when the far side was told (Bastion DELETE). */
  close(): Promise<void>;
  /** Registers a listener for an unrequested drop (never called after close()). */
  onDrop(listener: (error: AirlockError) => void): void;
  /** Bytes carried so far by all streams of this connection. */
  readonly bytes: { readonly in: number; readonly out: number };
  /** For people: see RouteStatus.target. */
  readonly target: string;
}

/** One route kind's way to open a connection for an environment (and account). */
export interface RouteDriver {
  readonly via: RouteVia;
  /** Opens the route; fails typed (E_HOST_KEY_CHANGED, E_HOST_KEY_UNKNOWN, E_SSH_AUTH, E_BASTION_REFUSED, E_NOT_PRIVATE, E_UNREACHABLE, E_TIMEOUT). */
  connect(signal: AbortSignal): Promise<RouteConnection>;
}
