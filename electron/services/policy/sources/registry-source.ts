// The Windows machine policy: HKLM\Software\Policies\Airlock (machine-wide, writable only by administrators
// and Group Policy; HKCU is never read). One value per setting (see managed-values.ts): numbers are
// REG_DWORD, booleans REG_DWORD 0/1, lists REG_MULTI_SZ, Rules/Routes/Forwarding REG_SZ holding JSON.
// Read through the RegistryReader port; polled for changes.
import { createHash } from 'node:crypto';
import { systemScheduler, type Scheduler } from '../../ports';
import type { PolicySourceInfo } from '../decision';
import type { PolicyProblem } from '../document/policy-problem';
import { MAX_POLICY_BYTES, parsePolicyText } from '../document/read-document';
import { definitionOf, documentOf, unknownValueProblem, type ManagedEntry } from './managed-values';
import type { PolicySource, SourceRead } from './policy-source';
import { pollEvery } from './polling-watch';
import { sourceLabel } from './text-source';

export const WINDOWS_POLICY_KEY = 'HKLM\\Software\\Policies\\Airlock';

export interface RegistryValue {
  readonly name: string;
  /** REG_SZ, REG_EXPAND_SZ, REG_MULTI_SZ, REG_DWORD, REG_QWORD, REG_BINARY, ... */
  readonly type: string;
  readonly data: string | number | readonly string[];
}

/** Reads one key's values; null when the key does not exist. */
export interface RegistryReader {
  read(key: string): Promise<readonly RegistryValue[] | null>;
}

export interface RegistryPolicySourceOptions {
  readonly reader: RegistryReader;
  readonly key?: string;
  readonly scheduler?: Scheduler;
  /** How often to look for changes; default 60 s. */
  readonly pollMs?: number;
}

const NEED: Record<string, string> = { text: 'a REG_SZ (text)', number: 'a REG_DWORD (a number)', boolean: 'a REG_DWORD (0 or 1)', list: 'a REG_MULTI_SZ (a list)', structure: 'a REG_SZ holding JSON' };

export function createRegistryPolicySource(options: RegistryPolicySourceOptions): PolicySource {
  const key = options.key ?? WINDOWS_POLICY_KEY;
  const info: PolicySourceInfo = { kind: 'registry', location: key, label: sourceLabel('registry', key) };

  function entryOf(value: RegistryValue): ManagedEntry | { problem: PolicyProblem } {
    const file = `${key}\\${value.name}`;
    const def = definitionOf(value.name);
    if (!def) return { problem: unknownValueProblem(file, value.name, 'value') };
    const wrong = { problem: { file, line: null, message: `value '${def.name}' must be ${NEED[def.kind]}, not ${value.type}` } };
    const isNumber = (value.type === 'REG_DWORD' || value.type === 'REG_QWORD') && typeof value.data === 'number';
    if (def.kind === 'number') return isNumber ? { name: def.name, value: value.data, file } : wrong;
    if (def.kind === 'boolean') {
      if (!isNumber) return wrong;
      if (value.data !== 0 && value.data !== 1) return { problem: { file, line: null, message: `value '${def.name}' must be 0 or 1` } };
      return { name: def.name, value: value.data === 1, file };
    }
    if (def.kind === 'list') return value.type === 'REG_MULTI_SZ' && Array.isArray(value.data) ? { name: def.name, value: [...(value.data as string[])], file } : wrong;
    if (value.type !== 'REG_SZ' || typeof value.data !== 'string') return wrong;
    if (def.kind === 'text') return { name: def.name, value: value.data, file };
    const parsed = parsePolicyText(value.data, { file, format: 'json' });
    return parsed.ok ? { name: def.name, value: parsed.value, file, inside: parsed.locate } : { problem: parsed.problem };
  }

  return {
    info,
    async read(): Promise<SourceRead> {
      const values = await options.reader.read(key);
      if (values === null || values.length === 0) return { state: 'absent' };
      const fingerprint = createHash('sha256').update(JSON.stringify(values)).digest('hex');
      const refuse = (problem: PolicyProblem): SourceRead => ({ state: 'refused', info, problem, fingerprint });
      if (Buffer.byteLength(JSON.stringify(values)) > MAX_POLICY_BYTES) {
        return refuse({ file: key, line: null, message: `the policy is larger than ${MAX_POLICY_BYTES / 1024} KiB, so Airlock did not read it` });
      }
      const entries: ManagedEntry[] = [];
      for (const value of values) {
        const entry = entryOf(value);
        if ('problem' in entry) return refuse(entry.problem);
        if (entries.some((e) => e.name === entry.name)) return refuse({ file: entry.file, line: null, message: `value '${entry.name}' is set twice` });
        entries.push(entry);
      }
      const { value, locate } = documentOf(entries, key);
      return { state: 'present', info, value, locate, fingerprint };
    },
    watch: (changed) => pollEvery(options.scheduler ?? systemScheduler, options.pollMs ?? 60_000, changed),
  };
}
