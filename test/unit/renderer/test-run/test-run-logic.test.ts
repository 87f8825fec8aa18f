// The load-test panel's pure logic: the form's numbers (bounds as the contract's), histogram binning, the
// timeline's series and windows, the run's state machine (progress adopted from main's pushes, late or foreign
// pushes ignored) and the progress / report words.
import { describe, expect, it } from 'vitest';
import type { TestRunProgress, TestRunReport } from '../../../../shared/contract/schemas/test-run';
import { AirlockError } from '../../../../shared/errors/airlock-error';
import { histogramSummary, latencyHistogram, MAX_BINS, niceWidth, sampleFailed } from '../../../../renderer/features/test-run/histogram';
import { endWords, errorRateWords, percent, percentileRows, statusRows, throughputWords } from '../../../../renderer/features/test-run/report-display';
import { checkRunForm, DEFAULT_FORM, firstProblem } from '../../../../renderer/features/test-run/run-form';
import { formatMs, IDLE, progressAnnouncement, progressView, runReducer, type RunState } from '../../../../renderer/features/test-run/run-state';
import { timelineSeries, timelineWindows } from '../../../../renderer/features/test-run/timeline';

const sample = (startMs: number, latencyMs: number, status = 200, error: string | null = null) => ({ startMs, latencyMs, status, error });

describe('run form', () => {
  it('accepts the defaults and in-range numbers, rate optional', () => {
    expect(checkRunForm(DEFAULT_FORM)).toEqual({ numbers: { count: 100, concurrency: 4, ratePerSecond: null }, problems: {}, notes: {} });
    expect(checkRunForm({ count: '10,000', concurrency: '64', rate: '0.5' }).numbers).toEqual({ count: 10_000, concurrency: 64, ratePerSecond: 0.5 });
    expect(checkRunForm({ count: '1', concurrency: '1', rate: ' 1000 ' }).numbers).toEqual({ count: 1, concurrency: 1, ratePerSecond: 1000 });
  });

  it('says what is wrong with each field, and Start focuses the first', () => {
    const c = checkRunForm({ count: '0', concurrency: '65', rate: '2000' });
    expect(c.numbers).toBeNull();
    expect(c.problems).toEqual({
      count: 'The number of requests must be from 1 to 10,000.',
      concurrency: 'The concurrency must be from 1 to 64.',
      rate: 'The rate must be from 0.1 to 1,000 requests per second, or empty for no limit.',
    });
    expect(firstProblem(c)).toBe('count');
    expect(firstProblem(checkRunForm({ count: '5', concurrency: '', rate: 'x' }))).toBe('concurrency');
    expect(checkRunForm({ count: '5', concurrency: '', rate: '' }).problems.concurrency).toBe('Enter the concurrency.');
  });

  it('refuses what is not a plain whole number rather than guessing (1e3, 12.5, -3, 0x10)', () => {
    for (const bad of ['1e3', '12.5', '-3', '0x10', 'ten']) expect(checkRunForm({ ...DEFAULT_FORM, count: bad }).problems.count).toBe('The number of requests must be a whole number.');
    expect(checkRunForm({ ...DEFAULT_FORM, rate: '0.05' }).problems.rate).toMatch(/from 0.1/);
    expect(checkRunForm({ ...DEFAULT_FORM, rate: '-1' }).problems.rate).toMatch(/must be a number/);
  });

  it('notes (without refusing) a concurrency above the number of requests', () => {
    const c = checkRunForm({ count: '3', concurrency: '8', rate: '' });
    expect(c.numbers).toEqual({ count: 3, concurrency: 8, ratePerSecond: null });
    expect(c.notes.concurrency).toBe('Only 3 at once can run: there are no more requests than that.');
  });
});

