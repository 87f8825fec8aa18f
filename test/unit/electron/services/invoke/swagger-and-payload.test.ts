import { describe, expect, it } from 'vitest';
import { checkSizeAndJson, createSchemaChecker } from '../../../../../electron/services/invoke/payload-check';
import { requestFromSwagger, safePattern } from '../../../../../electron/services/invoke/swagger-schema';
import { AirlockError } from '../../../../../shared/errors/airlock-error';
import { detailsFit } from '../../../../../shared/errors/details';

/** The shape the sandbox (and Azure ML's inference server) serves: OpenAPI 2, body schema by $ref, example on it. */
function swagger2(input: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    swagger: '2.0',
    paths: { '/score': { post: { parameters: [{ name: 'serviceInputPayload', in: 'body', schema: { $ref: '#/definitions/ServiceInput' } }, { name: 'azureml-model-deployment', in: 'header', type: 'string' }] } } },
    definitions: { ServiceInput: input, ...extra },
  });
}

const creditInput = {
  type: 'object',
  required: ['input_data'],
  properties: { input_data: { type: 'object', required: ['columns', 'data'], properties: { columns: { type: 'array', items: { type: 'string' } }, data: { type: 'array', items: { type: 'array', items: { type: 'number' } } } } } },
  example: { input_data: { columns: ['age'], data: [[35]] } },
  'x-ms-whatever': { $ref: 'https://evil.test/schema.json' },
};

function thrown(fn: () => unknown): AirlockError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AirlockError) return error;
    throw error;
  }
  throw new Error('did not throw');
}

