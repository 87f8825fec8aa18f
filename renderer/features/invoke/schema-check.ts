// Checks a payload against the request schema in the renderer, for the editor's inline marks while typing.
// Why not ajv here: ajv compiles a schema with new Function, which the renderer's CSP (script-src 'self', no
// 'unsafe-eval') forbids — and it must stay forbidden. So the editor interprets the common keywords itself
// (type, required, properties, additionalProperties, items, enum, const, bounds, pattern); main's ajv check
// (endpoint.score → E_PAYLOAD_INVALID) stays the authority, and its pointer is marked the same way.
import { pointerOf } from './json-positions';
import { isSchema, resolveRef, type JsonSchema } from './payload-schema';

export interface SchemaProblem {
  /** JSON pointer to the value that breaks the rule ('' for the whole body). */
  readonly pointer: string;
  /** The rule, with ajv's keyword names so both checks read the same. */
  readonly keyword: string;
  readonly message: string;
}

const MAX_PROBLEMS = 100;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(value: unknown, wanted: string): boolean {
  const actual = typeOf(value);
  return actual === wanted || (wanted === 'number' && actual === 'integer');
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function checkPayload(root: JsonSchema, value: unknown): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const add = (path: (string | number)[], keyword: string, message: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ pointer: pointerOf(path), keyword, message });
  };
  const walk = (raw: JsonSchema, v: unknown, path: (string | number)[], depth: number) => {
    if (depth > 64 || problems.length >= MAX_PROBLEMS) return;
    const s = resolveRef(root, raw);
    const type = s['type'];
    const types = typeof type === 'string' ? [type] : Array.isArray(type) ? type.filter((t): t is string => typeof t === 'string') : [];
    if (types.length > 0 && !types.some((t) => typeMatches(v, t))) {
      add(path, 'type', `must be ${types.join(' or ')}, not ${typeOf(v)}`);
      return;
    }
    if (Array.isArray(s['enum']) && !s['enum'].some((e) => same(e, v))) add(path, 'enum', `must be one of ${s['enum'].slice(0, 10).map((e) => JSON.stringify(e)).join(', ')}`);
    if ('const' in s && !same(s['const'], v)) add(path, 'const', `must be ${JSON.stringify(s['const'])}`);
    if (typeof v === 'number') {
      if (typeof s['minimum'] === 'number' && v < s['minimum']) add(path, 'minimum', `must be at least ${s['minimum']}`);
      if (typeof s['maximum'] === 'number' && v > s['maximum']) add(path, 'maximum', `must be at most ${s['maximum']}`);
    }
    if (typeof v === 'string') {
      if (typeof s['minLength'] === 'number' && [...v].length < s['minLength']) add(path, 'minLength', `must have at least ${s['minLength']} characters`);
      if (typeof s['maxLength'] === 'number' && [...v].length > s['maxLength']) add(path, 'maxLength', `must have at most ${s['maxLength']} characters`);
      if (typeof s['pattern'] === 'string') {
        try {
          if (!new RegExp(s['pattern'], 'u').test(v)) add(path, 'pattern', 'does not match the expected pattern');
        } catch {
          // A pattern this engine cannot read: main's ajv decides.
        }
      }
    }
    if (Array.isArray(v)) {
      if (typeof s['minItems'] === 'number' && v.length < s['minItems']) add(path, 'minItems', `must have at least ${s['minItems']} items`);
      if (typeof s['maxItems'] === 'number' && v.length > s['maxItems']) add(path, 'maxItems', `must have at most ${s['maxItems']} items`);
      const items = s['items'];
      v.forEach((item, i) => {
        const sub: unknown = Array.isArray(items) ? (items as unknown[])[i] : items;
        if (isSchema(sub)) walk(sub, item, [...path, i], depth + 1);
      });
    }
    if (typeOf(v) === 'object') {
      const obj = v as Record<string, unknown>;
      const props = isSchema(s['properties']) ? s['properties'] : {};
      if (Array.isArray(s['required'])) {
        for (const name of s['required']) if (typeof name === 'string' && !Object.hasOwn(obj, name)) add(path, 'required', `needs the property "${name.slice(0, 100)}"`);
      }
      for (const [name, child] of Object.entries(obj)) {
        const sub = props[name];
        if (isSchema(sub)) walk(sub, child, [...path, name], depth + 1);
        else if (s['additionalProperties'] === false) add([...path, name], 'additionalProperties', `"${name.slice(0, 100)}" is not a property the deployment knows`);
        else if (isSchema(s['additionalProperties'])) walk(s['additionalProperties'], child, [...path, name], depth + 1);
      }
    }
  };
  walk(root, value, [], 0);
  return problems;
}

/** Parse then check: a syntax error is one problem at the whole body (CodeMirror's JSON linter marks where). */
export function checkPayloadText(root: JsonSchema | null, text: string): SchemaProblem[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [{ pointer: '', keyword: 'not-json', message: 'is not JSON' }];
  }
  return root ? checkPayload(root, value) : [];
}
