// A policy document as named managed values (the inverse of managed-values.ts' documentOf): what an MDM
// profile or a registry export sets for it. Values the document leaves out are left out.
import { MANAGED_VALUES } from '../sources/managed-values';

export function managedValuesOf(document: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const def of MANAGED_VALUES) {
    let node: unknown = document;
    for (const step of def.path) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[step as string] : undefined;
    if (node !== undefined) values[def.name] = node;
  }
  return values;
}
