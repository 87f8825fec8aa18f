// The request body's JSON schema as main sent it (JSON text from the deployment's swagger), read defensively:
// a schema is data from the deployment, so anything that is not a plain object counts as "no schema".
// Local $refs (#/definitions/x, #/components/schemas/x, #/$defs/x) are followed, with a depth bound.

export type JsonSchema = { readonly [key: string]: unknown };

export function parseSchema(text: string | null): JsonSchema | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return isSchema(value) ? value : null;
  } catch {
    return null;
  }
}

export function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Follows a local $ref (bounded, so a cycle ends); anything else is returned as it is. */
export function resolveRef(root: JsonSchema, schema: JsonSchema, depth = 0): JsonSchema {
  const ref = schema['$ref'];
  if (typeof ref !== 'string' || !ref.startsWith('#/') || depth > 16) return schema;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = isSchema(node) ? node[token] : undefined;
  }
  return isSchema(node) ? resolveRef(root, node, depth + 1) : schema;
}

/** The schema of the value at `path` (property names and array indexes), or null when the schema does not say. */
export function schemaAt(root: JsonSchema, path: readonly (string | number)[]): JsonSchema | null {
  let node: JsonSchema = resolveRef(root, root);
  for (const step of path) {
    const props = node['properties'];
    const items = node['items'];
    const isIndex = typeof step === 'number' || /^\d+$/.test(step);
    let next: unknown;
    if (isIndex && isSchema(items)) next = items;
    else if (isIndex && Array.isArray(items)) next = items[Number(step)];
    else if (isSchema(props) && Object.hasOwn(props, String(step))) next = props[String(step)];
    else if (isSchema(node['additionalProperties'])) next = node['additionalProperties'];
    if (!isSchema(next)) return null;
    node = resolveRef(root, next);
  }
  return node;
}

export interface PropertyOption {
  readonly name: string;
  readonly required: boolean;
  /** The property's type and description, bounded, for the completion list's detail. */
  readonly detail: string;
}

/** The property names the schema allows in the object at `path`: required ones first, then by name. */
export function propertyOptions(root: JsonSchema, path: readonly (string | number)[]): PropertyOption[] {
  const node = schemaAt(root, path);
  const props = node?.['properties'];
  if (!node || !isSchema(props)) return [];
  const required = new Set(Array.isArray(node['required']) ? node['required'].filter((r): r is string => typeof r === 'string') : []);
  return Object.keys(props)
    .slice(0, 500)
    .map((name) => {
      const sub = isSchema(props[name]) ? resolveRef(root, props[name]) : {};
      const type = typeof sub['type'] === 'string' ? sub['type'] : Array.isArray(sub['type']) ? sub['type'].join(' | ') : '';
      const description = typeof sub['description'] === 'string' ? sub['description'].slice(0, 120) : '';
      return { name: name.slice(0, 200), required: required.has(name), detail: [type, description].filter(Boolean).join(' — ') };
    })
    .sort((a, b) => Number(b.required) - Number(a.required) || a.name.localeCompare(b.name));
}
