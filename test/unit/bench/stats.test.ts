import { describe, expect, it } from 'vitest';
import { percentile, summarize } from '../../../bench/stats';

describe('bench statistics', () => {
  it('interpolates percentiles between ranks', () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(sorted, 50)).toBe(5.5);
    expect(percentile(sorted, 0)).toBe(1);
    expect(percentile(sorted, 100)).toBe(10);
    expect(percentile(sorted, 95)).toBeCloseTo(9.55);
  });

  it('summarizes unsorted samples without changing them', () => {
    const samples = [5, 1, 3];
    expect(summarize(samples)).toEqual({ n: 3, p50: 3, p90: 4.6, p95: 4.8, p99: 4.96, mean: 3, min: 1 });
    expect(samples).toEqual([5, 1, 3]);
  });

  it('reports NaN for no samples rather than inventing a number', () => {
    expect(Number.isNaN(summarize([]).p50)).toBe(true);
  });
});
