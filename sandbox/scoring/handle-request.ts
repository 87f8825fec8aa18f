// Dispatches one request on the shared scoring server: the Host header picks the endpoint (SNI only picks
// the certificate), the exact path picks the operation (/score, /swagger.json), anything else is 404.
// Paths are compared as sent — no decoding or normalization — so traversal attempts simply do not match.
// It must never let an exception escape (500 instead) nor echo request data into headers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxContext } from '../context';
import { authorize, type AuthDeps } from './authorize';
import { describedDeployment, type EndpointState } from './endpoint-state';
import { handleScore } from './handle-score';
import type { PendingRequests } from './pending-requests';
import { baseHeaders, sendGatewayError, sendJson, type Headers } from './responses';
import type { Sleep } from './sleep';
import { swaggerDocument } from './swagger';

export interface RequestDeps {
  readonly ctx: SandboxContext;
  readonly auth: AuthDeps;
  readonly endpoints: ReadonlyMap<string, EndpointState>;
  readonly pending: PendingRequests;
  readonly sleep: Sleep;
  readonly shutdown: AbortSignal;
}

/** The hostname of a Host header, lower-cased, without port or trailing dot. */
export function hostOf(header: string | undefined): string {
  if (!header) return '';
  return header.trim().toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
}

function pathOf(url: string | undefined): string {
  const raw = url ?? '';
  const q = raw.indexOf('?');
  return q === -1 ? raw : raw.slice(0, q);
}

async function handleSwagger(req: IncomingMessage, res: ServerResponse, state: EndpointState, headers: Headers, deps: RequestDeps): Promise<void> {
  const auth = await authorize(state.endpoint, req.headers.authorization, deps.auth);
  if (!auth.ok) return sendGatewayError(res, auth.status, auth.code, auth.message, { ...headers, ...(auth.status === 401 ? { 'www-authenticate': auth.challenge ?? 'Bearer' } : {}) });
  const header = req.headers['azureml-model-deployment'];
  let deployment = describedDeployment(state);
  if (header !== undefined) {
    const named = state.endpoint.deployments.get((Array.isArray(header) ? header[0] : header)?.trim().toLowerCase() ?? '');
    if (!named) return sendGatewayError(res, 404, 'DeploymentNotFound', `The endpoint ${state.endpoint.name} has no deployment named in the azureml-model-deployment header.`, headers);
    deployment = named;
  }
  sendJson(res, 200, swaggerDocument(state.endpoint, deployment), { ...headers, 'azureml-model-deployment': deployment.name });
}

async function dispatch(req: IncomingMessage, res: ServerResponse, headers: Headers, deps: RequestDeps, signal: AbortSignal): Promise<void> {
  const state = deps.endpoints.get(hostOf(req.headers.host));
  if (!state) return sendGatewayError(res, 404, 'EndpointNotFound', 'No online endpoint is served at this host name.', headers);
  const path = pathOf(req.url);
  if (path === '/score') {
    if (req.method !== 'POST') return sendGatewayError(res, 405, 'MethodNotAllowed', 'Use POST for /score.', { ...headers, allow: 'POST' });
    return handleScore(req, res, state, headers, { auth: deps.auth, pending: deps.pending, sleep: deps.sleep, signal });
  }
  if (path === '/swagger.json') {
    if (req.method !== 'GET') return sendGatewayError(res, 405, 'MethodNotAllowed', 'Use GET for /swagger.json.', { ...headers, allow: 'GET' });
    return handleSwagger(req, res, state, headers, deps);
  }
  return sendGatewayError(res, 404, 'NotFound', 'Not found. The scoring host serves POST /score and GET /swagger.json.', headers);
}

/**
 * Why a request's own signal fires: its response closed (answered or the client went away). One shared reason:
 * abort() without one builds a DOMException with a stack for every request, which measured as a visible share
 * of the scoring host's work in the benches (the sandbox runs in the client's own thread there).
 */
const RESPONSE_CLOSED = new Error('the response closed');

export function handleRequest(req: IncomingMessage, res: ServerResponse, deps: RequestDeps): void {
  const headers = baseHeaders(req);
  const done = new AbortController();
  const signal = AbortSignal.any([deps.shutdown, done.signal]);
  res.once('close', () => done.abort(RESPONSE_CLOSED));
  res.once('finish', () => {
    deps.ctx.log('scoring.request', {
      host: hostOf(req.headers.host).slice(0, 100),
      path: pathOf(req.url).slice(0, 100),
      status: res.statusCode,
      deployment: typeof headers['azureml-model-deployment'] === 'string' ? headers['azureml-model-deployment'] : null,
      requestId: headers['x-request-id'],
    });
  });
  dispatch(req, res, headers, deps, signal).catch((error: unknown) => {
    deps.ctx.log('scoring.internal_error', { error: error instanceof Error ? error.name : 'unknown' });
    if (!res.headersSent) sendGatewayError(res, 500, 'InternalServerError', 'The scoring host failed to process the request.', headers);
    else res.destroy();
  });
}
