// Reads a YAML policy file into plain data plus the position of every key and value, so a schema problem
// can name its line. YAML 1.2 core schema only (so `08:00` stays text and `yes` is not true). Refuses what
// a policy never needs and an attacker could use: anchors and aliases (alias bombs), explicit tags, several
// documents in one file, keys that are not text, and nesting deeper than MAX_NESTING. Never calls toJS()
// before the tree has been checked, and never walks it recursively.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { MAX_NESTING, type JsonPath } from './json-text';

export type YamlReadResult =
  | { ok: true; value: unknown; offsetOf: (path: JsonPath, at: 'key' | 'value') => number | null }
  | { ok: false; offset: number; message: string };

type Found = { ok: false; offset: number; message: string } | null;

function problemAt(node: { range?: [number, number, number] | null } | null | undefined, message: string): Found {
  return { ok: false, offset: node?.range?.[0] ?? 0, message };
}

const ALIASES = 'YAML anchors and aliases (&name, *name) are not allowed in a policy file; write the values out';

/** Walks the tree without recursion and returns the earliest thing a policy file must not hold. */
function refuseUnsafe(doc: Document.Parsed): Found {
  let earliest: Found = null;
  const found = (node: { range?: [number, number, number] | null } | null | undefined, message: string): void => {
    const problem = problemAt(node, message);
    if (problem && (earliest === null || problem.offset < earliest.offset)) earliest = problem;
  };
  const stack: { node: unknown; depth: number }[] = [{ node: doc.contents, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: unknown; depth: number };
    if (node === null || node === undefined) continue;
    if (isAlias(node)) {
      found(node, ALIASES);
      continue;
    }
    const withMeta = node as YamlNode;
    if (withMeta.anchor) found(withMeta, ALIASES);
    if (withMeta.tag) found(withMeta, `YAML tags (${withMeta.tag.replace('tag:yaml.org,2002:', '!!')}) are not allowed in a policy file; write plain values`);
    if (isMap(node) || isSeq(node)) {
      if (depth >= MAX_NESTING) {
        found(node, `the document is nested more than ${MAX_NESTING} levels deep`);
        continue;
      }
      for (const item of node.items) {
        if (isPair(item)) {
          if (!isScalar(item.key) || typeof item.key.value !== 'string') found(item.key as YamlNode, 'every key must be plain text');
          stack.push({ node: item.key, depth: depth + 1 }, { node: item.value, depth: depth + 1 });
        } else {
          stack.push({ node: item, depth: depth + 1 });
        }
      }
    }
  }
  return earliest;
}

/**
 * Where flow brackets ([ {) nest deeper than MAX_NESTING, found by a scan that skips quoted text and comments,
 * before the parser sees the text (its own nesting is recursive). Errs only towards refusing.
 */
function tooDeepAt(text: string): number | null {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== null) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
      continue;
    }
    // A quote opens quoted text only where a token starts (`don't` in plain text is not a quote).
    if ((c === '"' || c === "'") && (i === 0 || /[\s[{,:]/.test(text[i - 1] ?? ''))) quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === '[' || c === '{') {
      if (++depth > MAX_NESTING) return i;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return null;
}

function nodeAt(doc: Document.Parsed, path: JsonPath, at: 'key' | 'value'): YamlNode | null {
  let node: unknown = doc.contents;
  let last: YamlNode | null = (node as YamlNode | null) ?? null;
  for (let i = 0; i < path.length; i++) {
    const step = path[i];
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === step);
      if (!pair) return last;
      if (i === path.length - 1 && at === 'key') return pair.key as YamlNode;
      node = pair.value;
    } else if (isSeq(node) && typeof step === 'number') {
      node = node.items[step];
    } else {
      return last;
    }
    if (node === null || node === undefined) return last;
    last = node as YamlNode;
  }
  return last;
}

export function readYamlText(text: string): YamlReadResult {
  const deep = tooDeepAt(text);
  if (deep !== null) return { ok: false, offset: deep, message: `the document is nested more than ${MAX_NESTING} levels deep` };
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter: new LineCounter(), version: '1.2', schema: 'core', uniqueKeys: true, strict: true, prettyErrors: false });
  } catch {
    // The parser gave up (for example, its stack on absurd input): still a problem with a place.
    return { ok: false, offset: 0, message: `the document is nested more than ${MAX_NESTING} levels deep or cannot be read as YAML` };
  }
  const trouble = [...doc.errors, ...doc.warnings].sort((a, b) => a.pos[0] - b.pos[0])[0];
  if (trouble && /call stack/i.test(trouble.message)) return { ok: false, offset: trouble.pos[0], message: `the document is nested more than ${MAX_NESTING} levels deep` };
  if (trouble) {
    const words: Record<string, string> = {
      DUPLICATE_KEY: 'a key appears twice in the same mapping',
      MULTIPLE_DOCS: 'the file holds more than one YAML document (---); a policy is one document',
      TAG_RESOLVE_FAILED: 'YAML tags are not allowed in a policy file; write plain values',
    };
    return { ok: false, offset: trouble.pos[0], message: words[trouble.code] ?? `this is not valid YAML (${trouble.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')})` };
  }
  const unsafe = refuseUnsafe(doc);
  if (unsafe) return unsafe;
  return {
    ok: true,
    value: doc.toJS({ maxAliasCount: 0 }) as unknown,
    offsetOf: (path, at) => nodeAt(doc, path, at)?.range?.[0] ?? null,
  };
}
