// Turns whatever stopped a data-plane request into a typed AirlockError in words: the route's own errors
// pass through, a stream that died is E_ROUTE_DROPPED (retryable: the manager reconnects), undici's own
// codes are named. It must never copy raw exception text (it may quote a header or a URL with a token).
import { AirlockError } from '../../../../shared/errors/airlock-error';
import { codeDetail, hostDetail } from '../../../../shared/errors/details';
import type { RouteVia } from '../route-types';

const STREAM_DIED = new Set(['UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_DESTROYED', 'ECONNRESET', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE', 'ECONNABORTED']);

export function routeDropped(via: RouteVia | undefined, host: string): AirlockError {
  return new AirlockError('E_ROUTE_DROPPED', {
    message: `The private route dropped while the request to ${host} was on its way, so it did not complete.`,
    details: via ? { via } : {},
  });
}

export function responseTooLarge(host: string, maxBytes: number): AirlockError {
  const shown = hostDetail(host);
  return new AirlockError('E_UNAVAILABLE', {
    message: `The answer from ${host} is larger than the ${maxBytes.toLocaleString('en-US')} bytes Airlock accepts, so it was not read.`,
    hint: 'Ask for less data in one request.',
    retryable: false,
    details: { ...(shown ? { host: shown } : {}), reason: 'response-too-large' },
  });
}

export function deadlinePassed(host: string, deadlineMs: number): AirlockError {
  return new AirlockError('E_TIMEOUT', { message: `${host} did not answer within ${Math.round(deadlineMs / 100) / 10} s over the private route.` });
}

/** The typed error for `error`; `dropped` says the route itself reported a drop meanwhile. */
export function requestFailure(error: unknown, context: { via: RouteVia | undefined; host: string; dropped: boolean }): AirlockError {
  if (error instanceof AirlockError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (context.dropped || (typeof code === 'string' && STREAM_DIED.has(code))) return routeDropped(context.via, context.host);
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new AirlockError('E_TIMEOUT', { message: `${context.host} took too long to answer over the private route.` });
  }
  if (code === 'UND_ERR_INVALID_ARG' || code === 'UND_ERR_NOT_SUPPORTED' || code === 'ERR_INVALID_ARG_TYPE') {
    return new AirlockError('E_BAD_REQUEST', { message: 'The request could not be sent as written (a header or body is not valid HTTP).' });
  }
  const reason = codeDetail(code);
  const shown = hostDetail(context.host);
  return new AirlockError('E_UNREACHABLE', {
    message: `The request to ${context.host} failed on the private route.`,
    details: { ...(context.via ? { via: context.via } : {}), ...(shown ? { host: shown } : {}), ...(reason ? { reason } : {}) },
  });
}
