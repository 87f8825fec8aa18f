// The vocabulary of local forwards: a 127.0.0.1 port that carries the user's own tools (notebooks, curl, SDKs)
// to one private host:port over a route, like Teleport Connect's gateways and Boundary's session proxies. A view
// is display-safe (addresses, counts, words); nothing here holds a secret or a live connection.
import type { ErrorCode } from '../../../../shared/errors/codes';
import type { RouteConnection, RouteVia } from '../route-types';

/** The host:port a forward carries bytes to (a private endpoint's scoring host and 443, by name). */
export interface ForwardTarget {
  readonly host: string;
  readonly port: number;
}

export interface OpenForwardOptions {
  readonly target: ForwardTarget;
  /** The route the caller chose (shown in the view). */
  readonly via: RouteVia;
  /**
   * Asked once per accepted socket, never kept: the up route to use now, or a throw (E_ROUTE_DOWN) when none is.
   * A route that dropped and came back is picked up by the next socket.
   */
  readonly connection: () => RouteConnection;
  /**
   * undefined: the port last used for this target when it is free, else any free one (the view says so);
   * 0: any free port; 1–65535: exactly that port, else E_PORT_IN_USE.
   */
  readonly localPort?: number;
}

/** The last failure of one of the forward's sockets, in words (that socket was closed; the forward stays open). */
export interface ForwardError {
  /** An Airlock error code when the route said why (E_ROUTE_DOWN, E_UNREACHABLE, E_ROUTE_DROPPED…); null for a local program's socket error. */
  readonly code: ErrorCode | null;
  readonly message: string;
  /** ISO time. */
  readonly at: string;
}

/** One open forward as the Connections screen, `airlock tunnel` and forward.list show it. */
export interface ForwardView {
  /** Opaque (a random UUID). */
  readonly id: string;
  /** Always `127.0.0.1:PORT`. */
  readonly address: string;
  readonly port: number;
  /** `host:port`. */
  readonly target: string;
  readonly via: RouteVia;
  /** ISO time the listener opened. */
  readonly openedAt: string;
  /** Bytes from the target to local programs. */
  readonly bytesIn: number;
  /** Bytes from local programs to the target. */
  readonly bytesOut: number;
  /** Local sockets open now. */
  readonly connections: number;
  readonly lastError: ForwardError | null;
  /** Set when the port remembered for this target was taken and another was picked: says which and why. */
  readonly portNote: string | null;
}

/** opened / updated (a socket came or went, or failed) / closed. Bytes alone do not trigger a change. */
export interface ForwardChange {
  readonly kind: 'opened' | 'updated' | 'closed';
  readonly forward: ForwardView;
}

export type ForwardChangeListener = (change: ForwardChange) => void;

export interface LocalForwards {
  /** Opens a listener on 127.0.0.1 only; rejects E_PORT_IN_USE {port} when the asked port is taken. */
  open(options: OpenForwardOptions): Promise<ForwardView>;
  /** Closes the listener and every live socket of that forward; resolves once all are closed. false: no such forward. */
  close(id: string): Promise<boolean>;
  /** Closes every forward (sign-out, idle lock, quit); resolves once every listener and socket is closed. */
  closeAll(): Promise<void>;
  list(): ForwardView[];
  get(id: string): ForwardView | null;
  /** Returns the unsubscribe. */
  onChange(listener: ForwardChangeListener): () => void;
}
