// What the report table says: the percentiles in order, the error rate and throughput in words, the status
// counts sorted (answers by status, "no answer" last) and how the run ended. Pure.
import type { TestRunReport } from '../../../shared/contract/schemas/test-run';
import { count, formatMs } from './run-state';

export const PERCENTILE_ROWS = [
  ['p50', 'p50 (median)'],
  ['p90', 'p90'],
  ['p95', 'p95'],
  ['p99', 'p99'],
  ['min', 'Fastest'],
  ['max', 'Slowest'],
  ['mean', 'Mean'],
] as const;

export function percentileRows(report: TestRunReport): Array<{ key: string; label: string; value: string }> {
  const l = report.latency;
  return PERCENTILE_ROWS.map(([key, label]) => ({ key, label, value: l ? formatMs(l[key]) : '—' }));
}

export function percent(fraction: number): string {
  const p = fraction * 100;
  return `${p === 0 || p >= 10 ? p.toFixed(0) : p.toFixed(1)} %`;
}

export function throughputWords(perSecond: number): string {
  return `${perSecond < 10 ? perSecond.toFixed(2) : perSecond.toFixed(1)} requests/s`;
}

export function statusRows(report: TestRunReport): Array<{ status: string; label: string; count: number }> {
  return Object.entries(report.statusCounts)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => (a === '0' ? 1 : b === '0' ? -1 : Number(a) - Number(b)))
    .map(([status, n]) => ({ status, label: status === '0' ? 'No answer (route dropped, timeout)' : `HTTP ${status}`, count: n }));
}

export function endWords(report: TestRunReport): string {
  const sent = `${count(report.sent)} of ${count(report.count)} requests sent`;
  const pace = report.ratePerSecond ? `, at most ${report.ratePerSecond} per second` : '';
  const how = `${sent}, ${report.concurrency} at once${pace}, in ${(report.elapsedMs / 1000).toFixed(1)} s.`;
  switch (report.state) {
    case 'completed':
      return `Completed: ${how}`;
    case 'cancelled':
      return `Cancelled: ${how} The numbers below cover the requests that finished.`;
    case 'failed':
      return `Stopped: ${report.stoppedBecause ?? 'the run could not go on.'} ${how}`;
  }
}

export function errorRateWords(report: TestRunReport): string {
  return `${percent(report.errorRate)} (${count(report.failed)} of ${count(report.sent)})`;
}
