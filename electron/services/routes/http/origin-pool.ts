// Reused HTTPS connections to ONE origin (host:port) over ONE open route: a few undici Clients (one socket
// each, no pipelining), handed to one request at a time so each request knows whether it paid for a fresh
// stream + handshake (its timing says so), and undici's diagnostics channels stamp that request's send,
// first byte and end (undici-phases.ts). A Client whose socket closed reconnects through the same route
// on its next request; when the route itself goes away the whole pool is destroyed, so a reconnected route
// never inherits a socket of the dead one. It never dials: every socket comes from openRouteTls.
import { Client } from 'undici';
import type { RouteConnection, RouteVia } from '../route-types';
import { openRouteTls } from './route-tls';
import { watchSocket, type RequestMarks } from './undici-phases';

export interface FreshConnection {
  /** null where the route's far side resolves the name (SSH, Bastion). */
  readonly dnsMs: number | null;
  readonly connectMs: number;
  readonly tlsMs: number;
}

export interface PoolSlot {
  readonly client: Client;
  /** Set by the connector when this slot opened a new stream for the request that holds it; taken by that request. */
  takeFresh(): FreshConnection | null;
  /** The holding request's send / first byte / end times, as undici reports them on this slot's socket. */
  marks(): RequestMarks;
}

export interface OriginPool {
  /** A slot for one request; waits (FIFO) while all are busy; rejects with the signal's reason on abort. */
  acquire(signal: AbortSignal): Promise<PoolSlot>;
  release(slot: PoolSlot): void;
  /** Destroys every socket and fails waiters with `reason`. */
  destroy(reason: Error): void;
}

export interface OriginPoolOptions {
  readonly connection: RouteConnection;
  readonly via?: RouteVia;
  readonly host: string;
  readonly port: number;
  readonly ca: readonly string[] | undefined;
  readonly maxConnections: number;
  readonly now: () => number;
}

interface Slot extends PoolSlot {
  busy: boolean;
  /** The signal of the request holding the slot: a stream opened for it stops when it does. */
  signal: AbortSignal | undefined;
  fresh: FreshConnection | null;
  /** Fresh per hold: a late report for the previous request cannot land in the next one's. */
  current: RequestMarks;
}

/** The reason a request's signal carries (the client always aborts with an Error: a deadline or the caller's cancel). */
function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('aborted');
}

interface Waiter {
  readonly resolve: (slot: Slot) => void;
  readonly reject: (error: unknown) => void;
  readonly signal: AbortSignal;
  readonly onAbort: () => void;
}

export function createOriginPool(options: OriginPoolOptions): OriginPool {
  const { connection, via, host, port, ca, now } = options;
  const slots: Slot[] = [];
  const waiters: Waiter[] = [];
  let destroyed: Error | null = null;

  function newSlot(): Slot {
    const slot: Slot = {
      busy: true,
      signal: undefined,
      fresh: null,
      current: {},
      marks: () => slot.current,
      takeFresh() {
        const fresh = slot.fresh;
        slot.fresh = null;
        return fresh;
      },
      client: new Client(`https://${host}:${port}`, {
        pipelining: 1,
        // Deadlines are the caller's (one AbortSignal per request); undici's own would race them.
        headersTimeout: 0,
        bodyTimeout: 0,
        connect: (_params, callback) => {
          openRouteTls({ connection, ...(via ? { via } : {}), host, port, ca, ...(slot.signal ? { signal: slot.signal } : {}), now }).then(
            ({ socket, dnsMs, connectMs, tlsMs }) => {
              slot.fresh = { dnsMs, connectMs, tlsMs };
              watchSocket(socket, { current: () => (slot.busy ? slot.current : null), now });
              callback(null, socket);
            },
            (error: Error) => callback(error, null),
          );
        },
      }),
    };
    slots.push(slot);
    return slot;
  }

  function hold(slot: Slot, signal: AbortSignal): Slot {
    slot.busy = true;
    slot.signal = signal;
    slot.fresh = null;
    slot.current = {};
    return slot;
  }

  return {
    acquire(signal) {
      if (destroyed) return Promise.reject(destroyed);
      if (signal.aborted) return Promise.reject(abortReason(signal));
      const idle = slots.find((s) => !s.busy);
      if (idle) return Promise.resolve(hold(idle, signal));
      if (slots.length < options.maxConnections) return Promise.resolve(hold(newSlot(), signal));
      return new Promise<Slot>((resolve, reject) => {
        const waiter: Waiter = {
          resolve: (slot) => resolve(hold(slot, signal)),
          reject,
          signal,
          onAbort: () => {
            waiters.splice(waiters.indexOf(waiter), 1);
            reject(abortReason(signal));
          },
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
        waiters.push(waiter);
      });
    },
    release(slot) {
      const s = slot as Slot;
      s.signal = undefined;
      s.fresh = null;
      const next = waiters.shift();
      if (next && !destroyed) {
        next.signal.removeEventListener('abort', next.onAbort);
        next.resolve(s);
      } else s.busy = false;
    },
    destroy(reason) {
      if (destroyed) return;
      destroyed = reason;
      for (const slot of slots) void slot.client.destroy(reason).catch(() => undefined);
      for (const waiter of waiters.splice(0)) {
        waiter.signal.removeEventListener('abort', waiter.onAbort);
        waiter.reject(reason);
      }
    },
  };
}