describe('histogram', () => {
  it('picks 1, 2 or 5 × 10^k widths', () => {
    expect([0.3, 1, 1.5, 3, 7, 12, 0.012].map(niceWidth)).toEqual([0.5, 1, 2, 5, 10, 20, 0.02]);
  });

  it('bins answered and failed apart on round edges, every sample counted once, the maximum in the last bin', () => {
    const samples = [sample(0, 10), sample(1, 12), sample(2, 19.9), sample(3, 20), sample(4, 55, 503), sample(5, 100, 0, 'E_TIMEOUT')];
    const h = latencyHistogram(samples, 10);
    expect(h.width).toBe(10);
    expect(h.bins[0]).toEqual({ from: 10, to: 20, ok: 3, failed: 0 });
    expect(h.bins[1]).toEqual({ from: 20, to: 30, ok: 1, failed: 0 });
    expect(h.bins.at(-1)).toEqual({ from: 100, to: 110, ok: 0, failed: 1 });
    expect(h.bins.reduce((n, b) => n + b.ok + b.failed, 0)).toBe(samples.length);
    expect(h.bins.find((b) => b.from === 50)).toEqual({ from: 50, to: 60, ok: 0, failed: 1 });
  });

  it('stays within MAX_BINS whatever the spread, and handles one value and none', () => {
    const wide = Array.from({ length: 10_000 }, (_, i) => sample(i, i === 0 ? 0.1 : i * 3.7));
    const h = latencyHistogram(wide, 1000);
    expect(h.bins.length).toBeLessThanOrEqual(MAX_BINS);
    expect(h.bins.reduce((n, b) => n + b.ok + b.failed, 0)).toBe(10_000);
    const one = latencyHistogram([sample(0, 42), sample(1, 42)]);
    expect(one.bins).toEqual([{ from: 42, to: 43, ok: 2, failed: 0 }]);
    expect(latencyHistogram([])).toEqual({ width: 1, bins: [] });
  });

  it('a failure is no answer or a non-2xx answer', () => {
    expect([sample(0, 1), sample(0, 1, 204), sample(0, 1, 429), sample(0, 1, 0, 'E_ROUTE_DROPPED'), sample(0, 1, 301)].map(sampleFailed)).toEqual([false, false, true, true, true]);
  });

  it('summarises itself in words for the figure', () => {
    expect(histogramSummary(latencyHistogram([sample(0, 10), sample(1, 11), sample(2, 30, 500)], 10))).toBe(
      '11 bins of 2.00 ms from 10.0 ms to 32.0 ms; most requests (2) took 10.0 ms to 12.0 ms. Solid bars: answered; outlined bars on top: failed (1).',
    );
  });
});

describe('timeline', () => {
  it('sorts by start time (seconds) and splits latency into answered and failed series', () => {
    const t = timelineSeries([sample(2000, 30, 500), sample(0, 10), sample(1000, 20)]);
    expect(t).toEqual({ x: [0, 1, 2], ok: [10, 20, null], failed: [null, null, 30] });
  });

  it('cuts the run into windows with requests, failures and the median latency', () => {
    const samples = [sample(0, 10), sample(100, 30), sample(500, 20, 0, 'E_TIMEOUT'), sample(999, 40), sample(1000, 50)];
    const w = timelineWindows(samples, 2);
    expect(w).toEqual([
      { fromMs: 0, toMs: 500, requests: 2, failed: 0, medianMs: 20 },
      { fromMs: 500, toMs: 1000, requests: 3, failed: 1, medianMs: 40 },
    ]);
    expect(timelineWindows([sample(0, 5), sample(0, 7)], 10)).toEqual([
      { fromMs: 0, toMs: 1, requests: 2, failed: 0, medianMs: 6 },
      { fromMs: 1, toMs: 2, requests: 0, failed: 0, medianMs: null },
    ]);
    expect(timelineWindows([])).toEqual([]);
  });
});

const progress = (over: Partial<TestRunProgress> = {}): TestRunProgress => ({ runId: 'run-aaaaaaaa', state: 'running', total: 200, done: 50, failed: 2, elapsedMs: 1234, latency: { p50: 12.34, p90: 20, p95: 25.5, p99: 40, min: 5, max: 60, mean: 14 }, ...over });
const report = (over: Partial<TestRunReport> = {}): TestRunReport => ({
  runId: 'run-aaaaaaaa',
  state: 'completed',
  stoppedBecause: null,
  workspaceId: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws',
  endpointName: 'credit-scoring',
  deploymentName: null,
  via: 'vpn',
  count: 200,
  concurrency: 8,
  ratePerSecond: null,
  startedAt: '2026-12-04T10:00:00.000Z',
  elapsedMs: 4000,
  sent: 200,
  succeeded: 194,
  failed: 6,
  errorRate: 0.03,
  statusCounts: { '200': 194, '0': 2, '503': 3, '429': 1 },
  latency: { p50: 12.34, p90: 20, p95: 25.5, p99: 40, min: 5, max: 160.6, mean: 14 },
  throughput: 50,
  samples: [],
  ...over,
});

