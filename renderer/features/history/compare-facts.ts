// The facts of two history entries side by side (status, who answered, timings, sizes, headers), each row
// marked when the two differ. Pure; values are plain strings the view renders as inert text.
import type { HistoryEntryView } from '../../../shared/contract/schemas/history';
import { formatBytes } from '../invoke/payload-size';
import { msText } from '../invoke/response-display';
import { targetWords, whenText } from './history-display';

export interface FactRow {
  readonly key: string;
  readonly label: string;
  readonly left: string;
  readonly right: string;
  readonly differs: boolean;
}

type Fact = [key: string, label: string, value: (e: HistoryEntryView) => string];

const ms = (value: number | null) => (value === null ? '—' : msText(value));

const FACTS: readonly Fact[] = [
  ['at', 'Sent at', (e) => whenText(e.summary.at)],
  ['target', 'Sent to', (e) => targetWords(e.summary.deploymentName)],
  ['status', 'Status', (e) => `HTTP ${e.result.status}${e.result.failure ? ` — ${e.result.failure.title}` : ''}`],
  ['answeredBy', 'Answered by deployment', (e) => e.result.modelDeployment ?? '—'],
  ['totalMs', 'Total', (e) => ms(e.result.timings.totalMs)],
  ['dnsMs', 'DNS', (e) => ms(e.result.timings.dnsMs)],
  ['connectMs', 'Connect', (e) => ms(e.result.timings.connectMs)],
  ['tlsMs', 'TLS', (e) => ms(e.result.timings.tlsMs)],
  ['ttfbMs', 'Time to first byte', (e) => ms(e.result.timings.ttfbMs)],
  ['downloadMs', 'Download', (e) => ms(e.result.timings.downloadMs)],
  ['request', 'Request body', (e) => `${formatBytes(e.summary.requestBytes)}, SHA-256 ${e.summary.requestSha256.slice(0, 12)}…`],
  ['response', 'Response body', (e) => `${formatBytes(e.result.bodyBytes)}${e.result.bodyTruncated ? ' (cut at the display bound)' : ''}`],
  ['contentType', 'Content type', (e) => e.result.contentType ?? '—'],
  ['requestId', 'Request id', (e) => e.result.requestId ?? '—'],
  ['runFunctionFailure', 'run() failure', (e) => e.result.runFunctionFailure ?? '—'],
  ['route', 'Route', (e) => `${e.result.route.via} (${e.result.route.id})`],
  ['authMode', 'Auth mode', (e) => e.result.authMode],
];

export function compareFacts(left: HistoryEntryView, right: HistoryEntryView): FactRow[] {
  return FACTS.map(([key, label, value]) => {
    const l = value(left);
    const r = value(right);
    return { key, label, left: l, right: r, differs: l !== r };
  });
}

/** Whether the two requests sent the same body (by its SHA-256, as the audit trail keeps it). */
export function sameRequest(left: HistoryEntryView, right: HistoryEntryView): boolean {
  return left.summary.requestSha256 === right.summary.requestSha256;
}
