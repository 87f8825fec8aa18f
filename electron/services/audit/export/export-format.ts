// The shape of an export format: a header, one line per record, a trailer. Formatters are pure functions of
// records the trail stored (already scrubbed) and the public checkpoint bundle; they never see a key.
import type { AuditRecord } from '../audit-event';
import type { CheckpointBundle } from './checkpoint-bundle';

export type ExportFormatName = 'jsonl' | 'csv' | 'cef' | 'ocsf';

export interface ExportRecord {
  readonly record: AuditRecord;
  /** The canonical body exactly as chained (JSONL carries it verbatim so the chain can be recomputed). */
  readonly body: string;
  /** SHA-256 of the body, base64. */
  readonly hash: string;
}

export interface ExportFormat {
  readonly name: ExportFormatName;
  header(bundle: CheckpointBundle | null): string;
  record(entry: ExportRecord): string;
  trailer(bundle: CheckpointBundle | null): string;
}

/** The product as exports name it (CEF header, OCSF metadata). */
export const PRODUCT = { vendor: 'Airlock', name: 'Airlock', version: '0.1.0' } as const;
