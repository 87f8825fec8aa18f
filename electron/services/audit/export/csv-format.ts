// CSV (RFC 4180): one header row, one row per record, and a last row of kind "checkpoint" whose `checkpoint`
// column holds the bundle as JSON. Cells that a spreadsheet would run as a formula (= + - @ tab CR at the
// start) get a leading apostrophe.
import type { AuditRecord } from '../audit-event';
import type { ExportFormat } from './export-format';

const COLUMNS = ['seq', 'time', 'kind', 'action', 'resource', 'accountId', 'username', 'tenantId', 'environmentId', 'decision', 'rule', 'reason', 'outcome', 'errorCode', 'durationMs', 'route', 'host', 'addresses', 'payloadSha256', 'payloadBytes', 'correlationId', 'hash', 'checkpoint'] as const;

export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function cells(record: AuditRecord, hash: string): unknown[] {
  return [
    record.seq, record.time, record.kind, record.action, record.resource, record.accountId, record.username, record.tenantId, record.environmentId,
    record.decision, record.rule, record.reason, record.outcome, record.errorCode, record.durationMs, record.route, record.host,
    record.addresses?.join(' '), record.payload?.sha256, record.payload?.bytes, record.correlationId, hash, undefined,
  ];
}

export const csvFormat: ExportFormat = {
  name: 'csv',
  header: () => `${COLUMNS.join(',')}\r\n`,
  record: (entry) => `${cells(entry.record, entry.hash).map(csvCell).join(',')}\r\n`,
  trailer: (bundle) => {
    const row: unknown[] = COLUMNS.map(() => undefined);
    row[0] = bundle?.seq;
    row[1] = bundle?.time;
    row[2] = 'checkpoint';
    row[COLUMNS.length - 2] = bundle?.head;
    row[COLUMNS.length - 1] = JSON.stringify(bundle);
    return `${row.map(csvCell).join(',')}\r\n`;
  },
};
