// Resource patterns in rules: `<type>:<id>` where type is one of the contract's resource types and id is an
// exact id, `*` (any of that type) or a pattern with `*` wildcards (`workspace:/subscriptions/abc/*`).
// Matching happens in Cedar; this only checks and splits what the admin wrote.
import { RESOURCE_TYPES, type ResourceType } from '../../../../shared/contract/resource';
import type { ResourcePattern } from './policy-document';

export type ParsedPattern = { ok: true; pattern: ResourcePattern } | { ok: false; message: string };

// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

export function parseResourcePattern(text: string): ParsedPattern {
  const colon = text.indexOf(':');
  const type = colon < 0 ? text : text.slice(0, colon);
  const id = colon < 0 ? '' : text.slice(colon + 1);
  const shown = text.slice(0, 64);
  if (!(RESOURCE_TYPES as readonly string[]).includes(type)) {
    return { ok: false, message: `resource '${shown}' must start with a resource type (${RESOURCE_TYPES.join(', ')}) and a colon, like workspace:*` };
  }
  if (id.length === 0) return { ok: false, message: `resource '${shown}' has no id after the colon; write ${type}:* for any ${type}` };
  if (CONTROL.test(id)) return { ok: false, message: `resource '${shown}' holds a control character` };
  // Backslashes and quotes: no resource id has them, and in a Cedar `like` pattern a backslash escapes `*`.
  if (/["\\]/.test(id)) return { ok: false, message: `resource '${shown}' holds a quote or backslash, which no resource id has` };
  return { ok: true, pattern: { type: type as ResourceType, id } };
}

/** `workspace:abc` as a resource (for `airlock policy explain --resource`); null with words when it is not one. */
export function parseResourceName(text: string): { ok: true; resource: { type: ResourceType; id: string } } | { ok: false; message: string } {
  const parsed = parseResourcePattern(text);
  return parsed.ok ? { ok: true, resource: { type: parsed.pattern.type, id: parsed.pattern.id } } : parsed;
}
