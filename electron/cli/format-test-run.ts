// Terminal text for a test run (testRun.start's report, testRun.progress): what ran over which route, how it
// ended and why, the latency percentiles, error rate, throughput and the count per HTTP status. Every string
// from elsewhere (names, the words of a stop) is made inert.
import type { TestRunProgress as Progress, TestRunReport as Report } from '../../shared/contract/schemas/test-run';
import { inert, table } from './inert';

const ms = (value: number): string => value.toFixed(1);
const percent = (rate: number): string => `${(rate * 100).toFixed(rate > 0 && rate < 0.001 ? 3 : 1)} %`;

/** One line for stderr while the run runs. */
export function testRunProgressLine(p: Progress): string {
  const latency = p.latency ? `, p50 ${ms(p.latency.p50)} ms, p99 ${ms(p.latency.p99)} ms` : '';
  return `Test run: ${p.done}/${p.total} done, ${p.failed} failed${latency}, ${(p.elapsedMs / 1000).toFixed(1)} s`;
}

export function formatTestRun(report: Report, csv: { path: string; rows: number } | null): string {
  const target = `${inert(report.endpointName, 64)}${report.deploymentName ? ` (deployment ${inert(report.deploymentName, 64)})` : ''}`;
  const l = report.latency;
  const lines = [
    `Test run ${report.state}: ${report.sent} of ${report.count} requests to ${target} over ${report.via}`,
    ...(report.stoppedBecause ? [`  ${inert(report.stoppedBecause, 400)}`] : []),
    `Concurrency ${report.concurrency}, rate ${report.ratePerSecond === null ? 'as fast as the concurrency allows' : `at most ${report.ratePerSecond}/s`}; ${(report.elapsedMs / 1000).toFixed(2)} s, ${report.throughput.toFixed(1)} requests/s`,
    `Errors: ${report.failed} of ${report.sent} (${percent(report.errorRate)})`,
    '',
    table(['LATENCY (ms)', 'P50', 'P90', 'P95', 'P99', 'MIN', 'MAX', 'MEAN'], l ? [['', ms(l.p50), ms(l.p90), ms(l.p95), ms(l.p99), ms(l.min), ms(l.max), ms(l.mean)]] : [], 'No request finished, so there is no latency to show.').trimEnd(),
    '',
    table(
      ['STATUS', 'REQUESTS'],
      Object.entries(report.statusCounts)
        .sort(([a], [b]) => Number(a) - Number(b))
        .map(([status, n]) => [status === '0' ? '0 (no answer)' : status, String(n)]),
      'No requests were sent.',
    ).trimEnd(),
    ...(csv ? ['', csv.path ? `CSV: ${inert(csv.path, 4096)} (${csv.rows} rows)` : 'CSV: not written'] : []),
  ];
  return `${lines.join('\n')}\n`;
}