describe('request schema from swagger', () => {
  it('takes the body schema with its definitions, and the example as a sample', () => {
    const read = requestFromSwagger(swagger2(creditInput), '/score');
    expect(read.problem).toBeNull();
    expect(read.schema).toEqual({
      $ref: '#/definitions/ServiceInput',
      definitions: { ServiceInput: { type: 'object', required: ['input_data'], properties: creditInput.properties } },
    });
    expect(read.samples).toEqual([{ name: 'example', payload: JSON.stringify(creditInput.example, null, 2) }]);
  });

  it('reads OpenAPI 3 (requestBody, components.schemas, named examples)', () => {
    const doc = {
      openapi: '3.0.1',
      paths: { '/score': { post: { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/In' }, examples: { small: { value: { data: [1] } } } } } } } } },
      components: { schemas: { In: { type: 'object', properties: { data: { type: 'array', nullable: true } } } } },
    };
    const read = requestFromSwagger(JSON.stringify(doc), '/score');
    expect(read.schema).toEqual({ $ref: '#/definitions/In', definitions: { In: { type: 'object', properties: { data: { type: 'array', nullable: true } } } } });
    expect(read.samples.map((s) => s.name)).toEqual(['small']);
  });

  it('keeps a $ref loop a loop (each definition once) and ajv checks through it', () => {
    const node = { type: 'object', properties: { value: { type: 'number' }, next: { $ref: '#/definitions/Node' } } };
    const read = requestFromSwagger(swagger2({ $ref: '#/definitions/Node' }, { Node: node }), '/score');
    expect(read.problem).toBeNull();
    const checker = createSchemaChecker();
    expect(checker.check(JSON.stringify(read.schema), { value: 1, next: { value: 2, next: { value: 3 } } })).toBe(true);
    expect(thrown(() => checker.check(JSON.stringify(read.schema), { value: 1, next: { next: { value: 'x' } } })).details).toMatchObject({ pointer: '/next/next/value', keyword: 'type' });
  });

  it('refuses a schema past its budget (huge or deeply nested) instead of using it', () => {
    const wide = { type: 'object', properties: Object.fromEntries(Array.from({ length: 30_000 }, (_, i) => [`p${i}`, { type: 'number' }])) };
    expect(requestFromSwagger(swagger2(wide), '/score')).toMatchObject({ schema: null, problem: 'too-large' });
    let deep: Record<string, unknown> = { type: 'number' };
    for (let i = 0; i < 200; i += 1) deep = { type: 'array', items: deep };
    expect(requestFromSwagger(swagger2(deep), '/score')).toMatchObject({ schema: null, problem: 'too-large' });
  });

  it('drops external refs, ids, vendor keys and backtracking patterns; converts draft-4 exclusive bounds', () => {
    const hostile = {
      $id: 'https://evil.test/x',
      type: 'object',
      properties: {
        a: { $ref: 'https://evil.test/remote.json' },
        b: { type: 'string', pattern: '^(a+)+$' },
        c: { type: 'string', pattern: '^[a-z]{1,8}$' },
        d: { type: 'number', maximum: 10, exclusiveMaximum: true },
        id: { type: 'string' },
      },
      patternProperties: { '(x*)*': { type: 'number' } },
      'x-evil': 1,
    };
    const read = requestFromSwagger(swagger2(hostile), '/score');
    expect(read.schema!['definitions']).toEqual({
      ServiceInput: {
        type: 'object',
        properties: { a: {}, b: { type: 'string' }, c: { type: 'string', pattern: '^[a-z]{1,8}$' }, d: { type: 'number', exclusiveMaximum: 10 }, id: { type: 'string' } },
        patternProperties: {},
      },
    });
  });

  it('answers no schema for a document without a body, or not JSON', () => {
    expect(requestFromSwagger(JSON.stringify({ swagger: '2.0', paths: {} }), '/score').problem).toBe('no-body-schema');
    expect(requestFromSwagger('<html>', '/score').problem).toBe('not-json');
  });

  it('tells safe patterns from catastrophic ones', () => {
    expect(safePattern('^[A-Za-z0-9-]{3,32}$')).toBe(true);
    for (const bad of ['(a+)+', '(a|aa)*b', '(\\w+)\\1', '([a-z]*)*$', 'x'.repeat(300), '[']) expect(safePattern(bad)).toBe(false);
  });
});

describe('payload checks', () => {
  it('refuses a body over the policy limit before parsing it', () => {
    const error = thrown(() => checkSizeAndJson('{"a":"' + 'é'.repeat(10) + '"}', 20));
    expect(error.code).toBe('E_PAYLOAD_TOO_LARGE');
    expect(error.details).toEqual({ bytes: 28, limitBytes: 20 });
    expect(detailsFit('E_PAYLOAD_TOO_LARGE', error.details)).toBe(true);
  });

  it('refuses text that is not JSON', () => {
    const error = thrown(() => checkSizeAndJson('{"input_data": [1, 2,', 1000));
    expect(error.code).toBe('E_PAYLOAD_INVALID');
    expect(error.details).toEqual({ reason: 'not-json' });
  });

  it('names the first place and rule a body breaks, how many in all, and never a value', () => {
    const schema = JSON.stringify(requestFromSwagger(swagger2(creditInput), '/score').schema);
    const checker = createSchemaChecker();
    const secretish = 'SSN-123-45-6789';
    const error = thrown(() => checker.check(schema, { input_data: { columns: [secretish, 7], data: [[1, secretish]] } }));
    expect(error.code).toBe('E_PAYLOAD_INVALID');
    expect(error.details).toEqual({ pointer: '/input_data/columns/1', keyword: 'type', problems: 2, reason: 'schema' });
    expect(detailsFit('E_PAYLOAD_INVALID', error.details)).toBe(true);
    expect(JSON.stringify(error.toShape())).not.toContain(secretish);
    expect(thrown(() => checker.check(schema, {})).details).toMatchObject({ pointer: '/input_data', keyword: 'required', problems: 1 });
    expect(checker.check(schema, { input_data: { columns: ['age'], data: [[35]] } })).toBe(true);
  });

  it('reports a schema ajv cannot compile as unusable (false), not as a broken payload', () => {
    const checker = createSchemaChecker();
    expect(checker.check(JSON.stringify({ type: 'object', properties: { a: { type: 'no-such-type' } } }), { a: 1 })).toBe(false);
  });
});
