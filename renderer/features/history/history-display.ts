// How a history entry reads in the list and the compare view: when (local time, to the second), what it was sent
// to, its status in words. Pure.
import type { HistoryEntrySummary } from '../../../shared/contract/schemas/history';
import { cleanLine } from '../../components/inert-text';
import { localTimeText } from '../../components/time-text';

/** `2026-12-04 10:31:07` in the machine's time zone (an ISO timestamp from main; '—' when it is not one). */
export function whenText(iso: string): string {
  return localTimeText(iso) ?? '—';
}

export function targetWords(deploymentName: string | null): string {
  return deploymentName === null ? 'Traffic split' : `Deployment ${cleanLine(deploymentName)}`;
}

export function statusWords(summary: Pick<HistoryEntrySummary, 'status' | 'failureTitle'>): string {
  return summary.failureTitle ? `${summary.status} ${cleanLine(summary.failureTitle)}` : String(summary.status);
}
