// How the scoring host answers. Two error shapes, because real endpoints have two layers:
// - the gateway (auth, routing, limits: 401/403/404/405/408/413/424/429/431) answers
//   {"error": {"code", "message"}} — Azure's envelope; the real body is undocumented and clients must not
//   depend on it (azure-wire-format.md §12.4);
// - the model server (input the model cannot take: 400/415) answers MLflow's {"error_code", "message"}.
// Every response carries x-request-id (and echoes a sane x-ms-client-request-id). Never puts credentials,
// request bodies or stack traces into a response.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export type Headers = Record<string, string>;

/** Response headers every answer to this request carries. */
export function baseHeaders(req: IncomingMessage): Headers {
  const headers: Headers = { 'x-request-id': randomUUID() };
  const clientId = req.headers['x-ms-client-request-id'];
  if (typeof clientId === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(clientId)) headers['x-ms-client-request-id'] = clientId;
  return headers;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Headers = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendGatewayError(res: ServerResponse, status: number, code: string, message: string, headers: Headers = {}): void {
  sendJson(res, status, { error: { code, message } }, headers);
}

export function sendModelInputError(res: ServerResponse, status: 400 | 415, errorCode: string, message: string, headers: Headers = {}): void {
  sendJson(res, status, { error_code: errorCode, message }, headers);
}

/** Header values must be visible ASCII; reasons come from the seed or from model errors. */
export function headerSafe(value: string, max = 512): string {
  const clean = value.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > max ? `${clean.slice(0, max - 3)}...` : clean;
}

const STATUS_TEXT: Readonly<Record<number, string>> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

/** A complete HTTP/1.1 error response for a socket the HTTP parser gave up on (clientError). */
export function rawErrorResponse(status: 400 | 408 | 431, code: string, message: string): string {
  const body = JSON.stringify({ error: { code, message } });
  return [
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    `x-request-id: ${randomUUID()}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}
