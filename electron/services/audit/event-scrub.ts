// The gate every event passes before it is written: the strict schema (unknown keys, wrong shapes and
// oversize values are refused), then the logging service's redactor over the free-text fields (reason,
// resource, rule, username and the ids), so a token a caller put into words is stored as "[redacted]".
// Redacting rather than refusing: a refused record would stop an audited action over a caller's wording,
// while the redacted record still says what happened. Never returns an event that failed the schema.
import { redactSecrets } from '../logging';
import { AuditEventSchema, type AuditEvent } from './audit-event';

const FREE_TEXT = ['reason', 'resource', 'rule', 'username', 'accountId', 'tenantId', 'environmentId'] as const;

/** The event as it will be stored, or null when it does not fit the schema. */
export function scrubEvent(event: unknown): AuditEvent | null {
  const parsed = AuditEventSchema.safeParse(event);
  if (!parsed.success) return null;
  const scrubbed: Record<string, unknown> = { ...parsed.data };
  let changed = false;
  for (const key of FREE_TEXT) {
    const value = scrubbed[key];
    if (typeof value !== 'string') continue;
    const redacted = redactSecrets(value);
    if (redacted !== value) {
      scrubbed[key] = redacted;
      changed = true;
    }
  }
  if (!changed) return parsed.data;
  // A redaction may change a value's shape (resource keeps its 'type:' prefix; the rest is text): re-check.
  const again = AuditEventSchema.safeParse(scrubbed);
  return again.success ? again.data : null;
}
