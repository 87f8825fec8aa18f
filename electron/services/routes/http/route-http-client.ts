// The data-plane HTTP client: HTTPS requests to private endpoints (scoring now, any private workspace host
// later) carried ONLY by the route the caller's getter hands out. No route up → E_ROUTE_DOWN; there is no
// fallback to a public path, and this module never dials anything itself (every socket is the route's
// stream with TLS on top, verified against the endpoint's real name). Redirects are returned, never
// followed (a bearer token must not travel on). Never logs: headers and bodies carry tokens.
import type { Dispatcher } from 'undici';
import { AirlockError } from '../../../../shared/errors/airlock-error';
import { hostDetail } from '../../../../shared/errors/details';
import type { Environment } from '../../environments';
import type { RouteConnection, RouteVia } from '../route-types';
import type { EnvironmentTrust } from './environment-trust';
import { createOriginPool, type OriginPool } from './origin-pool';
import type { RequestMarks } from './undici-phases';
import { deadlinePassed, requestFailure, responseTooLarge, routeDropped } from './request-failure';

export type RouteHttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

export interface RouteHttpRequest {
  /** https only; the host is the endpoint's real name (TLS is verified against it). */
  readonly url: string;
  readonly method?: RouteHttpMethod;
  /** A `host` header is ignored: Host is always the URL's. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
  /** The caller's cancel; its reason is what the request rejects with. */
  readonly signal?: AbortSignal;
  /** Whole-request deadline (queue + stream + TLS + answer), E_TIMEOUT past it. Default 30 s. */
  readonly deadlineMs?: number;
  /** Larger answers are refused (E_UNAVAILABLE, reason response-too-large). Default 8 MiB. */
  readonly maxResponseBytes?: number;
}

/**
 * Milliseconds per phase, in the order they happen: queue (a free connection), dns, connect, tls (a fresh
 * connection only), ttfb (request sent → response headers; includes sending the body), download (headers →
 * last byte). They never overlap, so their sum is at most totalMs (the rest is Airlock's own work between them).
 */
export interface RouteHttpTiming {
  readonly queueMs: number;
  /**
   * The route's own lookup of the name (VPN: the posture check through the OS resolver). null on a kept-alive
   * connection, and over SSH or Bastion, where the jump host resolves the name (inside connectMs, not measurable here).
   */
  readonly dnsMs: number | null;
  /** Opening the stream over the route (TCP connect, or the SSH channel); null on a kept-alive connection. */
  readonly connectMs: number | null;
  /** The TLS handshake; null on a kept-alive connection. */
  readonly tlsMs: number | null;
  readonly ttfbMs: number;
  readonly downloadMs: number;
  readonly totalMs: number;
  readonly reused: boolean;
}

export interface RouteHttpResponse {
  readonly status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly timing: RouteHttpTiming;
}

export interface RouteHttpClient {
  request(request: RouteHttpRequest): Promise<RouteHttpResponse>;
  /** Closes every connection this client holds (the routes themselves stay up). */
  close(): void;
}

export interface RouteHttpClientOptions {
  readonly environment: Pick<Environment, 'id' | 'caCertPath'>;
  readonly trust: EnvironmentTrust;
  /**
   * The up route to carry a request to `host` now: e.g. `(host) => manager.connection(env.id, allowedVias, host)`,
   * whose own E_ROUTE_DOWN passes through as it is; null also means none is up (E_ROUTE_DOWN here).
   */
  readonly route: (host: string) => RouteConnection | null;
  /** The route kind, for error details (E_ROUTE_DOWN, E_ROUTE_DROPPED). */
  readonly via?: RouteVia;
  /** Kept-alive connections per origin per route (default 16); more requests wait their turn. */
  readonly maxConnectionsPerOrigin?: number;
  readonly now?: () => number;
}

export const DEFAULT_DEADLINE_MS = 30_000;
/** How much of a redirect's body is read off (and dropped) to keep its connection; past it the connection ends. */
const REDIRECT_DRAIN_BYTES = 64 * 1024;
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

interface RouteState {
  readonly pools: Map<string, OriginPool>;
  dropped: boolean;
}

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return flat;
}

function sentHeaders(headers: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const sent: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) if (name.toLowerCase() !== 'host') sent[name.toLowerCase()] = value;
  return sent;
}

/** A Content-Length as undici hands it over: digits only (no sign, no list of two). */
const DECIMAL = /^\d{1,15}$/;

/**
 * The last addresses parsed: a test run POSTs the same scoring URL thousands of times. Only what passed the
 * check is kept (the URLs are read, never changed); bounded, emptied when full.
 */
const targets = new Map<string, URL>();
const MAX_TARGETS = 64;

function httpsTarget(raw: string): URL {
  const known = targets.get(raw);
  if (known) return known;
  const url = URL.parse(raw);
  if (!url || url.protocol !== 'https:' || url.username || url.password) {
    throw new AirlockError('E_BAD_REQUEST', { message: 'Airlock sends requests to private endpoints only as https:// addresses without user names or passwords in them.' });
  }
  if (targets.size >= MAX_TARGETS) targets.clear();
  targets.set(raw, url);
  return url;
}

