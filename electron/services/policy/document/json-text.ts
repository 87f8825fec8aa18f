// A strict JSON reader (RFC 8259) that also remembers where every key and value starts, so a schema problem
// can name its line, and that refuses what JSON.parse lets through silently: a key given twice (JSON.parse
// keeps the last) and nesting deeper than the policy ever needs. Strings and numbers are decoded by
// JSON.parse itself on their exact source slice, so values mean exactly what they mean in JSON.
// Must never recurse without a depth bound.

export const MAX_NESTING = 32;

export type JsonPath = readonly (string | number)[];

export interface JsonPositions {
  /** Offset of the value at `path`, or of its key when `at` is 'key'; null when the path is not there. */
  readonly offsetOf: (path: JsonPath, at: 'key' | 'value') => number | null;
}

export type JsonReadResult = { ok: true; value: unknown; positions: JsonPositions } | { ok: false; offset: number; message: string };

class JsonSyntax extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
// eslint-disable-next-line no-control-regex -- JSON forbids raw control characters in strings; this finds them
const STRING_BODY = /(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

export function readJsonText(text: string): JsonReadResult {
  const keys = new Map<string, number>();
  const values = new Map<string, number>();
  let at = 0;

  function space(): void {
    while (at < text.length) {
      const c = text.charCodeAt(at);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return;
      at++;
    }
  }

  function describe(): string {
    if (at >= text.length) return 'the file ends too early';
    return `unexpected ${JSON.stringify(text.slice(at, at + 1))}`;
  }

  function string(): string {
    const start = at;
    STRING_BODY.lastIndex = at + 1;
    if (!STRING_BODY.test(text)) throw new JsonSyntax(start, 'a text value is not closed or holds a character JSON does not allow');
    at = STRING_BODY.lastIndex;
    return JSON.parse(text.slice(start, at)) as string;
  }

  function value(path: JsonPath, depth: number): unknown {
    space();
    values.set(JSON.stringify(path), at);
    const c = text[at];
    if (c === '{' || c === '[') {
      if (depth >= MAX_NESTING) throw new JsonSyntax(at, `the document is nested more than ${MAX_NESTING} levels deep`);
      return c === '{' ? object(path, depth + 1) : array(path, depth + 1);
    }
    if (c === '"') return string();
    for (const [word, literal] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return literal;
      }
    }
    NUMBER.lastIndex = at;
    if (NUMBER.test(text)) {
      const start = at;
      at = NUMBER.lastIndex;
      return JSON.parse(text.slice(start, at)) as number;
    }
    throw new JsonSyntax(at, `${describe()} where a value should be`);
  }

  function object(path: JsonPath, depth: number): Record<string, unknown> {
    at++;
    const result: Record<string, unknown> = {};
    const seen = new Set<string>();
    space();
    if (text[at] === '}') {
      at++;
      return result;
    }
    for (;;) {
      space();
      if (text[at] !== '"') throw new JsonSyntax(at, `${describe()} where a key in double quotes should be`);
      const keyAt = at;
      const key = string();
      if (seen.has(key)) throw new JsonSyntax(keyAt, `the key '${key}' appears twice in the same object`);
      seen.add(key);
      keys.set(JSON.stringify([...path, key]), keyAt);
      space();
      if (text[at] !== ':') throw new JsonSyntax(at, `${describe()} where ':' should follow a key`);
      at++;
      // defineProperty: a key named __proto__ must stay a plain key, never change the object's prototype.
      Object.defineProperty(result, key, { value: value([...path, key], depth), enumerable: true, writable: true, configurable: true });
      space();
      if (text[at] === ',') {
        at++;
        continue;
      }
      if (text[at] === '}') {
        at++;
        return result;
      }
      throw new JsonSyntax(at, `${describe()} where ',' or '}' should be`);
    }
  }

  function array(path: JsonPath, depth: number): unknown[] {
    at++;
    const result: unknown[] = [];
    space();
    if (text[at] === ']') {
      at++;
      return result;
    }
    for (;;) {
      result.push(value([...path, result.length], depth));
      space();
      if (text[at] === ',') {
        at++;
        continue;
      }
      if (text[at] === ']') {
        at++;
        return result;
      }
      throw new JsonSyntax(at, `${describe()} where ',' or ']' should be`);
    }
  }

  try {
    if (text.charCodeAt(0) === 0xfeff) at = 1;
    const parsed = value([], 0);
    space();
    if (at < text.length) throw new JsonSyntax(at, 'there is more text after the JSON document ends');
    return {
      ok: true,
      value: parsed,
      positions: { offsetOf: (path, where) => (where === 'key' ? keys : values).get(JSON.stringify(path)) ?? null },
    };
  } catch (error) {
    if (error instanceof JsonSyntax) return { ok: false, offset: error.offset, message: error.message };
    throw error;
  }
}
