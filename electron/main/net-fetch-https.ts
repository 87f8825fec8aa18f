// The control plane's HTTP port in Electron: Chromium's network stack (session.fetch), so the system proxy,
// PAC, proxy authentication and the OS certificate store work as on any corporate machine. A bearer token never
// follows a redirect: requests go with `redirect: 'manual'` and a 3xx comes back to the caller as it is (or,
// where Electron cancels a manual redirect instead, as a typed refusal); https only; responses size-capped;
// a timeout aborts the request. An environment with an extra CA (the sandbox) is trusted for its own hosts
// only, through the session's certificate verify proc (extra-ca-verify.ts). Each environment has its own
// in-memory session: a verify proc (and Chromium's per-session cache of verify results) sees only requests of
// one environment, so two environments that reach the same host name but trust different CAs never share a
// decision. Never logs: requests carry tokens.
import { readFile } from 'node:fs/promises';
import type { HttpsEnvironment, HttpsPort, HttpsResponse, HttpsSend } from '../services';
import { createExtraCaTrust, type ExtraCaTrust, type VerifyProcSession } from './extra-ca-verify';

/** What the adapter needs of an Electron session (a dedicated partition's: see main.ts). */
export interface FetchSession extends VerifyProcSession {
  fetch(input: string, init: RequestInit): Promise<Response>;
}

/** The session for a partition name (main: session.fromPartition; in memory, never `persist:`). Called once per environment. */
export type SessionForPartition = (partition: string) => FetchSession;

/** The control plane's partition for one environment: in memory (no `persist:` prefix), one per environment id. */
export const controlPlanePartition = (environmentId: string) => `airlock-control-plane:${encodeURIComponent(environmentId)}`;

export interface NetFetchHttpsDeps {
  readonly readCa?: (file: string) => Promise<string>;
  readonly maxResponseBytes?: number;
}

const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/** A transport failure with a code callers map to E_TLS / E_UNAVAILABLE (arm-reader.ts transportError). */
function failure(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

/** Chromium's errors arrive as `net::ERR_CERT_AUTHORITY_INVALID`: the code is the part after `net::`. */
function netCode(thrown: unknown): string | undefined {
  const match = /net::(ERR_[A-Z_]+)/.exec(thrown instanceof Error ? thrown.message : String(thrown));
  return match?.[1];
}

async function readCapped(response: Response, maxBytes: number, abort: () => void): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      abort();
      await reader.cancel().catch(() => undefined);
      throw failure('response too large', 'ERR_RESPONSE_TOO_LARGE');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function createNetFetchHttpsPort(sessionFor: SessionForPartition, deps: NetFetchHttpsDeps = {}): HttpsPort {
  const maxBytes = deps.maxResponseBytes ?? MAX_RESPONSE_BYTES;
  const readCa = deps.readCa ?? ((file: string) => readFile(file, 'utf8'));
  const environments = new Map<string, { readonly session: FetchSession; readonly trust: ExtraCaTrust }>();
  const senders = new Map<string, HttpsSend>();

  /** The environment's own session and CA trust, made on first use. */
  const transportOf = (environment: HttpsEnvironment) => {
    let made = environments.get(environment.id);
    if (!made) {
      const session = sessionFor(controlPlanePartition(environment.id));
      made = { session, trust: createExtraCaTrust(session, readCa) };
      environments.set(environment.id, made);
    }
    return made;
  };

  const send = async (environment: HttpsEnvironment, { method, url, headers = {}, body, timeoutMs = 30_000 }: Parameters<HttpsSend>[0]): Promise<HttpsResponse> => {
    if (new URL(url).protocol !== 'https:') throw failure('refusing a non-https request', 'ERR_NON_HTTPS');
    const { session, trust } = transportOf(environment);
    if (environment.caCertPath) await trust.add(environment); // before the first request to its hosts
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      const response = await session.fetch(url, {
        method,
        headers: { ...headers },
        ...(body !== undefined ? { body } : {}),
        redirect: 'manual', // never followed: the 3xx goes back to the caller with its Location
        credentials: 'omit', // no cookies: the token is the only credential
        cache: 'no-store',
        signal: controller.signal,
      });
      const text = response.status >= 300 && response.status < 400 ? '' : await readCapped(response, maxBytes, () => controller.abort());
      const flat: Record<string, string> = {};
      response.headers.forEach((value, name) => (flat[name.toLowerCase()] = value));
      return { status: response.status, headers: flat, text };
    } catch (thrown) {
      if (timedOut) throw failure('request timed out', 'ETIMEDOUT');
      if ((thrown as { code?: unknown }).code === 'ERR_RESPONSE_TOO_LARGE') throw thrown;
      // Electron cancels a manual redirect it was not told to follow (electron/electron#43715): the server
      // redirected, and Airlock does not follow with the token.
      if (/Redirect was cancelled/i.test(thrown instanceof Error ? thrown.message : '')) throw failure('the server answered with a redirect; not followed', 'ERR_REDIRECT_NOT_FOLLOWED');
      const code = netCode(thrown);
      throw failure(code ? `request failed (${code})` : 'request failed', code ?? 'ERR_NETWORK');
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    forEnvironment(environment) {
      const key = `${environment.id}\0${environment.caCertPath ?? ''}`;
      let sender = senders.get(key);
      if (!sender) {
        sender = (request) => send(environment, request);
        senders.set(key, sender);
      }
      return sender;
    },
  };
}
