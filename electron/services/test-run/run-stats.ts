// What a test run's samples add up to: counts by outcome and by HTTP status, the error rate, the latency
// percentiles and the throughput. Pure, shared by the progress pushes and the final report. A sample "succeeded"
// when the endpoint answered 2xx; anything else (a 4xx/5xx answer, or no answer: status 0) failed.
import type { TestRunSample } from '../../../shared/contract/schemas/test-run';
import type { z } from 'zod';
import { latencyPercentiles, type Percentiles } from './percentiles';

export type Sample = z.infer<typeof TestRunSample>;

export interface RunStats {
  readonly sent: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly errorRate: number;
  readonly statusCounts: Record<string, number>;
  readonly latency: Percentiles | null;
  /** Requests per second over `elapsedMs`; 0 when no time passed. */
  readonly throughput: number;
}

export const isSuccess = (status: number): boolean => status >= 200 && status < 300;

export function runStats(samples: readonly Sample[], elapsedMs: number): RunStats {
  const statusCounts: Record<string, number> = {};
  let succeeded = 0;
  for (const sample of samples) {
    statusCounts[String(sample.status)] = (statusCounts[String(sample.status)] ?? 0) + 1;
    if (isSuccess(sample.status)) succeeded += 1;
  }
  const sent = samples.length;
  const failed = sent - succeeded;
  return {
    sent,
    succeeded,
    failed,
    errorRate: sent === 0 ? 0 : Math.round((failed / sent) * 1e6) / 1e6,
    statusCounts,
    latency: latencyPercentiles(samples.map((s) => s.latencyMs)),
    throughput: elapsedMs > 0 ? Math.round((sent * 1000 * 1000) / elapsedMs) / 1000 : 0,
  };
}
