// A policy held as text: the bundled development/sandbox default, and tests. Its text never changes, so it
// never reports a change.
import { createHash } from 'node:crypto';
import type { PolicySourceInfo, PolicySourceKind } from '../decision';
import { parsePolicyText } from '../document/read-document';
import type { PolicySource } from './policy-source';

export interface TextPolicySourceOptions {
  readonly text: string;
  readonly format: 'json' | 'yaml';
  /** What problems name, e.g. 'built-in default policy'. */
  readonly file: string;
  readonly kind: PolicySourceKind;
  readonly label?: string;
}

export function sourceLabel(kind: PolicySourceKind, location: string): string {
  if (kind === 'file') return `Policy file ${location}`;
  if (kind === 'registry') return `Windows Group Policy (${location})`;
  if (kind === 'managed-preferences') return `macOS managed preferences (${location})`;
  return "Airlock's built-in default (no policy from your organization)";
}

export function createTextPolicySource(options: TextPolicySourceOptions): PolicySource {
  const info: PolicySourceInfo = { kind: options.kind, location: options.file, label: options.label ?? sourceLabel(options.kind, options.file) };
  const fingerprint = createHash('sha256').update(options.text).digest('hex');
  return {
    info,
    async read() {
      const parsed = parsePolicyText(options.text, { file: options.file, format: options.format });
      return parsed.ok ? { state: 'present', info, value: parsed.value, locate: parsed.locate, fingerprint } : { state: 'refused', info, problem: parsed.problem, fingerprint };
    },
    watch: () => () => undefined,
  };
}
