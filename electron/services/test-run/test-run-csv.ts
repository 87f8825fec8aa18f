// A test run as CSV (RFC 4180): one row per sample, a blank line, then the summary as name,value rows. Opened
// in a spreadsheet, a cell that begins with = + - @ (or a tab or carriage return) would be read as a formula
// (CSV injection), so such a cell gets a leading apostrophe; cells with a comma, quote or line break are quoted.
import type { TestRunReport } from '../../../shared/contract/schemas/test-run';

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const row = (cells: ReadonlyArray<string | number | null>) => `${cells.map(csvCell).join(',')}\r\n`;

export const CSV_HEADER = ['request', 'start_ms', 'latency_ms', 'status', 'error'] as const;

/** The whole file as text (10k samples is well under a megabyte). */
export function testRunCsv(report: TestRunReport): string {
  const out: string[] = [row(CSV_HEADER)];
  report.samples.forEach((s, i) => out.push(row([i + 1, s.startMs, s.latencyMs, s.status, s.error])));
  const l = report.latency;
  const summary: Array<[string, string | number | null]> = [
    ['run_id', report.runId],
    ['state', report.state],
    ['stopped_because', report.stoppedBecause],
    ['workspace_id', report.workspaceId],
    ['endpoint', report.endpointName],
    ['deployment', report.deploymentName],
    ['via', report.via],
    ['count', report.count],
    ['concurrency', report.concurrency],
    ['rate_per_second', report.ratePerSecond],
    ['started_at', report.startedAt],
    ['elapsed_ms', report.elapsedMs],
    ['sent', report.sent],
    ['succeeded', report.succeeded],
    ['failed', report.failed],
    ['error_rate', report.errorRate],
    ['throughput_per_second', report.throughput],
    ['latency_p50_ms', l?.p50 ?? null],
    ['latency_p90_ms', l?.p90 ?? null],
    ['latency_p95_ms', l?.p95 ?? null],
    ['latency_p99_ms', l?.p99 ?? null],
    ['latency_min_ms', l?.min ?? null],
    ['latency_max_ms', l?.max ?? null],
    ['latency_mean_ms', l?.mean ?? null],
    ...Object.entries(report.statusCounts)
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([status, n]): [string, number] => [`status_${status}`, n]),
  ];
  out.push('\r\n', row(['summary', 'value']));
  for (const [name, value] of summary) out.push(row([name, value]));
  return out.join('');
}
