// Where audit.export writes: a host port like the diagnostics target. Electron: the system save dialog (main's
// own, over Airlock's window); the Chromium preview and tests: <userData>/exports/<name>; the CLI: --out FILE
// or the folder it runs in. The renderer's request never names a path. Writing goes to a side file renamed
// into place when complete, so a failed export leaves no half-written file under the chosen name.
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { AuditExportFormat } from '../../../shared/contract/schemas/audit';
import { AirlockError } from '../../../shared/errors/airlock-error';

/** Asks where to write (suggested file name given); null: the user cancelled, nothing is written. */
export type AuditExportTarget = (suggestedName: string, format: AuditExportFormat) => Promise<string | null>;

export const EXPORT_EXTENSIONS: Readonly<Record<AuditExportFormat, string>> = { jsonl: 'jsonl', csv: 'csv', cef: 'cef', ocsf: 'ocsf.jsonl' };

/** `airlock-audit-20261203-190000.jsonl` (UTC). */
export function auditExportName(now: Date, format: AuditExportFormat): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `airlock-audit-${stamp}.${EXPORT_EXTENSIONS[format]}`;
}

/** The default when the host gives none: <userData>/exports/ (created on demand, owner only). */
export function userDataExportTarget(userDataDir: string): AuditExportTarget {
  return async (name) => {
    const dir = path.join(userDataDir, 'exports');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    return path.join(dir, name);
  };
}

const cannotWrite = () =>
  new AirlockError('E_UNAVAILABLE', {
    message: 'Airlock could not write the audit export file.',
    hint: 'Check that the folder exists, that you can write to it and that the disk has free space, then export again.',
  });

/** Streams chunks into `file` through a side file; renames it into place only once `produce` finished. */
export async function writeExportFile<T>(file: string, produce: (write: (chunk: string) => Promise<void>) => Promise<T>): Promise<T> {
  const partial = `${file}.partial`;
  const handle: FileHandle = await open(partial, 'w', 0o600).catch(() => {
    throw cannotWrite();
  });
  let isOpen = true;
  try {
    const result = await produce(async (chunk) => {
      await handle.writeFile(chunk, 'utf8').catch(() => {
        throw cannotWrite();
      });
    });
    await handle.sync().catch(() => undefined);
    isOpen = false;
    await handle.close();
    await rename(partial, file).catch(() => {
      throw cannotWrite();
    });
    return result;
  } catch (error) {
    if (isOpen) await handle.close().catch(() => undefined);
    await rm(partial, { force: true }).catch(() => undefined);
    throw error;
  }
}
