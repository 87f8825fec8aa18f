// The canonical form of a record: the exact bytes the chain hashes and the database stores ("body").
// JSON with a fixed key order, absent fields left out, so the same record always gives the same bytes:
//   {"prev":"<base64 SHA-256 of the previous body>","seq":N,"epoch":E,"time":"…","kind":…,…}
// hash_i = SHA-256(body_i), and body_i begins with hash_{i-1}: this is hash_{i-1} ‖ canonical(record_i) with
// the previous hash written first. `prev` sits at a fixed offset so the verifier checks a link with a string
// slice instead of a JSON parse (it parses only when something looks wrong).
// Never holds anything the event schema did not accept.
import { createHash, hash } from 'node:crypto';
import type { AuditEvent, AuditRecord } from './audit-event';

/** Base64 of 32 zero bytes: the `prev` of a trail's very first record. */
export const GENESIS = Buffer.alloc(32).toString('base64');
export const PREV_AT = '{"prev":"'.length;
export const PREV_END = PREV_AT + GENESIS.length;

const EVENT_KEYS = [
  'kind', 'correlationId', 'action', 'resource', 'accountId', 'username', 'tenantId', 'environmentId',
  'decision', 'rule', 'reason', 'outcome', 'errorCode', 'durationMs', 'route', 'host', 'addresses', 'payload', 'response',
] as const satisfies readonly (keyof AuditEvent)[];

export interface Sealed {
  readonly seq: number;
  readonly epoch: number;
  readonly time: string;
  readonly event: AuditEvent;
}

/** The two nested facts with their keys in a fixed order (the caller's object may list them in any). */
function inKeyOrder(key: (typeof EVENT_KEYS)[number], value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (key === 'payload') {
    const payload = value as { sha256: string; bytes: number };
    return { sha256: payload.sha256, bytes: payload.bytes };
  }
  if (key === 'response') {
    const response = value as { status: number; bytes: number };
    return { status: response.status, bytes: response.bytes };
  }
  return value;
}

/**
 * The canonical body of a record, given the previous record's hash (base64). Written out field by field:
 * the same bytes as JSON.stringify of the ordered object (test/unit/…/append-hot-path.test.ts checks that),
 * without building that object for every append.
 */
export function canonicalBody(prev: string, sealed: Sealed): string {
  let body = `{"prev":${JSON.stringify(prev)},"seq":${JSON.stringify(sealed.seq)},"epoch":${JSON.stringify(sealed.epoch)},"time":${JSON.stringify(sealed.time)}`;
  const event = sealed.event;
  for (const key of EVENT_KEYS) {
    const value = event[key];
    if (value === undefined) continue;
    body += `,"${key}":${JSON.stringify(inKeyOrder(key, value))}`;
  }
  return `${body}}`;
}

/** SHA-256 of a body, base64 (one-shot: the verifier calls this a million times). */
export function bodyHash(body: string): string {
  return typeof hash === 'function' ? hash('sha256', body, 'base64') : createHash('sha256').update(body).digest('base64');
}

export function prevOf(body: string): string {
  return body.slice(PREV_AT, PREV_END);
}

interface StoredBody extends AuditRecord {
  readonly prev: string;
  readonly epoch: number;
}

/** Parses a stored body (throws on anything that is not one). */
export function parseBody(body: string): StoredBody {
  const parsed = JSON.parse(body) as unknown;
  if (typeof parsed !== 'object' || parsed === null) throw new Error('not a record body');
  const record = parsed as Partial<StoredBody>;
  if (typeof record.prev !== 'string' || typeof record.seq !== 'number' || typeof record.epoch !== 'number' || typeof record.time !== 'string') throw new Error('not a record body');
  return record as StoredBody;
}

/** The record a caller sees: the body without the chain's own fields. */
export function recordOf(body: string): AuditRecord {
  const { prev: _prev, epoch: _epoch, ...record } = parseBody(body);
  return record;
}

/** The seq a body claims, read at its fixed place (NaN when the body does not start as a record does). */
export function seqOf(body: string): number {
  const at = PREV_END + '","seq":'.length;
  if (!body.startsWith('","seq":', PREV_END)) return Number.NaN;
  const end = body.indexOf(',', at);
  return end < 0 ? Number.NaN : Number(body.slice(at, end));
}

/** The epoch a body claims (NaN when it has none where a record has it). */
export function epochOf(body: string): number {
  const seqEnd = body.indexOf(',', PREV_END + '","seq":'.length);
  if (seqEnd < 0 || !body.startsWith(',"epoch":', seqEnd)) return Number.NaN;
  const at = seqEnd + ',"epoch":'.length;
  const end = body.indexOf(',', at);
  return end < 0 ? Number.NaN : Number(body.slice(at, end));
}
