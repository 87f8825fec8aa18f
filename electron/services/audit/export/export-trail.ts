// Streams an export: the chosen format's header (with the checkpoint bundle), the records matching the
// filter oldest first in chunks, then its trailer. Reads a snapshot, so appends go on meanwhile and the
// export is consistent; `write` is awaited per chunk (back-pressure from a file or a socket).
import type { AuditFilter } from '../audit-event';
import type { StoreSnapshot } from '../audit-store';
import { bodyHash, recordOf } from '../canonical';
import { cefFormat } from './cef-format';
import { checkpointBundle } from './checkpoint-bundle';
import { csvFormat } from './csv-format';
import type { ExportFormat, ExportFormatName } from './export-format';
import { jsonlFormat } from './jsonl-format';
import { ocsfFormat } from './ocsf-format';

export interface ExportSummary {
  readonly format: ExportFormatName;
  readonly records: number;
  /** The checkpoint the export carries (null: none written yet). */
  readonly checkpoint: { readonly seq: number; readonly head: string } | null;
}

export const EXPORT_FORMATS: Readonly<Record<ExportFormatName, ExportFormat>> = { jsonl: jsonlFormat, csv: csvFormat, cef: cefFormat, ocsf: ocsfFormat };

const CHUNK = 5000;

export async function exportTrail(snapshot: StoreSnapshot, name: ExportFormatName, filter: AuditFilter, write: (chunk: string) => Promise<void>): Promise<ExportSummary> {
  const format = EXPORT_FORMATS[name];
  const bundle = checkpointBundle(snapshot);
  await write(format.header(bundle));
  let after = 0;
  let records = 0;
  for (;;) {
    const rows = snapshot.matching(filter, after, CHUNK);
    if (rows.length === 0) break;
    await write(rows.map((row) => format.record({ record: recordOf(row.body), body: row.body, hash: bodyHash(row.body) })).join(''));
    records += rows.length;
    after = (rows[rows.length - 1] as { seq: number }).seq;
  }
  const trailer = format.trailer(bundle);
  if (trailer) await write(trailer);
  return { format: name, records, checkpoint: bundle ? { seq: bundle.seq, head: bundle.head } : null };
}
