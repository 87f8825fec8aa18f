// JSONL: the first line is the checkpoint bundle ({"type":"airlock.audit.checkpoint",...}); every other line
// is a record's canonical body, byte for byte as chained, so SHA-256 of line i is the `prev` of line i+1 and the
// last line's hash is the checkpoint's head (for an unfiltered export up to the checkpoint).
import type { ExportFormat } from './export-format';

export const jsonlFormat: ExportFormat = {
  name: 'jsonl',
  header: (bundle) => `${JSON.stringify({ type: 'airlock.audit.checkpoint', ...(bundle ?? { none: true }) })}\n`,
  record: (entry) => `${entry.body}\n`,
  trailer: () => '',
};
