// A policy file's text → parsed data with a locator (parsePolicyText), and → the policy as applied or the
// first problem naming the file and the line (readPolicyDocument). Caps the size before parsing anything (a
// policy is a few KiB; 256 KiB is generous), reads JSON strictly and YAML safely, and computes lines from
// offsets for both.
import { readJsonText } from './json-text';
import { lineAt, type PolicyLocator, type PolicyProblem } from './policy-problem';
import { validateDocument, type DocumentResult } from './validate-document';
import { readYamlText } from './yaml-text';

export type { DocumentResult } from './validate-document';

export const MAX_POLICY_BYTES = 256 * 1024;

export interface DocumentOrigin {
  /** Named in every problem: a path, or a registry value's name. */
  readonly file: string;
  readonly format: 'json' | 'yaml';
  /** Added to every line (text that starts inside a larger source); 0 for a file. */
  readonly lineOffset?: number;
}

export type ParsedText = { ok: true; value: unknown; locate: PolicyLocator } | { ok: false; problem: PolicyProblem };

export function parsePolicyText(text: string, origin: DocumentOrigin): ParsedText {
  const shift = origin.lineOffset ?? 0;
  const at = (offset: number): { file: string; line: number } => ({ file: origin.file, line: lineAt(text, offset) + shift });
  if (Buffer.byteLength(text, 'utf8') > MAX_POLICY_BYTES) {
    return { ok: false, problem: { ...at(MAX_POLICY_BYTES), message: `the policy is larger than ${MAX_POLICY_BYTES / 1024} KiB, so Airlock did not read it` } };
  }
  const read = origin.format === 'json' ? readJsonText(text) : readYamlText(text);
  if (!read.ok) {
    const words = origin.format === 'json' ? `not valid JSON: ${read.message}` : read.message;
    return { ok: false, problem: { ...at(read.offset), message: words } };
  }
  const offsetOf = 'positions' in read ? read.positions.offsetOf : read.offsetOf;
  const locate: PolicyLocator = (path, where) => {
    // The nearest part of the path that exists in the file (a missing key is reported where its parent is).
    for (let n = path.length; n >= 0; n--) {
      const offset = offsetOf(path.slice(0, n), n === path.length ? where : 'value');
      if (offset !== null) return at(offset);
    }
    return at(0);
  };
  return { ok: true, value: read.value, locate };
}

export function readPolicyDocument(text: string, origin: DocumentOrigin, channels: readonly string[]): DocumentResult {
  const parsed = parsePolicyText(text, origin);
  return parsed.ok ? validateDocument(parsed.value, parsed.locate, channels) : parsed;
}
