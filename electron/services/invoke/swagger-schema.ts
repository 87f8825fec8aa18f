// The request body's JSON schema and samples from a deployment's swagger (OpenAPI 2 as Azure ML serves it,
// or OpenAPI 3). The document is hostile: it is read under a size cap, walked with a node and depth budget,
// only local $refs (#/definitions/X, #/components/schemas/X) are kept (each definition copied once, so a $ref
// loop stays a loop for ajv instead of an endless expansion), vendor keys and ids are dropped, and regular
// expressions that can backtrack without end are left out (a slow regex on a user's payload would hang main).
export const MAX_SWAGGER_BYTES = 2 * 1024 * 1024;
export const MAX_SCHEMA_CHARS = 512_000;
const MAX_NODES = 20_000;
const MAX_DEPTH = 64;
const MAX_SAMPLES = 32;
const MAX_SAMPLE_CHARS = 1_000_000;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface SwaggerSample {
  readonly name: string;
  readonly payload: string;
}

export interface SwaggerRequest {
  /** Self-contained JSON schema of the request body, or null (none published, or over the budget). */
  readonly schema: JsonObject | null;
  readonly samples: SwaggerSample[];
  /** Why the schema is null when a document was read: no-body-schema, too-large, not-json. */
  readonly problem: string | null;
}

const SCHEMA_VALUED = new Set(['items', 'additionalItems', 'additionalProperties', 'not', 'contains', 'propertyNames', 'if', 'then', 'else', 'unevaluatedItems', 'unevaluatedProperties']);
const SCHEMA_ARRAYS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'dependentSchemas']);
/** Annotations and ids that ajv need not see (ids could make two schemas clash; examples become samples). */
const DROPPED = new Set(['$id', 'id', '$schema', '$anchor', '$dynamicAnchor', '$dynamicRef', '$recursiveRef', '$recursiveAnchor', '$comment', 'example', 'examples', 'xml', 'externalDocs', 'discriminator', 'definitions', '$defs']);

class OverBudget extends Error {}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Whether a pattern is safe to run on a user's payload: short, no backreference, no quantified group (the
 * shape of catastrophic backtracking such as (a+)+ or (a|a)*), and valid as ajv compiles it (unicode).
 */
export function safePattern(pattern: unknown): pattern is string {
  if (typeof pattern !== 'string' || pattern.length > 256) return false;
  if (/\\[1-9]|\\k</.test(pattern) || /\)[*+{]|\)\?[*+{]/.test(pattern)) return false;
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

/** `#/definitions/X` or `#/components/schemas/X` → X; anything else (external, deeper) → null. */
function localRefName(ref: string): string | null {
  const match = /^#\/(?:definitions|components\/schemas)\/([^/]+)$/.exec(ref);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!).replace(/~1/g, '/').replace(/~0/g, '~');
  } catch {
    return null;
  }
}

