// ARM list pages: { value, nextLink }. The nextLink is absolute, on the scheme and host the caller used
// (taken from a well-formed Host header), keeps the caller's query (api-version, filters) and carries the
// cursor as $skipToken; the last page has no nextLink. A page is a slice of a prepared array — never a scan.
import { badRequest, quoted } from './arm-error';
import { param, type ParsedTarget } from './request-input';

export interface Page<T> {
  readonly value: T[];
  readonly nextLink?: string;
}

export interface PageRequest {
  readonly target: ParsedTarget;
  /** `https://host:port` of this request. */
  readonly origin: string;
  readonly pageSize: number;
}

const CURSOR_PARAMS = new Set(['$skiptoken', '$skip']);

function intParam(target: ParsedTarget, name: string): number | undefined {
  const raw = param(target, name);
  if (raw === undefined || raw === '') return undefined;
  if (!/^[0-9]{1,9}$/.test(raw)) throw badRequest('InvalidQueryParameterValue', `The value '${quoted(raw)}' of query parameter '${name}' is invalid.`, name);
  return Number(raw);
}

/** Page size: the seed's, lowered by `count` / `$top` where the operation takes them. */
function sizeOf(request: PageRequest): number {
  const count = intParam(request.target, 'count');
  return Math.max(1, Math.min(request.pageSize, count ?? request.pageSize));
}

export function page<T, R>(items: readonly T[], request: PageRequest, render: (item: T) => R): Page<R> {
  const top = intParam(request.target, '$top');
  const total = top === undefined ? items.length : Math.min(items.length, top);
  const offset = intParam(request.target, '$skipToken') ?? intParam(request.target, '$skip') ?? 0;
  const size = sizeOf(request);
  const end = Math.min(total, offset + size);
  const value = offset < end ? items.slice(offset, end).map(render) : [];
  if (end >= total) return { value };
  const kept = request.target.query.filter(([k]) => !CURSOR_PARAMS.has(k.toLowerCase()));
  const query = [...kept.map(([k, v]) => `${encodeURIComponent(k).replace(/%24/g, '$')}=${encodeURIComponent(v)}`), `$skipToken=${end}`].join('&');
  return { value, nextLink: `${request.origin}${request.target.rawPath}?${query}` };
}

/** `https://<Host header>` when the header is a plain host[:port]; otherwise the server's own address. */
export function originOf(hostHeader: string | undefined, fallback: string): string {
  if (hostHeader && hostHeader.length <= 255 && /^(?:[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?|\[[0-9a-f:.]+\])(?::[0-9]{1,5})?$/i.test(hostHeader)) {
    return `https://${hostHeader}`;
  }
  return fallback;
}
