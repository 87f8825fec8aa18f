// The macOS machine policy: managed preferences for the bundle id, forced values only — the machine-wide
// file an MDM configuration profile writes under /Library/Managed Preferences (user-set `defaults write`
// values in ~/Library/Preferences are never read). Keys are the registry's value names (managed-values.ts)
// with native plist types: integers, booleans, arrays, and arrays/dictionaries for Rules, Routes,
// Forwarding. Read through the ManagedPreferencesReader port; polled for changes.
import { createHash } from 'node:crypto';
import { systemScheduler, type Scheduler } from '../../ports';
import type { PolicySourceInfo } from '../decision';
import { MAX_POLICY_BYTES } from '../document/read-document';
import type { PolicyProblem } from '../document/policy-problem';
import { definitionOf, documentOf, unknownValueProblem, type ManagedEntry } from './managed-values';
import type { PolicySource, SourceRead } from './policy-source';
import { pollEvery } from './polling-watch';
import { sourceLabel } from './text-source';

export const MACOS_BUNDLE_ID = 'io.airlock.desktop';
export const MACOS_MANAGED_PREFERENCES = '/Library/Managed Preferences';

/** Reads the forced preferences of a bundle id; null when there are none. */
export interface ManagedPreferencesReader {
  read(bundleId: string): Promise<{ readonly path: string; readonly values: Readonly<Record<string, unknown>> } | null>;
}

export interface ManagedPreferencesSourceOptions {
  readonly reader: ManagedPreferencesReader;
  readonly bundleId?: string;
  readonly scheduler?: Scheduler;
  readonly pollMs?: number;
}

function entryOf(name: string, value: unknown, file: string): ManagedEntry | { problem: PolicyProblem } {
  const def = definitionOf(name);
  if (!def) return { problem: unknownValueProblem(file, name, 'key') };
  const wrong = (need: string): { problem: PolicyProblem } => ({ problem: { file, line: null, message: `${def.name} must be ${need}, not ${describe(value)}` } });
  if (def.kind === 'number') return Number.isInteger(value) ? { name: def.name, value, file } : wrong('a whole number');
  if (def.kind === 'boolean') return typeof value === 'boolean' ? { name: def.name, value, file } : wrong('true or false');
  if (def.kind === 'list') return Array.isArray(value) ? { name: def.name, value, file } : wrong('an array');
  if (def.kind === 'text') return typeof value === 'string' ? { name: def.name, value, file } : wrong('text');
  return typeof value === 'object' && value !== null ? { name: def.name, value, file } : wrong('an array or dictionary');
}

function describe(value: unknown): string {
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  return Array.isArray(value) ? 'an array' : 'a dictionary';
}

export function createManagedPreferencesSource(options: ManagedPreferencesSourceOptions): PolicySource {
  const bundleId = options.bundleId ?? MACOS_BUNDLE_ID;
  const where = `${MACOS_MANAGED_PREFERENCES}/${bundleId}.plist`;
  const infoFor = (path: string): PolicySourceInfo => ({ kind: 'managed-preferences', location: path, label: sourceLabel('managed-preferences', path) });
  return {
    info: infoFor(where),
    async read(): Promise<SourceRead> {
      const found = await options.reader.read(bundleId);
      if (found === null || Object.keys(found.values).length === 0) return { state: 'absent' };
      const info = infoFor(found.path);
      const text = JSON.stringify(found.values);
      const fingerprint = createHash('sha256').update(text).digest('hex');
      const refuse = (problem: PolicyProblem): SourceRead => ({ state: 'refused', info, problem, fingerprint });
      if (Buffer.byteLength(text) > MAX_POLICY_BYTES) return refuse({ file: found.path, line: null, message: `the policy is larger than ${MAX_POLICY_BYTES / 1024} KiB, so Airlock did not read it` });
      const entries: ManagedEntry[] = [];
      for (const [name, value] of Object.entries(found.values)) {
        const entry = entryOf(name, value, `${found.path}, key ${name}`);
        if ('problem' in entry) return refuse(entry.problem);
        entries.push(entry);
      }
      const { value, locate } = documentOf(entries, found.path);
      return { state: 'present', info, value, locate, fingerprint };
    },
    watch: (changed) => pollEvery(options.scheduler ?? systemScheduler, options.pollMs ?? 60_000, changed),
  };
}
