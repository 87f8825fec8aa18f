// The gate every event passes before it is written: the strict schema (unknown keys, wrong shapes and
// oversize values are refused), then the logging service's redactor over the free-text fields (reason,
// resource, rule, username and the ids), so a token a caller put into words is stored as "[redacted]".
// Redacting rather than refusing: a refused record would stop an audited action over a caller's wording,
// while the redacted record still says what happened. Never returns an event that failed the schema.
import { redactSecrets } from '../logging';
import { AuditEventSchema, type AuditEvent } from './audit-event';

const FREE_TEXT = ['reason', 'resource', 'rule', 'username', 'accountId', 'tenantId', 'environmentId'] as const;

/**
 * Values the redactor has already left unchanged (usernames, ids, resources, rule reasons repeat all day):
 * the redactor is a pure function, so such a value needs no second pass. Only unchanged values are kept — a
 * value redaction changed (a secret) is never remembered. Bounded; emptied when full.
 */
const clean = new Set<string>();
const CLEAN_MAX = 4096;

function redacted(value: string): string {
  if (clean.has(value)) return value;
  const out = redactSecrets(value);
  if (out === value) {
    if (clean.size >= CLEAN_MAX) clean.clear();
    clean.add(value);
  }
  return out;
}

/**
 * `type:/subscriptions/<guid>/resourceGroups/<name>/providers/Microsoft.MachineLearningServices/workspaces/<name>…`:
 * an Azure ML resource id. Its path as a whole looks like a long opaque run to the redactor (letters, digits and
 * slashes), so such an id is redacted a segment at a time — it is not a secret, but a token put into any one
 * segment still is. Only the exact shape qualifies: after the provider, known resource types alternating with
 * names of ARM's characters, so a base64 secret with '/' in it cannot pass as segments (it is redacted whole).
 * (A single name of 40 or more opaque characters is still redacted: the safe side.)
 */
const ARM_TYPES = 'workspaces|models|versions|onlineEndpoints|deployments|batchEndpoints|computes|datastores|environments|jobs|codes|components|data';
const ARM_RESOURCE = new RegExp(
  String.raw`^([a-z][a-z-]{0,31}:)(/subscriptions/[0-9a-f-]{36}/resourceGroups/[\w.()-]{1,90}/providers/Microsoft\.MachineLearningServices(?:/(?:${ARM_TYPES})/[A-Za-z0-9][\w.()-]{0,254})+)$`,
  'i',
);

function redactedResource(value: string): string {
  const arm = ARM_RESOURCE.exec(value);
  if (!arm) return redacted(value);
  return arm[1]! + arm[2]!.split('/').map((segment) => (segment === '' ? segment : redacted(segment))).join('/');
}

/** The event as it will be stored, or null when it does not fit the schema. */
export function scrubEvent(event: unknown): AuditEvent | null {
  const parsed = AuditEventSchema.safeParse(event);
  if (!parsed.success) return null;
  let scrubbed: Record<string, unknown> | null = null;
  for (const key of FREE_TEXT) {
    const value = parsed.data[key];
    if (typeof value !== 'string') continue;
    const out = key === 'resource' ? redactedResource(value) : redacted(value);
    if (out !== value) {
      scrubbed ??= { ...parsed.data };
      scrubbed[key] = out;
    }
  }
  if (!scrubbed) return parsed.data;
  // A redaction may change a value's shape (resource keeps its 'type:' prefix; the rest is text): re-check.
  const again = AuditEventSchema.safeParse(scrubbed);
  return again.success ? again.data : null;
}