const pointerOf = (name: string) => `#/definitions/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;

function definitionsOf(doc: JsonObject): Map<string, Json> {
  const found = new Map<string, Json>();
  const add = (group: Json | undefined) => {
    if (isObject(group)) for (const [name, schema] of Object.entries(group)) if (!found.has(name)) found.set(name, schema);
  };
  add(doc['definitions']);
  add(isObject(doc['components']) ? doc['components']['schemas'] : undefined);
  return found;
}

function bodyOf(doc: JsonObject, scoringPath: string): { schema: Json | undefined; examples: Array<[string, Json]> } {
  const paths = isObject(doc['paths']) ? doc['paths'] : {};
  const item = [paths[scoringPath], paths['/score'], ...Object.values(paths)].find((p) => isObject(p) && isObject(p['post']));
  const post = isObject(item) && isObject(item['post']) ? item['post'] : null;
  const examples: Array<[string, Json]> = [];
  if (!post) return { schema: undefined, examples };
  // OpenAPI 2: the `in: body` parameter.
  const parameters = Array.isArray(post['parameters']) ? post['parameters'] : [];
  const body = parameters.find((p) => isObject(p) && p['in'] === 'body');
  if (isObject(body)) {
    if (isObject(body['x-examples'])) for (const [name, value] of Object.entries(body['x-examples'])) examples.push([name, value]);
    return { schema: body['schema'], examples };
  }
  // OpenAPI 3: requestBody.content's JSON media type.
  const content = isObject(post['requestBody']) && isObject(post['requestBody']['content']) ? post['requestBody']['content'] : {};
  const media = Object.entries(content).find(([type, m]) => /json/i.test(type) && isObject(m))?.[1];
  if (!isObject(media)) return { schema: undefined, examples };
  if (media['example'] !== undefined) examples.push(['example', media['example']]);
  if (isObject(media['examples'])) for (const [name, ex] of Object.entries(media['examples'])) if (isObject(ex) && ex['value'] !== undefined) examples.push([name, ex['value']]);
  return { schema: media['schema'], examples };
}

export function requestFromSwagger(text: string, scoringPath: string): SwaggerRequest {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { schema: null, samples: [], problem: 'not-json' };
  }
  if (!isObject(doc)) return { schema: null, samples: [], problem: 'not-json' };
  const { schema: root, examples } = bodyOf(doc, scoringPath);
  const definitions = definitionsOf(doc);
  const wanted: string[] = [];
  const included = new Set<string>();
  let nodes = 0;

  const value = (v: Json, depth: number): Json => {
    if (++nodes > MAX_NODES || depth > MAX_DEPTH) throw new OverBudget();
    if (Array.isArray(v)) return v.map((x) => value(x, depth + 1));
    if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, value(x, depth + 1)]));
    return v;
  };
  const schema = (s: Json, depth: number): Json => {
    if (++nodes > MAX_NODES || depth > MAX_DEPTH) throw new OverBudget();
    if (typeof s === 'boolean') return s;
    if (!isObject(s)) return {};
    if (typeof s['$ref'] === 'string') {
      const name = localRefName(s['$ref']);
      if (name === null || !definitions.has(name)) return {}; // never fetched, never guessed: no check there
      if (!included.has(name)) {
        included.add(name);
        wanted.push(name);
      }
      return { $ref: pointerOf(name) };
    }
    const out: JsonObject = {};
    for (const [key, v] of Object.entries(s)) {
      if (DROPPED.has(key) || key.startsWith('x-')) continue;
      if (SCHEMA_VALUED.has(key)) out[key] = Array.isArray(v) ? v.map((x) => schema(x, depth + 1)) : schema(v, depth + 1);
      else if (SCHEMA_ARRAYS.has(key)) out[key] = Array.isArray(v) ? v.map((x) => schema(x, depth + 1)) : [];
      else if (SCHEMA_MAPS.has(key)) {
        const map: JsonObject = {};
        if (isObject(v)) for (const [name, x] of Object.entries(v)) if (key !== 'patternProperties' || safePattern(name)) map[name] = schema(x, depth + 1);
        out[key] = map;
      } else if (key === 'pattern') {
        if (safePattern(v)) out[key] = v;
      } else if ((key === 'exclusiveMaximum' || key === 'exclusiveMinimum') && typeof v === 'boolean') {
        continue; // OpenAPI 2's draft-4 form, made draft-7 below
      } else out[key] = value(v, depth + 1);
    }
    // Draft 4 (OpenAPI 2): `exclusiveMaximum: true` qualifies `maximum`; draft 7, which ajv checks, takes the number.
    for (const [flag, bound] of [['exclusiveMaximum', 'maximum'], ['exclusiveMinimum', 'minimum']] as const) {
      if (s[flag] === true && typeof out[bound] === 'number') {
        out[flag] = out[bound];
        delete out[bound];
      }
    }
    return out;
  };

  const samples = samplesOf(examples, root, definitions);
  if (root === undefined) return { schema: null, samples, problem: 'no-body-schema' };
  try {
    const top = schema(root, 0);
    const result: JsonObject = isObject(top) ? top : { allOf: [top] };
    const defs: JsonObject = {};
    for (let i = 0; i < wanted.length; i += 1) defs[wanted[i]!] = schema(definitions.get(wanted[i]!)!, 1);
    if (wanted.length > 0) result['definitions'] = defs;
    if (JSON.stringify(result).length > MAX_SCHEMA_CHARS) return { schema: null, samples, problem: 'too-large' };
    return { schema: result, samples, problem: null };
  } catch (error) {
    if (error instanceof OverBudget) return { schema: null, samples, problem: 'too-large' };
    throw error;
  }
}

/** Samples: the body's named examples, then the body schema's own `example` (through one $ref). */
function samplesOf(examples: Array<[string, Json]>, root: Json | undefined, definitions: Map<string, Json>): SwaggerSample[] {
  const all = [...examples];
  let target = root;
  if (isObject(target) && typeof target['$ref'] === 'string') {
    const name = localRefName(target['$ref']);
    target = name === null ? undefined : definitions.get(name);
  }
  if (isObject(target) && target['example'] !== undefined) all.push(['example', target['example']]);
  const samples: SwaggerSample[] = [];
  for (const [name, example] of all) {
    if (samples.length >= MAX_SAMPLES) break;
    let payload: string;
    try {
      payload = typeof example === 'string' ? example : JSON.stringify(example, null, 2);
    } catch {
      continue;
    }
    if (typeof payload !== 'string' || payload.length > MAX_SAMPLE_CHARS) continue;
    samples.push({ name: sampleName(name, samples.length), payload });
  }
  return samples;
}

/** A name for people: control and bidi characters out, bounded; a number when nothing is left. */
function sampleName(raw: string, index: number): string {
  // eslint-disable-next-line no-control-regex
  const clean = raw.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim().slice(0, 128);
  return clean || `Sample ${index + 1}`;
}
