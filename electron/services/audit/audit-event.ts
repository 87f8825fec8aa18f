// What callers give the audit trail (AuditEvent) and what it gives back (AuditRecord, pages, filters).
// An event is checked against a strict schema before anything is written: unknown keys are refused, every
// field has a shape and a bound, so a token cannot ride along under a new name. Free text (reason, resource,
// rule, username) is additionally scrubbed by the logging service's redactor before it is stored (see
// event-scrub.ts). Records never hold a token, key, password or payload body — only a payload's hash and size.
import { z } from 'zod';

/** An action: a channel name ('workspace.models') or a system action ('audit.gap', 'policy.loaded'). */
const Action = z.string().regex(/^[a-z][A-Za-z0-9]*(?:\.[a-z][A-Za-z0-9-]*){1,3}$/);
/** 'workspace:<id>', 'app:airlock', 'audit:1-200' … : a type, a colon and an id without spaces or controls. */
const Resource = z.string().max(512).regex(/^[a-z][a-z-]{0,31}:[^\s\p{Cc}]{0,480}$/u);
const Id = z.string().max(256).regex(/^[^\p{Cc}]*$/u);
const Code = z.string().regex(/^(?!eyJ)[A-Za-z0-9_.-]{1,64}$/);
/** An IPv4 or IPv6 literal (a machine's own address), never a host name. */
const Address = z.union([z.ipv4(), z.ipv6()]);

export const AuditEventSchema = z.strictObject({
  kind: z.enum(['decision', 'outcome', 'system']),
  correlationId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
  action: Action,
  resource: Resource,
  accountId: Id.nullable(),
  username: Id.nullable(),
  tenantId: Id.nullable(),
  environmentId: Id.nullable(),
  decision: z.enum(['allow', 'deny']).optional(),
  rule: z.string().max(128).regex(/^[^\p{Cc}]*$/u).nullable().optional(),
  reason: z.string().max(1024).optional(),
  outcome: z.enum(['ok', 'error']).optional(),
  errorCode: Code.optional(),
  durationMs: z.number().nonnegative().max(86_400_000).optional(),
  route: z.enum(['none', 'direct', 'vpn', 'ssh', 'bastion']).optional(),
  host: z.enum(['electron', 'preview', 'cli', 'test']).optional(),
  addresses: z.array(Address).max(32).readonly().optional(),
  payload: z.strictObject({ sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().nonnegative() }).readonly().optional(),
  /** A response's status and size (endpoint.score's outcome): never its body. */
  response: z.strictObject({ status: z.number().int().min(100).max(599), bytes: z.number().int().nonnegative() }).readonly().optional(),
});

export type AuditEvent = Readonly<z.input<typeof AuditEventSchema>>;

export interface AuditRecord extends AuditEvent {
  readonly seq: number;
  /** ISO 8601 UTC with milliseconds, as written ('2026-05-01T08:00:00.000Z'). */
  readonly time: string;
}

/** Every field optional; all given ones must hold. `action` and `resource` may end in '*' (prefix match). */
export interface AuditFilter {
  /** Inclusive lower bound (ISO 8601 UTC). */
  readonly from?: string;
  /** Exclusive upper bound (ISO 8601 UTC). */
  readonly to?: string;
  readonly action?: string;
  /** 'ok' | 'error' match outcome records, 'allow' | 'deny' decision records. */
  readonly outcome?: 'ok' | 'error' | 'allow' | 'deny';
  /** The username, or the account id for a record without a username. */
  readonly account?: string;
  readonly resource?: string;
  readonly kind?: AuditEvent['kind'];
}

export const AuditFilterSchema = z.strictObject({
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  action: z.string().max(128).optional(),
  outcome: z.enum(['ok', 'error', 'allow', 'deny']).optional(),
  account: z.string().max(256).optional(),
  resource: z.string().max(512).optional(),
  kind: z.enum(['decision', 'outcome', 'system']).optional(),
});

/** Keyset paging, newest first: `before` a seq (older records), or `after` a seq (newer ones). */
export interface AuditPageRequest {
  readonly after?: number;
  readonly before?: number;
  readonly limit: number;
}

export interface AuditPage {
  /** Newest first. */
  readonly records: readonly AuditRecord[];
  /** Whether older records match beyond this page (ask with before: the last record's seq). */
  readonly hasOlder: boolean;
  /** Whether newer records match beyond this page (ask with after: the first record's seq). */
  readonly hasNewer: boolean;
}

export const MAX_PAGE = 1000;
