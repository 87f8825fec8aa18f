// The invoke panel's pure logic: where a JSON pointer is in the text (to mark it), where the cursor is (to
// complete property names from the schema), the eval-free schema check, and the size check against the limit.
import { describe, expect, it } from 'vitest';
import { placeAt, pointerOf, spanOfPointer } from '../../../../renderer/features/invoke/json-positions';
import { parseSchema, propertyOptions, schemaAt } from '../../../../renderer/features/invoke/payload-schema';
import { checkSize, formatBytes, sizeWords, utf8Bytes } from '../../../../renderer/features/invoke/payload-size';
import { checkPayloadText } from '../../../../renderer/features/invoke/schema-check';
import { prettyBody, timingPhases } from '../../../../renderer/features/invoke/response-display';

const SCHEMA = parseSchema(
  JSON.stringify({
    type: 'object',
    required: ['input_data'],
    additionalProperties: false,
    definitions: { Row: { type: 'object', required: ['age'], properties: { age: { type: 'integer', minimum: 18, description: 'Years' }, 'a/b': { type: 'string' }, region: { enum: ['north', 'south'] } } } },
    properties: { input_data: { type: 'array', minItems: 1, items: { $ref: '#/definitions/Row' } }, params: { type: 'object' } },
  }),
)!;

describe('json positions', () => {
  const text = '{\n  "input_data": [\n    { "age": "forty", "a/b": 1 }\n  ]\n}';
  it('finds the span of a pointer (key through value), with ~1 escapes', () => {
    const age = spanOfPointer(text, '/input_data/0/age')!;
    expect(text.slice(age.from, age.to)).toBe('"age": "forty"');
    const ab = spanOfPointer(text, pointerOf(['input_data', 0, 'a/b']))!;
    expect(text.slice(ab.from, ab.to)).toBe('"a/b": 1');
  });
  it('falls back to the nearest parent for a pointer that is not there (a missing required property)', () => {
    const row = spanOfPointer(text, '/input_data/0/income')!;
    expect(text.slice(row.from, row.to)).toBe('{ "age": "forty", "a/b": 1 }');
    expect(spanOfPointer(text, '')).toEqual({ from: 0, to: text.length });
  });
  it('knows where a property name goes, and the path of the object, in unfinished text', () => {
    expect(placeAt('{"input_data": [{', 17)).toEqual({ path: ['input_data', '0'], atKey: true, from: 17 });
    expect(placeAt('{"input_data": [{"ag', 20)).toEqual({ path: ['input_data', '0'], atKey: true, from: 17 });
    expect(placeAt('{"a": ', 6)?.atKey).toBe(false);
    expect(placeAt('{"a": 1, ', 9)).toEqual({ path: [], atKey: true, from: 9 });
    expect(placeAt('', 0)).toBeNull();
  });
});

describe('schema completion source', () => {
  it('offers the properties of the object at the path, required first, following $ref through array items', () => {
    expect(propertyOptions(SCHEMA, []).map((o) => o.name)).toEqual(['input_data', 'params']);
    const row = propertyOptions(SCHEMA, ['input_data', '0']);
    expect(row.map((o) => [o.name, o.required])).toEqual([
      ['age', true],
      ['a/b', false],
      ['region', false],
    ]);
    expect(row[0]!.detail).toBe('integer — Years');
    expect(propertyOptions(SCHEMA, ['nowhere'])).toEqual([]);
    expect(schemaAt(SCHEMA, ['input_data'])?.['type']).toBe('array');
  });
  it('treats a schema that is not an object as none', () => {
    expect(parseSchema('[1]')).toBeNull();
    expect(parseSchema('not json')).toBeNull();
    expect(parseSchema(null)).toBeNull();
  });
});

describe('schema check (the editor marks; main has the last word with ajv)', () => {
  it('passes a good body', () => {
    expect(checkPayloadText(SCHEMA, '{"input_data": [{"age": 42, "region": "north"}]}')).toEqual([]);
  });
  it('names each place with a pointer and ajv keyword', () => {
    const problems = checkPayloadText(SCHEMA, '{"input_data": [{"age": "x"}, {"age": 12, "region": "west"}], "extra": 1}');
    expect(problems.map((p) => [p.pointer, p.keyword])).toEqual([
      ['/input_data/0/age', 'type'],
      ['/input_data/1/age', 'minimum'],
      ['/input_data/1/region', 'enum'],
      ['/extra', 'additionalProperties'],
    ]);
    expect(checkPayloadText(SCHEMA, '{}')).toEqual([{ pointer: '', keyword: 'required', message: 'needs the property "input_data"' }]);
    expect(checkPayloadText(SCHEMA, '{"input_data": []}')[0]?.keyword).toBe('minItems');
  });
  it('calls text that is not JSON one problem, and checks only syntax without a schema', () => {
    expect(checkPayloadText(SCHEMA, '{"a":')[0]?.keyword).toBe('not-json');
    expect(checkPayloadText(null, '{"anything": true}')).toEqual([]);
  });
});

describe('size check', () => {
  it('counts UTF-8 bytes as main does and compares with the limit', () => {
    expect(utf8Bytes('{"name":"é"}')).toBe(13);
    expect(checkSize(1025, 1024)).toEqual({ bytes: 1025, limitBytes: 1024, over: true });
    expect(checkSize(1024, 1024).over).toBe(false);
    expect(sizeWords(checkSize(2048, 1_048_576))).toBe('2.0 KB of 1.0 MB');
    expect(sizeWords(checkSize(5_000_000, 1_048_576))).toBe('4.8 MB of 1.0 MB — over the limit');
    expect(formatBytes(12)).toBe('12 B');
  });
});

describe('response display', () => {
  it('pretty-prints JSON and leaves other text as text without control characters', () => {
    expect(prettyBody('{"a":[1]}')).toEqual({ text: '{\n  "a": [\n    1\n  ]\n}', json: true });
    expect(prettyBody('oops\u0007 <b>').json).toBe(false);
    expect(prettyBody('oops\u0007 <b>').text).not.toContain('\u0007');
    // JSON.stringify leaves a right-to-left override and C1 controls as they are: they must not reach the screen raw.
    expect(prettyBody('{"a":"\u202etxt.exe\u009b"}').text).toBe('{\n  "a": "[U+202E]txt.exe"\n}');
  });
  it('shows only the phases that happened, as shares of the total', () => {
    const phases = timingPhases({ dnsMs: null, connectMs: null, tlsMs: null, ttfbMs: 75, downloadMs: 25, totalMs: 100 });
    expect(phases.map((p) => [p.key, p.percent])).toEqual([
      ['ttfb', 75],
      ['download', 25],
    ]);
  });
});
