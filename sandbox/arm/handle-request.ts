// One request through the ARM pipeline: header limits → body cap → path syntax → authentication → read
// quota → route → api-version → handler (RBAC 403 → lookup 404 → a workspace's auth context, 401 claims
// challenge → child lookups). Every outcome, including an unexpected exception, is written as JSON with the
// ARM header set; a response never carries a stack trace or a token.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { VerifiedAccessToken } from '../context';
import { ArmError, errorBody } from './arm-error';
import type { ArmService } from './arm-service';
import { authenticate, type AuthenticateOptions } from './authenticate';
import { originOf } from './paging';
import type { ReadQuota } from './rate-limiter';
import { MAX_BODY_BYTES, readBody } from './request-body';
import { checkApiVersion, parseTarget } from './request-input';
import { baseHeaders, requestIds } from './response-headers';
import { matchRoute } from './routes';

export const MAX_HEADER_COUNT = 100;
const WRITES_REMAINING = 1199;

export interface Pipeline {
  readonly svc: ArmService;
  readonly auth: AuthenticateOptions;
  readonly quota: ReadQuota;
  readonly region: string;
  /** `https://127.0.0.1:PORT`, for nextLinks when the Host header is unusable. */
  readonly fallbackOrigin: () => string;
  readonly log: (event: string, fields: Record<string, string | number | boolean | undefined>) => void;
}

/** `null` when the client went away mid-body (nothing to answer). */
async function dispatch(p: Pipeline, req: IncomingMessage, state: { caller?: VerifiedAccessToken; reads?: number }): Promise<{ status: number; body: unknown } | null> {
  if (req.rawHeaders.length / 2 >= MAX_HEADER_COUNT) {
    throw new ArmError(431, 'RequestHeaderFieldsTooLarge', `The request has too many headers; at most ${MAX_HEADER_COUNT - 1} are accepted.`, { gateway: true });
  }
  const body = await readBody(req);
  if (body.kind === 'aborted') return null;
  if (body.kind === 'too-large') {
    throw new ArmError(413, 'RequestEntityTooLarge', `The request content size exceeds the maximum allowed size of ${MAX_BODY_BYTES} bytes.`, { gateway: true });
  }
  const target = parseTarget(req.url);
  const caller = await authenticate(p.auth, req.headers.authorization);
  state.caller = caller;
  const method = (req.method ?? '').toUpperCase();
  if (method === 'GET' || method === 'HEAD') state.reads = p.quota.takeRead(caller.oid);
  const match = matchRoute(method === 'HEAD' ? 'GET' : method, target.segments);
  if (match.kind === 'none') {
    const provider = target.segments.some((s) => s.toLowerCase() === 'microsoft.machinelearningservices');
    throw provider
      ? new ArmError(404, 'InvalidResourceType', 'The resource type could not be found in the namespace \'Microsoft.MachineLearningServices\'.')
      : new ArmError(404, 'NotFound', 'The requested path does not match any resource or operation.', { gateway: true });
  }
  if (match.kind === 'wrong-method') {
    throw new ArmError(405, 'MethodNotAllowed', `The method '${method.slice(0, 10)}' is not supported here; this sandbox ARM emulator is read-only (allowed: ${match.allowed.join(', ')}).`, {
      headers: { allow: match.allowed.join(', ') },
    });
  }
  checkApiVersion(target, match.route.apiVersions);
  const origin = originOf(req.headers.host, p.fallbackOrigin());
  return match.route.handler(p.svc, { target, params: match.params, body: body.body, caller, origin });
}

export async function handleRequest(p: Pipeline, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const ids = requestIds(req.headers);
  const state: { caller?: VerifiedAccessToken; reads?: number } = {};
  const method = (req.method ?? '').toUpperCase();
  let status: number;
  let payload: unknown;
  let extraHeaders: Readonly<Record<string, string>> = {};
  let close = false;
  try {
    const result = await dispatch(p, req, state);
    if (!result) {
      req.socket.destroy();
      return;
    }
    ({ status, body: payload } = result);
  } catch (error) {
    const armError =
      error instanceof ArmError
        ? error
        : new ArmError(500, 'InternalServerError', 'The server encountered an internal error. Please retry the request.', { gateway: false });
    if (!(error instanceof ArmError)) p.log('arm.internal-error', { requestId: ids.requestId, error: error instanceof Error ? error.message.slice(0, 200) : 'unknown' });
    if (armError.extra.event) p.log(armError.extra.event.name, { ...armError.extra.event.fields, requestId: ids.requestId });
    status = armError.status;
    payload = errorBody(armError, { correlationId: ids.correlationId, requestId: ids.requestId, region: p.region, now: p.svc.now() });
    extraHeaders = armError.extra.headers ?? {};
    close = !req.readableEnded;
    if (armError.extra.gateway && status >= 400) extraHeaders = { 'x-ms-failure-cause': 'gateway', ...extraHeaders };
  }
  if (res.headersSent || res.destroyed) return;
  const isRead = method === 'GET' || method === 'HEAD';
  const quota = state.caller ? (isRead ? { reads: state.reads ?? p.quota.remaining(state.caller.oid) } : { writes: WRITES_REMAINING }) : {};
  const text = JSON.stringify(payload);
  const headers: Record<string, string> = { ...baseHeaders(ids, p.region, p.svc.now(), quota), ...extraHeaders, 'content-length': String(Buffer.byteLength(text)) };
  if (close) headers['connection'] = 'close';
  res.writeHead(status, headers);
  res.end(method === 'HEAD' ? undefined : text);
  if (close) res.on('finish', () => req.socket.destroySoon());
  p.log('arm.request', { method: method.slice(0, 10), path: (req.url ?? '').split('?')[0]?.slice(0, 200), status, requestId: ids.requestId, oid: state.caller?.oid });
}
