// How one audit record reads in the list and the detail pane: its time in the user's local clock, who, and
// what came of it (a decision's allow/deny, an outcome's ok/error code). Plain strings; React escapes them.
import { localTimeText } from '../../components/time-text';
import type { AuditRecordView } from './audit-types';

/** `2026-12-04 10:31:07` in the machine's zone (the list's header names the zone); the text as stored when not a time. */
export function recordTime(iso: string): string {
  return localTimeText(iso) ?? iso;
}

/** An ARM id as its type and last segment ('workspace:…/ws-credit-private'); the detail pane shows it whole. */
export function shortResource(resource: string): string {
  const colon = resource.indexOf(':');
  const id = resource.slice(colon + 1);
  const last = id.split('/').filter(Boolean).at(-1);
  return id.includes('/') && last && last.length < id.length ? `${resource.slice(0, colon + 1)}…/${last}` : resource;
}

export function recordWho(record: AuditRecordView): string {
  return record.username ?? record.accountId ?? '—';
}

export type ResultTone = 'success' | 'danger' | 'informative';

/** `text` in full (detail pane, the row's title and label); `badge` short enough for the list's Result column. */
export function recordResult(record: AuditRecordView): { text: string; badge: string; tone: ResultTone } {
  if (record.decision) {
    const text = record.decision === 'allow' ? 'Allowed' : 'Denied';
    return { text, badge: text, tone: record.decision === 'allow' ? 'success' : 'danger' };
  }
  if (record.outcome === 'ok') return { text: 'OK', badge: 'OK', tone: 'success' };
  if (record.outcome) return { text: record.errorCode ? `Error ${record.errorCode}` : 'Error', badge: 'Error', tone: 'danger' };
  return { text: 'System', badge: 'System', tone: 'informative' };
}

export const KIND_LABELS: Readonly<Record<AuditRecordView['kind'], string>> = { decision: 'Decision', outcome: 'Outcome', system: 'System' };

export function byteSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB (${bytes.toLocaleString()} bytes)`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB (${bytes.toLocaleString()} bytes)`;
}
