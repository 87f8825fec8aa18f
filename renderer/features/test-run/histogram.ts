// Latency histogram bins for the chart and its table: equal-width bins of a "nice" width (1, 2 or 5 × 10^k ms)
// so the edges read as round numbers, about `target` of them, each counting its answered (ok) and failed
// requests. Pure and bounded: 10,000 samples make at most MAX_BINS bins whatever their spread.
import { count, formatMs } from './run-state';
import type { Sample as TestRunSample } from './test-run-types';

export const MAX_BINS = 60;

export interface HistogramBin {
  /** Inclusive lower edge, ms. */
  readonly from: number;
  /** Exclusive upper edge, ms (the last bin also holds its upper edge). */
  readonly to: number;
  readonly ok: number;
  readonly failed: number;
}

export interface Histogram {
  readonly width: number;
  readonly bins: readonly HistogramBin[];
}

/** A sample "failed" when no answer came or the answer was not 2xx, as the report counts it. */
export function sampleFailed(s: Pick<TestRunSample, 'status' | 'error'>): boolean {
  return s.error !== null || s.status < 200 || s.status > 299;
}

/** The smallest of 1, 2, 5 × 10^k (k may be negative) at least `raw`. */
export function niceWidth(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const step of [1, 2, 5, 10]) if (step * power >= raw * (1 - 1e-9)) return step * power;
  return 10 * power;
}

export function latencyHistogram(samples: readonly Pick<TestRunSample, 'latencyMs' | 'status' | 'error'>[], target = 30): Histogram {
  if (samples.length === 0) return { width: 1, bins: [] };
  let min = Infinity;
  let max = -Infinity;
  for (const s of samples) {
    if (s.latencyMs < min) min = s.latencyMs;
    if (s.latencyMs > max) max = s.latencyMs;
  }
  const bins = Math.max(1, Math.min(MAX_BINS, Math.round(target)));
  let width = niceWidth((max - min) / bins);
  // Edges on multiples of the width; rounding up may still leave one bin too many, so widen until it fits.
  let start = Math.floor(min / width) * width;
  let count = Math.floor((max - start) / width) + 1;
  while (count > MAX_BINS) {
    width = niceWidth(width * 1.01);
    start = Math.floor(min / width) * width;
    count = Math.floor((max - start) / width) + 1;
  }
  const ok = new Array<number>(count).fill(0);
  const failed = new Array<number>(count).fill(0);
  for (const s of samples) {
    const i = Math.min(count - 1, Math.floor((s.latencyMs - start) / width));
    if (sampleFailed(s)) failed[i]! += 1;
    else ok[i]! += 1;
  }
  return { width, bins: ok.map((n, i) => ({ from: round(start + i * width), to: round(start + (i + 1) * width), ok: n, failed: failed[i]! })) };
}

// Edges like 0.30000000000000004 read badly in the table; the width's own precision is enough.
function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/** The figure's words for the chart: its bins, where most requests fell, and how failures are drawn. */
export function histogramSummary(h: Histogram): string {
  if (h.bins.length === 0) return 'No requests finished.';
  const peak = h.bins.reduce((best, b) => (b.ok + b.failed > best.ok + best.failed ? b : best));
  const failed = h.bins.reduce((n, b) => n + b.failed, 0);
  return `${h.bins.length} bins of ${formatMs(h.width)} from ${formatMs(h.bins[0]!.from)} to ${formatMs(h.bins.at(-1)!.to)}; most requests (${count(peak.ok + peak.failed)}) took ${formatMs(peak.from)} to ${formatMs(peak.to)}. Solid bars: answered; outlined bars on top: failed (${count(failed)}).`;
}