describe('run state', () => {
  const running = (s: RunState) => s as Extract<RunState, { phase: 'running' }>;

  it('learns the run id from the first push and shows its progress', () => {
    let s = runReducer(IDLE, { type: 'started', total: 200 });
    expect(s).toEqual({ phase: 'running', total: 200, runId: null, progress: null, cancelling: false });
    expect(progressView(running(s)).words).toBe('Starting: 0 of 200 done, 0 failed, 0.0 s elapsed.');
    s = runReducer(s, { type: 'progress', progress: progress() });
    expect(running(s).runId).toBe('run-aaaaaaaa');
    const v = progressView(running(s));
    expect(v).toMatchObject({ done: 50, total: 200, fraction: 0.25, failed: 2, elapsed: '1.2 s', p50: '12.3 ms', p95: '25.5 ms' });
    expect(v.words).toBe('Running: 50 of 200 done, 2 failed, 1.2 s elapsed, p50 12.3 ms, p95 25.5 ms.');
    expect(progressAnnouncement(v)).toBe('20 % of 200 requests done, some failed.');
  });

  it('ignores pushes of another run, older pushes, and any push once the run ended', () => {
    let s = runReducer(runReducer(IDLE, { type: 'started', total: 200 }), { type: 'progress', progress: progress() });
    expect(runReducer(s, { type: 'progress', progress: progress({ runId: 'run-bbbbbbbb', done: 150 }) })).toBe(s);
    expect(runReducer(s, { type: 'progress', progress: progress({ done: 40 }) })).toBe(s);
    s = runReducer(s, { type: 'cancel' });
    expect(running(s).cancelling).toBe(true);
    expect(progressView(running(s)).words).toMatch(/^Stopping: /);
    const done = runReducer(s, { type: 'finished', report: report({ state: 'cancelled' }) });
    expect(runReducer(done, { type: 'progress', progress: progress({ done: 199 }) })).toBe(done);
    expect(runReducer(IDLE, { type: 'progress', progress: progress() })).toBe(IDLE);
    expect(runReducer(IDLE, { type: 'cancel' })).toBe(IDLE);
    const error = new AirlockError('E_ROUTE_DOWN');
    expect(runReducer(s, { type: 'failed', error })).toEqual({ phase: 'error', error });
  });

  it('formats milliseconds by size', () => {
    expect([0.4237, 9.999, 12.34, 99.94, 160.6, 12345.4].map(formatMs)).toEqual(['0.42 ms', '10.00 ms', '12.3 ms', '99.9 ms', '161 ms', '12,345 ms']);
  });
});

describe('report words', () => {
  it('lists the percentiles in order, the status counts sorted with "no answer" last, rates in words', () => {
    const r = report();
    expect(percentileRows(r).map((row) => `${row.label}=${row.value}`)).toEqual(['p50 (median)=12.3 ms', 'p90=20.0 ms', 'p95=25.5 ms', 'p99=40.0 ms', 'Fastest=5.00 ms', 'Slowest=161 ms', 'Mean=14.0 ms']);
    expect(statusRows(r).map((row) => `${row.label}:${row.count}`)).toEqual(['HTTP 200:194', 'HTTP 429:1', 'HTTP 503:3', 'No answer (route dropped, timeout):2']);
    expect(errorRateWords(r)).toBe('3.0 % (6 of 200)');
    expect([0, 0.0004, 0.5, 1].map(percent)).toEqual(['0 %', '0.0 %', '50 %', '100 %']);
    expect(throughputWords(50)).toBe('50.0 requests/s');
    expect(throughputWords(2.5)).toBe('2.50 requests/s');
    expect(percentileRows(report({ latency: null }))[0]!.value).toBe('—');
  });

  it('says how the run ended', () => {
    expect(endWords(report())).toBe('Completed: 200 of 200 requests sent, 8 at once, in 4.0 s.');
    expect(endWords(report({ state: 'cancelled', sent: 120, ratePerSecond: 20 }))).toBe('Cancelled: 120 of 200 requests sent, 8 at once, at most 20 per second, in 4.0 s. The numbers below cover the requests that finished.');
    expect(endWords(report({ state: 'failed', stoppedBecause: 'The private route went down and did not come back.' }))).toBe('Stopped: The private route went down and did not come back. 200 of 200 requests sent, 8 at once, in 4.0 s.');
  });
});
