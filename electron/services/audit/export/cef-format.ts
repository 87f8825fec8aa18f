// CEF (ArcSight Common Event Format, version 0): `CEF:0|Vendor|Product|Version|SignatureID|Name|Severity|ext`.
// Escaping per the spec: in the header `\` → `\\` and `|` → `\|` (and no line breaks: they become spaces); in
// the extension `\` → `\\`, `=` → `\=`, line feed → `\n`, carriage return → `\r`. The first line is a
// checkpoint event carrying the bundle in `msg`.
import type { AuditRecord } from '../audit-event';
import type { CheckpointBundle } from './checkpoint-bundle';
import { PRODUCT, type ExportFormat } from './export-format';

export function cefHeaderValue(value: string): string {
  return value.replace(/[\\|]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
}

export function cefExtensionValue(value: string): string {
  return value.replace(/[\\=\r\n]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\${c}`));
}

type Pairs = readonly (readonly [string, string | number | null | undefined])[];

const present = (value: unknown): boolean => value !== undefined && value !== null && value !== '';

/** key=value pairs; a `…Label` pair is kept only when the value it labels (the next pair) is present. */
function extension(pairs: Pairs): string {
  return pairs
    .filter(([key, value], i) => present(value) && (!key.endsWith('Label') || present(pairs[i + 1]?.[1])))
    .map(([key, value]) => `${key}=${cefExtensionValue(String(value))}`)
    .join(' ');
}

function line(signatureId: string, name: string, severity: number, pairs: Pairs): string {
  const header = ['CEF:0', PRODUCT.vendor, PRODUCT.name, PRODUCT.version, signatureId, name, String(severity)].map((v, i) => (i === 0 ? v : cefHeaderValue(v)));
  return `${header.join('|')}|${extension(pairs)}\n`;
}

function severity(record: AuditRecord): number {
  if (record.action === 'audit.gap') return 9;
  return record.decision === 'deny' || record.outcome === 'error' ? 5 : 3;
}

function checkpointLine(bundle: CheckpointBundle | null): string {
  if (!bundle) return line('audit.checkpoint', 'Audit checkpoint (none yet)', 1, []);
  return line('audit.checkpoint', 'Audit checkpoint', 1, [
    ['rt', Date.parse(bundle.time)], ['cn1Label', 'seq'], ['cn1', bundle.seq], ['cs1Label', 'head'], ['cs1', bundle.head],
    ['cs2Label', 'trail'], ['cs2', bundle.trail], ['cs3Label', 'signature'], ['cs3', bundle.signature], ['msg', JSON.stringify(bundle)],
  ]);
}

export const cefFormat: ExportFormat = {
  name: 'cef',
  header: checkpointLine,
  record({ record, hash }) {
    const result = record.decision ?? record.outcome;
    return line(record.action, `${record.action} ${record.kind}${result ? ` ${result}` : ''}`, severity(record), [
      ['rt', Date.parse(record.time)], ['externalId', record.seq], ['cat', record.kind], ['act', record.action], ['outcome', result],
      ['suser', record.username], ['suid', record.accountId], ['src', record.addresses?.[0]], ['msg', record.reason], ['reason', record.errorCode],
      ['cs1Label', 'resource'], ['cs1', record.resource], ['cs2Label', 'correlationId'], ['cs2', record.correlationId],
      ['cs3Label', 'rule'], ['cs3', record.rule], ['cs4Label', 'tenantId'], ['cs4', record.tenantId],
      ['cs5Label', 'environmentId'], ['cs5', record.environmentId], ['cs6Label', 'chainHash'], ['cs6', hash],
      ['cn1Label', 'seq'], ['cn1', record.seq], ['cn2Label', 'durationMs'], ['cn2', record.durationMs],
      ['flexString1Label', 'route'], ['flexString1', record.route], ['flexString2Label', 'host'], ['flexString2', record.host],
      ['fileHash', record.payload?.sha256], ['fsize', record.payload?.bytes],
    ]);
  },
  trailer: () => '',
};