export function createRouteHttpClient(options: RouteHttpClientOptions): RouteHttpClient {
  const now = options.now ?? (() => performance.now());
  const via = options.via;
  // Only the route the getter gave last keeps pools: a reconnected route is a new object, and the old one's
  // sockets (dead or about to be) are destroyed rather than reused.
  let current: { connection: RouteConnection; state: RouteState } | null = null;

  function stateFor(connection: RouteConnection): RouteState {
    if (current?.connection === connection) return current.state;
    if (current) for (const pool of current.state.pools.values()) pool.destroy(routeDropped(via, 'the endpoint'));
    const state: RouteState = { pools: new Map(), dropped: false };
    current = { connection, state };
    connection.onDrop(() => {
      state.dropped = true;
      for (const pool of state.pools.values()) pool.destroy(routeDropped(via, 'the endpoint'));
      state.pools.clear();
    });
    return state;
  }

  /**
   * The answer's body, refused past `maxBytes`. With a Content-Length, undici frames the body by it (a body that
   * ends short or runs long fails the request), so a declared length within the cap is read whole in one go, and
   * one past it is refused before a byte of the body is read. Without one (chunked), chunks are counted as they come.
   */
  async function readCapped(answer: Dispatcher.ResponseData, host: string, maxBytes: number): Promise<Buffer> {
    const declared = answer.headers['content-length'];
    if (typeof declared === 'string' && DECIMAL.test(declared)) {
      if (Number(declared) > maxBytes) {
        // Ends the response (and its connection) unread; the stream's own "aborted" error has nobody to tell.
        answer.body.once('error', () => undefined);
        answer.body.destroy();
        throw responseTooLarge(host, maxBytes);
      }
      const bytes = await answer.body.bytes();
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    const body = answer.body;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) {
        body.destroy();
        throw responseTooLarge(host, maxBytes);
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks, size);
  }

  return {
    async request(request) {
      const url = httpsTarget(request.url);
      const host = url.hostname;
      const connection = options.route(host);
      if (!connection) {
        const shown = hostDetail(host);
        throw new AirlockError('E_ROUTE_DOWN', {
          message: `No private route to ${host} is up, so Airlock did not send the request.`,
          details: { ...(via ? { via } : {}), ...(shown ? { host: shown } : {}) },
        });
      }
      const ca = await options.trust.caFor(options.environment);
      const state = stateFor(connection);
      const port = url.port ? Number(url.port) : 443;
      const origin = `${host}:${port}`;
      let pool = state.pools.get(origin);
      if (!pool) {
        pool = createOriginPool({ connection, ...(via ? { via } : {}), host, port, ca, maxConnections: options.maxConnectionsPerOrigin ?? 16, now });
        state.pools.set(origin, pool);
      }

      const deadlineMs = request.deadlineMs ?? DEFAULT_DEADLINE_MS;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(deadlinePassed(host, deadlineMs)), deadlineMs);
      const onCancel = () => controller.abort(request.signal?.reason);
      if (request.signal?.aborted) onCancel();
      else request.signal?.addEventListener('abort', onCancel, { once: true });
      const signal = controller.signal;

      const started = now();
      try {
        const slot = await pool.acquire(signal);
        const acquired = now();
        try {
          const answer = await slot.client.request({
            path: `${url.pathname}${url.search}`,
            method: request.method ?? 'GET',
            headers: sentHeaders(request.headers),
            ...(request.body === undefined ? {} : { body: request.body }),
            signal,
          });
          const fresh = slot.takeFresh();
          const headersAt = now();
          const marks = slot.marks();
          // A redirect is returned as it is and never followed, so its body is of no use: discarded (a small one read
          // off so the connection stays reusable, a larger one ends the connection), never held in memory.
          const redirect = answer.statusCode >= 300 && answer.statusCode < 400;
          const body = redirect ? await answer.body.dump({ limit: REDIRECT_DRAIN_BYTES }).then(() => Buffer.alloc(0)) : await readCapped(answer, host, request.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
          const readAt = now();
          return { status: answer.statusCode, headers: flatHeaders(answer.headers), body, timing: phasesOf({ started, acquired, headersAt, readAt, fresh, marks, totalMs: now() - started }) };
        } finally {
          pool.release(slot);
        }
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        throw requestFailure(error, { via, host, dropped: state.dropped });
      } finally {
        clearTimeout(timer);
        request.signal?.removeEventListener('abort', onCancel);
      }
    },
    close() {
      if (current) for (const pool of current.state.pools.values()) pool.destroy(routeDropped(via, 'the endpoint'));
      current = null;
    },
  };
}

/**
 * The phases of one request from what undici's channels stamped (send, headers, end) and what the pool measured
 * (dns, connect, tls of a fresh connection). Where a stamp is missing (a channel not reporting), the client's
 * own moments stand in: the request handed to undici, its headers resolved, its body read.
 */
function phasesOf(at: { started: number; acquired: number; headersAt: number; readAt: number; fresh: { dnsMs: number | null; connectMs: number; tlsMs: number } | null; marks: RequestMarks; totalMs: number }): RouteHttpTiming {
  const { fresh, marks } = at;
  const setupMs = fresh ? (fresh.dnsMs ?? 0) + fresh.connectMs + fresh.tlsMs : 0;
  const sentAt = marks.sentAt ?? at.acquired + setupMs;
  const headersAt = marks.headersAt ?? at.headersAt;
  const doneAt = marks.doneAt ?? at.readAt;
  return {
    queueMs: at.acquired - at.started,
    dnsMs: fresh?.dnsMs ?? null,
    connectMs: fresh?.connectMs ?? null,
    tlsMs: fresh?.tlsMs ?? null,
    ttfbMs: Math.max(0, headersAt - sentAt),
    downloadMs: Math.max(0, doneAt - headersAt),
    totalMs: at.totalMs,
    reused: fresh === null,
  };
}
