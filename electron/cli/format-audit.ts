// Plain-text renderings of `airlock audit …` for people reading a terminal: one line per record, verify's
// result in words, where an export went. Display data only (records hold no secrets by construction).
import type { AnomalyHints, AuditExportView, AuditList, AuditRecordView, AuditStatusView, VerifyReportView } from '../../shared/contract/schemas/audit';
import type { z } from 'zod';

function recordLine(r: AuditRecordView): string {
  const who = r.username ?? r.accountId ?? '-';
  const what = r.kind === 'decision' ? `${r.decision ?? '?'}${r.rule ? ` (${r.rule})` : ''}` : r.kind === 'outcome' ? (r.outcome === 'error' ? `error ${r.errorCode ?? ''}`.trimEnd() : 'ok') : (r.rule ?? '');
  return `${String(r.seq).padStart(8)}  ${r.time}  ${r.kind.padEnd(8)}  ${r.action.padEnd(22)}  ${what.padEnd(28)}  ${who}  ${r.resource}`;
}

export function formatAuditList(list: z.infer<typeof AuditList>): string {
  if (list.records.length === 0) return 'No audit records match.\n';
  const lines = [`${'SEQ'.padStart(8)}  ${'TIME'.padEnd(24)}  ${'KIND'.padEnd(8)}  ${'ACTION'.padEnd(22)}  ${'RESULT'.padEnd(28)}  WHO  RESOURCE`, ...list.records.map(recordLine)];
  const oldest = list.records.at(-1);
  if (list.hasOlder && oldest) lines.push(`More older records: add --before ${oldest.seq}`);
  return `${lines.join('\n')}\n`;
}

export function formatAuditStatus(status: AuditStatusView): string {
  const lines = [
    `Recording: ${status.writable ? 'yes' : `no — ${status.reason ?? 'refused'}`}`,
    `Newest record: #${status.lastSeq}`,
    `Keys: ${status.keychain === 'keychain' ? 'in the OS keychain' : `in memory only${status.keychainReason ? ` — ${status.keychainReason}` : ''}`}`,
    `Durability: ${status.durability === 'power' ? 'survives a power cut' : 'survives Airlock being killed'}`,
    `Database: ${status.location}`,
    `Kept for: ${status.retentionDays === null ? 'unknown' : `${status.retentionDays} days`}`,
    `Forwarding: ${status.forwarding ? status.forwarding.words : 'off'}`,
  ];
  return `${lines.join('\n')}\n`;
}

export function formatVerify(report: VerifyReportView): string {
  const lines = [report.words, `Checked ${report.checked} of ${report.total} records.`];
  for (const finding of report.findings) lines.push(`  - ${finding.words}`);
  // Without a keychain every run starts a stretch of its own: the first few in words, then how many more.
  for (const stretch of report.unverifiable.slice(0, STRETCHES_SHOWN)) lines.push(`  - ${stretch.words}`);
  const more = report.unverifiable.length - STRETCHES_SHOWN;
  if (more > 0) lines.push(`  - …and ${more} more stretch${more === 1 ? '' : 'es'} that cannot be verified, the last ending at record ${report.unverifiable.at(-1)!.toSeq} (--json lists each).`);
  return `${lines.join('\n')}\n`;
}

const STRETCHES_SHOWN = 5;

export function verifyProgressLine(checked: number, total: number): string {
  return `Verifying: ${checked} of ${total} records`;
}

export function formatExport(result: AuditExportView): string {
  if (!result.saved) return 'No export file was written.\n';
  const checkpoint = result.checkpointSeq === null ? 'no signed checkpoint yet' : `signed checkpoint at record ${result.checkpointSeq}`;
  return `Exported ${result.records} record${result.records === 1 ? '' : 's'} (${result.format.toUpperCase()}) to ${result.file ?? ''}, with ${checkpoint}.\n`;
}

export function formatAnomalies(result: z.infer<typeof AnomalyHints>): string {
  if (result.hints.length === 0) return 'No anomaly hints.\n';
  const lines = result.hints.map((h) => `${h.blocking ? '! ' : '- '}${h.summary} [${h.kind}; ${h.username ?? h.accountId ?? 'no account'}; since ${h.since}${h.blocking ? '; blocks by policy' : ''}]`);
  return `${lines.join('\n')}\n`;
}
