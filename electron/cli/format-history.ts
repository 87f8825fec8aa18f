// Terminal text for the local history (history.list|get): a table of entries (names and numbers; names inert,
// they came from the user or ARM), one entry whole (the payload as sent and the response as shown, both inert:
// a scoring server's text is someone else's data), and a removal count. Never a credential (none is kept).
import type { HistoryEntryView, HistoryList } from '../../shared/contract/schemas/history';
import { formatInvoke } from './format-invoke';
import { inert, inertLines, table } from './inert';

const target = (e: { endpointName: string; deploymentName: string | null }) => `${inert(e.endpointName, 64)}${e.deploymentName ? `/${inert(e.deploymentName, 32)}` : ''}`;

export function formatHistoryList(list: HistoryList): string {
  const rows = list.entries.map((e) => [
    e.id,
    e.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
    target(e),
    `${e.status}${e.ok ? '' : e.failureTitle ? ` ${inert(e.failureTitle, 40)}` : ''}`,
    `${e.totalMs.toFixed(0)} ms`,
    `${e.requestBytes} B`,
    `${e.responseBytes} B`,
    e.via,
  ]);
  const lines = [table(['ID', 'TIME', 'ENDPOINT', 'STATUS', 'TOTAL', 'SENT', 'RECEIVED', 'VIA'], rows, 'No test requests in your history on this device.').trimEnd()];
  if (list.nextBefore) lines.push(`Older entries: airlock history list --before ${list.nextBefore}`);
  lines.push(list.keeping ? `New test requests are kept for ${list.retentionDays} days, encrypted on this device.` : `Not keeping new test requests: ${inert(list.notKeptReason ?? 'history is off', 400)}`);
  return `${lines.join('\n')}\n`;
}

export function formatHistoryEntry(entry: HistoryEntryView): string {
  const s = entry.summary;
  const lines = [
    `Entry: ${s.id} (${s.at})`,
    `Workspace: ${inert(s.workspaceId, 400)}`,
    `Endpoint: ${target(s)}${s.answeredBy ? `, answered by ${inert(s.answeredBy, 64)}` : ''}`,
    `Sent: ${s.requestBytes} bytes, SHA-256 ${s.requestSha256}`,
    `Payload:`,
    inertLines(entry.payload),
    '',
  ];
  return `${lines.join('\n')}${formatInvoke(entry.result)}`;
}

export function historySaved(historyId: string | null): string {
  return historyId ? `Saved to history as ${historyId}\n` : 'Not saved to history (airlock history says why)\n';
}
