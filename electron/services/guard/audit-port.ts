// What the guard needs of the audit trail: append one event, durably, before the call goes on. The audit
// service (electron/services/audit, its face) satisfies this shape. Events hold ids, names and facts only —
// never a token, a key, a password or a request or response body.

export interface AuditEvent {
  readonly kind: 'decision' | 'outcome' | 'system';
  readonly correlationId: string;
  /** The channel name, or a system action ('policy.loaded', ...). */
  readonly action: string;
  /** `type:id`, e.g. 'workspace:<id>', 'app:airlock'. */
  readonly resource: string;
  readonly accountId: string | null;
  readonly username: string | null;
  readonly tenantId: string | null;
  readonly environmentId: string | null;
  readonly decision?: 'allow' | 'deny';
  readonly rule?: string | null;
  readonly reason?: string;
  readonly outcome?: 'ok' | 'error';
  readonly errorCode?: string;
  readonly durationMs?: number;
  readonly route?: string;
  readonly host?: string;
  readonly addresses?: readonly string[];
  /** The request body's SHA-256 (hex) and size: never the body. */
  readonly payload?: { readonly sha256: string; readonly bytes: number };
  /** The response's HTTP status and size: never the body. */
  readonly response?: { readonly status: number; readonly bytes: number };
}

export interface AuditAppender {
  /** Resolves once the record is durable; rejects (E_AUDIT_UNAVAILABLE) when it cannot be recorded. */
  append(event: AuditEvent): Promise<{ seq: number }>;
}
