// Latency percentiles of a test run, by the nearest-rank method: p is the smallest sample at or above which p %
// of the samples lie (rank ⌈p/100 · n⌉ of the sorted samples). Always a value that was measured, never an
// interpolation, so p99 of 10 samples is the slowest one, as a support engineer reading it would expect.
import type { z } from 'zod';
import type { LatencyPercentiles } from '../../../shared/contract/schemas/test-run';

export type Percentiles = z.infer<typeof LatencyPercentiles>;

/** Milliseconds to three decimals: microseconds are the finest a clock here tells apart. */
export const roundMs = (ms: number): number => Math.round(Math.max(0, ms) * 1000) / 1000;

/** The sample of rank ⌈p/100 · n⌉ (1-based) in `sorted` (ascending, not empty). */
export function nearestRank(sorted: readonly number[], p: number): number {
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

/** p50/p90/p95/p99, min, max and mean of `latencies` (ms); null when there are none. */
export function latencyPercentiles(latencies: readonly number[]): Percentiles | null {
  if (latencies.length === 0) return null;
  const sorted = Float64Array.from(latencies).sort(); // numeric sort, unlike Array#sort's default
  const list = Array.from(sorted);
  let sum = 0;
  for (const value of list) sum += value;
  return {
    p50: roundMs(nearestRank(list, 50)),
    p90: roundMs(nearestRank(list, 90)),
    p95: roundMs(nearestRank(list, 95)),
    p99: roundMs(nearestRank(list, 99)),
    min: roundMs(list[0]!),
    max: roundMs(list[list.length - 1]!),
    mean: roundMs(sum / list.length),
  };
}
