// The Linux (and other Unix) machine policy: one of policy.json, policy.yaml, policy.yml in /etc/airlock.
// Read-only to users, as /etc/opt/chrome/policies or /etc/vscode/policy.json: the folder and the file must
// be owned by root and not group/world-writable, and the file must be a regular file (a symbolic link could
// point anywhere). Checks are made on the open file itself (fstat), so it cannot be swapped in between.
// Reads at most 256 KiB + 1 byte; never follows a link; never falls back to another file.
import { constants, promises as fs } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { PolicySourceInfo } from '../decision';
import { MAX_POLICY_BYTES, parsePolicyText } from '../document/read-document';
import { lineAt } from '../document/policy-problem';
import { unsafeBecause } from './file-safety';
import { watchFolder } from './folder-watch';
import type { PolicySource, SourceRead } from './policy-source';
import { sourceLabel } from './text-source';

export const LINUX_POLICY_DIRECTORY = '/etc/airlock';
const NAMES = ['policy.json', 'policy.yaml', 'policy.yml'] as const;

export interface LinuxPolicyFileOptions {
  /** Default /etc/airlock. */
  readonly directory?: string;
  /** Who may own the folder and file; default [0] (root). Tests pass their own uid. */
  readonly trustedOwnerUids?: readonly number[];
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

export function createLinuxPolicyFileSource(options: LinuxPolicyFileOptions = {}): PolicySource {
  const directory = options.directory ?? LINUX_POLICY_DIRECTORY;
  const trusted = options.trustedOwnerUids ?? [0];
  const where = path.join(directory, 'policy.{json,yaml,yml}');
  const info: PolicySourceInfo = { kind: 'file', location: where, label: sourceLabel('file', where) };
  const infoFor = (file: string): PolicySourceInfo => ({ kind: 'file', location: file, label: sourceLabel('file', file) });

  function refused(file: string, message: string, line: number | null = null, fingerprint = 'refused'): SourceRead {
    return { state: 'refused', info: infoFor(file), problem: { file, line, message }, fingerprint: `${fingerprint}:${message}` };
  }

  async function present(): Promise<string[]> {
    const found: string[] = [];
    for (const name of NAMES) {
      try {
        await fs.lstat(path.join(directory, name));
        found.push(name);
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
    }
    return found;
  }

  async function readFile(file: string): Promise<SourceRead> {
    const link = await fs.lstat(file);
    if (link.isSymbolicLink()) return refused(file, 'the policy file is a symbolic link; Airlock reads only a regular file an administrator put there');
    const handle = await fs.open(file, constants.O_RDONLY | constants.O_NOFOLLOW);
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) return refused(file, 'the policy path is not a regular file');
      const unsafe = unsafeBecause(stats, 'file', trusted);
      if (unsafe) return refused(file, unsafe);
      const buffer = Buffer.alloc(MAX_POLICY_BYTES + 1);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      const bytes = buffer.subarray(0, bytesRead);
      const fingerprint = createHash('sha256').update(bytes).update(`${stats.uid}:${stats.mode}`).digest('hex');
      const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
      if (bytesRead > MAX_POLICY_BYTES) {
        return refused(file, `the policy is larger than ${MAX_POLICY_BYTES / 1024} KiB, so Airlock did not read it`, lineAt(text, MAX_POLICY_BYTES), fingerprint);
      }
      const bad = text.indexOf('\uFFFD');
      if (bad >= 0) return refused(file, 'the policy file is not UTF-8 text', lineAt(text, bad), fingerprint);
      const format = file.endsWith('.json') ? 'json' : 'yaml';
      const parsed = parsePolicyText(text, { file, format });
      return parsed.ok ? { state: 'present', info: infoFor(file), value: parsed.value, locate: parsed.locate, fingerprint } : { state: 'refused', info: infoFor(file), problem: parsed.problem, fingerprint };
    } finally {
      await handle.close();
    }
  }

  return {
    info,
    async read() {
      let folder;
      try {
        folder = await fs.stat(directory);
      } catch (error) {
        if (isMissing(error)) return { state: 'absent' };
        return refused(directory, 'Airlock cannot look into the policy folder');
      }
      if (!folder.isDirectory()) return refused(directory, 'the policy folder is not a folder');
      const found = await present();
      if (found.length === 0) return { state: 'absent' };
      const unsafe = unsafeBecause(folder, 'folder', trusted);
      if (unsafe) return refused(directory, unsafe);
      if (found.length > 1) return refused(directory, `the folder holds both ${found.join(' and ')}; Airlock will not guess which one applies, keep one`);
      try {
        return await readFile(path.join(directory, found[0] as string));
      } catch (error) {
        if (isMissing(error)) return { state: 'absent' };
        return refused(path.join(directory, found[0] as string), 'Airlock could not read the policy file (no permission, or it changed while reading)');
      }
    },
    watch: (changed) => watchFolder(directory, changed),
  };
}
