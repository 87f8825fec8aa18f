// How named values (Windows registry values, macOS managed-preference keys) map onto the policy document:
// one value per top-level setting — what Group Policy (ADMX, issue 12) and MDM profiles set — with the
// retention periods and blocked anomalies as values of their own, and Rules, Routes, Forwarding as
// structures. Builds the document and a locator that names the value (and, for JSON text, the line in it).
// Unknown names are refused: a misspelt value must not be silently ignored.
import type { JsonPath } from '../document/json-text';
import type { PolicyLocator, PolicyProblem } from '../document/policy-problem';

export type ValueKind = 'number' | 'boolean' | 'text' | 'list' | 'structure';

export const MANAGED_VALUES: readonly { readonly name: string; readonly path: JsonPath; readonly kind: ValueKind }[] = [
  { name: 'Version', path: ['version'], kind: 'number' },
  { name: 'Environments', path: ['environments'], kind: 'list' },
  { name: 'Tenants', path: ['tenants'], kind: 'list' },
  { name: 'IdleLockMinutes', path: ['idleLockMinutes'], kind: 'number' },
  { name: 'MaxPayloadBytes', path: ['maxPayloadBytes'], kind: 'number' },
  { name: 'EndpointAuthModes', path: ['endpointAuthModes'], kind: 'list' },
  { name: 'Routes', path: ['routes'], kind: 'structure' },
  { name: 'LocalForwards', path: ['localForwards'], kind: 'boolean' },
  { name: 'HostKeyFirstUse', path: ['hostKeyFirstUse'], kind: 'boolean' },
  { name: 'AuditRetentionDays', path: ['retention', 'auditDays'], kind: 'number' },
  { name: 'HistoryRetentionDays', path: ['retention', 'historyDays'], kind: 'number' },
  { name: 'Forwarding', path: ['forwarding'], kind: 'structure' },
  { name: 'AnomaliesBlock', path: ['anomalies', 'block'], kind: 'list' },
  { name: 'UpdatesEnabled', path: ['updates', 'enabled'], kind: 'boolean' },
  { name: 'UpdateChannel', path: ['updates', 'channel'], kind: 'text' },
  { name: 'UpdateFeedUrl', path: ['updates', 'feedUrl'], kind: 'text' },
  { name: 'Rules', path: ['rules'], kind: 'structure' },
];

export const MANAGED_VALUE_NAMES = MANAGED_VALUES.map((v) => v.name);

/** A value read and converted; `inside` locates within JSON text (registry structures). */
export interface ManagedEntry {
  readonly name: string;
  readonly value: unknown;
  /** What a problem in this value names: `<key>\Rules`, `<plist>, key Rules`. */
  readonly file: string;
  readonly inside?: PolicyLocator;
}

export function definitionOf(name: string): (typeof MANAGED_VALUES)[number] | undefined {
  return MANAGED_VALUES.find((v) => v.name.toLowerCase() === name.toLowerCase());
}

/** `what` is 'value' (registry) or 'key' (managed preferences). */
export function unknownValueProblem(file: string, name: string, what: 'value' | 'key'): PolicyProblem {
  return { file, line: null, message: `unknown ${what} '${name.slice(0, 64)}' (Airlock reads ${MANAGED_VALUE_NAMES.join(', ')})` };
}

/** The document the entries stand for (version 1 when not set), and where each part of it came from. */
export function documentOf(entries: readonly ManagedEntry[], base: string): { value: Record<string, unknown>; locate: PolicyLocator } {
  const value: Record<string, unknown> = { version: 1 };
  const placed: { path: JsonPath; entry: ManagedEntry }[] = [];
  for (const entry of entries) {
    const path = (definitionOf(entry.name) as (typeof MANAGED_VALUES)[number]).path;
    let node = value;
    for (const step of path.slice(0, -1)) node = (node[step] ??= {}) as Record<string, unknown>;
    node[path[path.length - 1] as string] = entry.value;
    placed.push({ path, entry });
  }
  const locate: PolicyLocator = (path, at) => {
    const found = placed.find((p) => p.path.every((step, i) => path[i] === step));
    if (!found) return { file: base, line: null };
    return found.entry.inside ? found.entry.inside(path.slice(found.path.length), at) : { file: found.entry.file, line: null };
  };
  return { value, locate };
}
