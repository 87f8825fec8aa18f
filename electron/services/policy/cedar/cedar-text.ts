// Writing Cedar text from checked values: string literals, entity references, sets. Every string that reaches
// Cedar goes through cedarString, so a value cannot close a literal and write policy of its own.
import type { ResourceType } from '../../../../shared/contract/resource';

export const NAMESPACE = 'Airlock';

/** A Cedar string literal. Control characters never get here (the document refuses them); escaped anyway. */
export function cedarString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (code < 0x20 || code === 0x7f) out += `\\u{${code.toString(16)}}`;
    else out += ch;
  }
  return `${out}"`;
}

/** A `like` pattern: `*` is the wildcard. The document refuses quotes and backslashes in patterns. */
export function cedarLikePattern(pattern: string): string {
  if (/["\\]/.test(pattern)) throw new Error('a resource pattern with a quote or backslash reached the compiler');
  return cedarString(pattern);
}

export function entityType(type: ResourceType): string {
  return `${NAMESPACE}::${type.charAt(0).toUpperCase()}${type.slice(1)}`;
}

export function actionRef(action: string): string {
  return `${NAMESPACE}::Action::${cedarString(action)}`;
}

export function stringSet(values: readonly string[]): string {
  return `[${values.map(cedarString).join(', ')}]`;
}
