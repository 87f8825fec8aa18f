// The header set ARM puts on every response (azure-wire-format.md §11): request, correlation and routing
// ids, no-cache and security headers, JSON content type and remaining-quota counters. The correlation id
// echoes a well-formed x-ms-correlation-request-id from the caller; nothing else from the request is echoed
// except a well-formed x-ms-client-request-id.
import { randomBytes, randomUUID } from 'node:crypto';

export interface RequestIds {
  readonly requestId: string;
  readonly correlationId: string;
  readonly clientRequestId: string | undefined;
}

const SAFE_ID = /^[A-Za-z0-9-]{1,72}$/;

export function requestIds(headers: Record<string, string | string[] | undefined>): RequestIds {
  const pick = (name: string) => {
    const v = headers[name];
    return typeof v === 'string' && SAFE_ID.test(v) ? v : undefined;
  };
  return { requestId: randomUUID(), correlationId: pick('x-ms-correlation-request-id') ?? randomUUID(), clientRequestId: pick('x-ms-client-request-id') };
}

function compactTime(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

export function baseHeaders(ids: RequestIds, region: string, now: Date, quota: { reads?: number; writes?: number } = {}): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-cache',
    pragma: 'no-cache',
    expires: '-1',
    'x-content-type-options': 'nosniff',
    'x-cache': 'CONFIG_NOCACHE',
    'x-msedge-ref': `Ref A: ${randomBytes(16).toString('hex').toUpperCase()} Ref B: ${region}EDGE0000 Ref C: ${now.toISOString()}`,
    'x-ms-request-id': ids.requestId,
    'x-ms-correlation-request-id': ids.correlationId,
    'x-ms-routing-request-id': `${region}:${compactTime(now)}:${ids.requestId}`,
  };
  if (ids.clientRequestId) headers['x-ms-client-request-id'] = ids.clientRequestId;
  if (quota.reads !== undefined) {
    headers['x-ms-ratelimit-remaining-subscription-reads'] = String(quota.reads);
    headers['x-ms-ratelimit-remaining-subscription-global-reads'] = String(quota.reads);
    headers['x-ms-ratelimit-remaining-tenant-reads'] = String(quota.reads);
  }
  if (quota.writes !== undefined) {
    headers['x-ms-ratelimit-remaining-subscription-writes'] = String(quota.writes);
    headers['x-ms-ratelimit-remaining-subscription-global-writes'] = String(quota.writes);
  }
  return headers;
}
