// The timeline chart's data (latency over start time, answered and failed apart) and its text alternative: the
// run cut into a few equal windows of start time, each with its requests, failures and median latency, because a
// screen reader cannot read 10,000 dots. Pure.
import type { Sample as TestRunSample } from './test-run-types';
import { sampleFailed } from './histogram';

export interface TimelineSeries {
  /** Start times in seconds since the run began, ascending (uPlot wants its x sorted). */
  readonly x: number[];
  /** Latency (ms) of the answered requests at each x, null where that request failed. */
  readonly ok: (number | null)[];
  /** Latency (ms) of the failed requests at each x, null where that request was answered. */
  readonly failed: (number | null)[];
}

export function timelineSeries(samples: readonly TestRunSample[]): TimelineSeries {
  const sorted = [...samples].sort((a, b) => a.startMs - b.startMs);
  return {
    x: sorted.map((s) => s.startMs / 1000),
    ok: sorted.map((s) => (sampleFailed(s) ? null : s.latencyMs)),
    failed: sorted.map((s) => (sampleFailed(s) ? s.latencyMs : null)),
  };
}

export interface TimelineWindow {
  readonly fromMs: number;
  readonly toMs: number;
  readonly requests: number;
  readonly failed: number;
  /** Median latency of the window's requests (all of them), null when none started in it. */
  readonly medianMs: number | null;
}

export function timelineWindows(samples: readonly TestRunSample[], windows = 10): TimelineWindow[] {
  if (samples.length === 0) return [];
  let last = 0;
  for (const s of samples) last = Math.max(last, s.startMs);
  const n = Math.max(1, Math.min(windows, samples.length));
  // At least 1 ms wide, so a run whose requests all started at once is one window, not a division by zero.
  const width = Math.max(1, last / n);
  const groups: number[][] = Array.from({ length: n }, () => []);
  const failures = new Array<number>(n).fill(0);
  for (const s of samples) {
    const i = Math.min(n - 1, Math.floor(s.startMs / width));
    groups[i]!.push(s.latencyMs);
    if (sampleFailed(s)) failures[i]! += 1;
  }
  return groups.map((g, i) => ({ fromMs: i * width, toMs: (i + 1) * width, requests: g.length, failed: failures[i]!, medianMs: median(g) }));
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
