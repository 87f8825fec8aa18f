// Airlock's own loopback listener for a browser sign-in: the page the IdP hands the authorization code back
// to (response_mode=form_post to http://localhost:<port>/). msal-node's listener has no way to stop it, so an
// attempt Airlock gave up on (cancelled, timed out) would still take the code when the user finished in the
// browser later; this one closes the moment the attempt's signal aborts, and the port then refuses.
// It accepts only a form POST to "/" carrying exactly the expected state, each field once; it never logs or echoes
// the code.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuthorizeResponse } from '@azure/msal-node';
import { signInCancelled } from './interactive-gate';

/** A form post holds a code, a state and a little more; anything bigger is not an IdP's answer. */
const MAX_BODY_BYTES = 64 * 1024;

export interface LoopbackListener {
  /** What to send as redirect_uri (msal-node's form: http://localhost:<port>). */
  readonly redirectUri: string;
  /** The IdP's answer (code or error) with the expected state; rejects once the signal aborts. */
  readonly response: Promise<AuthorizeResponse>;
  /** Stops listening and drops open connections; safe to call more than once. */
  close(): void;
}

export interface LoopbackOptions {
  readonly state: string;
  readonly signal: AbortSignal;
  readonly successPage: string;
  readonly errorPage: string;
}

function page(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
  res.end(html);
}

/** Exactly one `state`, equal to the one this attempt sent (as msal-node checks it). */
function hasState(params: URLSearchParams, state: string): boolean {
  const states = params.getAll('state');
  return states.length === 1 && states[0] === state;
}

/**
 * A name given twice makes the answer ambiguous: get() reads the first value and the answer handed over would
 * carry the last, so the code checked would not be the code redeemed. An IdP's form post names each field once.
 */
function hasRepeatedNames(params: URLSearchParams): boolean {
  const names = [...params.keys()];
  return new Set(names).size !== names.length;
}

export async function listenForAuthCode(options: LoopbackOptions): Promise<LoopbackListener> {
  if (options.signal.aborted) throw signInCancelled();
  let settle: { resolve(value: AuthorizeResponse): void; reject(error: unknown): void } | null = null;
  const response = new Promise<AuthorizeResponse>((resolve, reject) => (settle = { resolve, reject }));
  response.catch(() => undefined); // observed by the caller; never an unhandled rejection if it stops first

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST' || req.url !== '/') {
      // Nothing but the form post carries a code: an answer in the query string is refused (as msal-node does).
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (req.method !== 'GET') page(res, 405, 'Method not allowed');
      else if (url.pathname !== '/') page(res, 404, '');
      else if (url.searchParams.has('code') || url.searchParams.has('error')) page(res, 400, options.errorPage);
      else page(res, 200, options.successPage);
      return;
    }
    if (req.headers['content-type']?.split(';')[0]?.trim() !== 'application/x-www-form-urlencoded') {
      page(res, 415, 'Unsupported media type');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        page(res, 413, 'Too large');
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) return;
      const params = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const code = params.get('code');
      const error = params.get('error');
      if (code === null && error === null) {
        page(res, 200, '');
        return;
      }
      if (hasRepeatedNames(params)) {
        page(res, 400, 'Invalid authorization response.');
        return;
      }
      // Someone else's callback must neither finish nor cancel this sign-in.
      if (!hasState(params, options.state)) {
        page(res, 400, 'Invalid authorization response state.');
        return;
      }
      page(res, 200, error === null ? options.successPage : options.errorPage);
      settle?.resolve(Object.fromEntries(params));
    });
  });

  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    options.signal.removeEventListener('abort', onAbort);
    server.close();
    server.closeAllConnections();
    settle?.reject(signInCancelled());
  };
  const onAbort = (): void => close();
  options.signal.addEventListener('abort', onAbort);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((error: unknown) => {
    close();
    throw error;
  });
  if (options.signal.aborted) close();
  const { port } = server.address() as AddressInfo;
  return { redirectUri: `http://localhost:${port}`, response, close };
}
