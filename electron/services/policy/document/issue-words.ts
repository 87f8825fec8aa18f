// Turns a schema issue into plain words an admin can act on: what is wrong, where (by rule id when it is in a
// rule), and what would be right. Quotes only keys and short values from the admin's own file.
import type { z } from 'zod';
import { CONDITION_NAMES } from './document-schema';
import type { JsonPath } from './json-text';

const KIND_WORDS: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value)',
  literal: 'a fixed value',
};

export function kindOf(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a whole number' : 'a number';
  if (typeof value === 'boolean') return 'true or false';
  return typeof value;
}

export function valueAt(root: unknown, path: JsonPath): unknown {
  let node = root;
  for (const step of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, step)) return undefined;
    node = (node as Record<string | number, unknown>)[step];
  }
  return node;
}

/** `rule 'browse': conditions.time_window` or `retention.auditDays`. */
export function placeOf(root: unknown, path: JsonPath): string {
  if (path[0] === 'rules' && typeof path[1] === 'number') {
    const id = valueAt(root, ['rules', path[1], 'id']);
    const rule = typeof id === 'string' && id.length <= 64 ? `rule '${id}'` : `rule ${path[1] + 1}`;
    const rest = dotted(path.slice(2));
    return rest ? `${rule}: ${rest}` : rule;
  }
  return dotted(path) || 'the document';
}

function dotted(path: JsonPath): string {
  return path.map((step, i) => (typeof step === 'number' ? `[${step}]` : i === 0 ? step : `.${step}`)).join('');
}

function unknownKeyWords(root: unknown, path: JsonPath, key: string): string {
  const last = path[path.length - 1];
  if (path.length === 0) return `unknown setting '${key}'`;
  if (last === 'conditions') return `${placeOf(root, path.slice(0, -1))}: unknown condition '${key}' (Airlock knows ${CONDITION_NAMES.join(', ')})`;
  if (path.length === 2 && path[0] === 'rules') return `${placeOf(root, path)}: unknown field '${key}' (a rule has id, effect, actions, resources, conditions, reason)`;
  return `unknown key '${key}' in ${placeOf(root, path)}`;
}

/** One problem per issue; unrecognized keys give one each, placed at the key itself. */
export function issueWords(root: unknown, issue: z.core.$ZodIssue): { path: JsonPath; at: 'key' | 'value'; message: string; missing?: boolean }[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const place = placeOf(root, path);
  const value = valueAt(root, path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ path: [...path, key], at: 'key' as const, message: unknownKeyWords(root, path, key) }));
    case 'invalid_type':
      if (value === undefined) return [{ path, at: 'value', message: `${place} is missing`, missing: true }];
      if (path[path.length - 1] === 'time_window' && typeof value === 'string') {
        return [{ path, at: 'value', message: `${place} must spell out days, from, to and timezone; a name like '${value.slice(0, 32)}' has no defined hours` }];
      }
      return [{ path, at: 'value', message: `${place} must be ${KIND_WORDS[issue.expected] ?? issue.expected}, not ${kindOf(value)}` }];
    case 'invalid_value': {
      if (value === undefined) return [{ path, at: 'value', message: `${place} is missing${path.join() === 'version' ? ': write version: 1' : ''}`, missing: true }];
      const allowed = issue.values.map(String).join(', ');
      return [{ path, at: 'value', message: `${place} must be ${issue.values.length === 1 ? allowed : `one of ${allowed}`}` }];
    }
    case 'invalid_union':
      return [{ path, at: 'value', message: `${place} is not one of the forms it can take (see docs/technical/policy.md)` }];
    case 'too_small':
      if (issue.origin === 'array') return [{ path, at: 'value', message: `${place} must list at least ${String(issue.minimum)}` }];
      if (issue.origin === 'string') return [{ path, at: 'value', message: `${place} must not be empty` }];
      return [{ path, at: 'value', message: `${place} must be at least ${String(issue.minimum)}` }];
    case 'too_big':
      if (issue.origin === 'array') return [{ path, at: 'value', message: `${place} may list at most ${String(issue.maximum)}` }];
      if (issue.origin === 'string') return [{ path, at: 'value', message: `${place} is longer than ${String(issue.maximum)} characters` }];
      return [{ path, at: 'value', message: `${place} must be at most ${String(issue.maximum)}` }];
    default:
      return [{ path, at: 'value', message: `${place} is not valid` }];
  }
}
