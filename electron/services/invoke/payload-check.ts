// A payload is checked in main before anything is sent (seed 003): the policy's size limit first (cheap, and
// a 60 MB body is not parsed to be refused), then JSON, then the deployment's schema with ajv. Errors name a
// place (a JSON pointer into the body) and the rule it breaks, never a value from the body. A schema is
// compiled once (cached by its text); a schema ajv cannot compile is reported unusable, not guessed at.
import { createHash } from 'node:crypto';
import Ajv, { type ValidateFunction } from 'ajv';
import { AirlockError } from '../../../shared/errors/airlock-error';
import { codeDetail } from '../../../shared/errors/details';

const MAX_COMPILED = 32;
const MAX_POINTER = 256;

export function payloadBytes(payload: string): number {
  return Buffer.byteLength(payload, 'utf8');
}

/** E_PAYLOAD_TOO_LARGE past the limit; E_PAYLOAD_INVALID (not-json) when it is not JSON; else the parsed body. */
export function checkSizeAndJson(payload: string, limitBytes: number): unknown {
  const bytes = payloadBytes(payload);
  if (bytes > limitBytes) throw new AirlockError('E_PAYLOAD_TOO_LARGE', { details: { bytes, limitBytes } });
  try {
    return JSON.parse(payload) as unknown;
  } catch {
    throw new AirlockError('E_PAYLOAD_INVALID', {
      message: 'The request body is not valid JSON, so Airlock did not send it.',
      hint: 'Fix the JSON (the editor marks where it breaks), or start from one of the samples.',
      details: { reason: 'not-json' },
    });
  }
}

export interface SchemaChecker {
  /** Throws E_PAYLOAD_INVALID (reason schema) when `body` breaks `schemaText`; false when the schema cannot be used. */
  check(schemaText: string, body: unknown): boolean;
}

export function createSchemaChecker(): SchemaChecker {
  // Keyed by the schema text's hash; insertion order makes the oldest the first to go.
  const compiled = new Map<string, ValidateFunction | null>();

  function validatorFor(schemaText: string): ValidateFunction | null {
    const id = createHash('sha256').update(schemaText).digest('hex');
    if (compiled.has(id)) return compiled.get(id)!;
    let validate: ValidateFunction | null;
    try {
      // A fresh instance per schema: nothing one hostile schema registers ($id, keywords) reaches another.
      // strict off (swagger carries keywords ajv does not know); formats are not checked (no format plugin,
      // and a format is advice the model may not follow); messages off: only keyword and place are used.
      const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, messages: false, allowUnionTypes: true, ownProperties: true });
      validate = ajv.compile(JSON.parse(schemaText) as object);
    } catch {
      validate = null;
    }
    compiled.set(id, validate);
    if (compiled.size > MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
    return validate;
  }

  return {
    check(schemaText, body) {
      const validate = validatorFor(schemaText);
      if (!validate) return false;
      if (validate(body)) return true;
      const errors = validate.errors ?? [];
      const first = errors[0];
      const missing = first?.keyword === 'required' ? (first.params as { missingProperty?: unknown }).missingProperty : undefined;
      const pointer = `${first?.instancePath ?? ''}${typeof missing === 'string' ? `/${missing.replace(/~/g, '~0').replace(/\//g, '~1')}` : ''}`;
      const keyword = codeDetail(first?.keyword);
      throw new AirlockError('E_PAYLOAD_INVALID', {
        details: { pointer: pointer.slice(0, MAX_POINTER), ...(keyword ? { keyword } : {}), problems: errors.length, reason: 'schema' },
      });
    },
  };
}
