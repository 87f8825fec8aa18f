// What a benchmark suite provides: one baseline and one Airlock variant of the same operation, run in
// the same process, interleaved, so the ratio is not skewed by the machine drifting between them.
import type { Summary } from './stats';

export interface BenchSubject {
  readonly name: string;
  run(): Promise<void>;
  /** Work a run leaves behind that is not part of what is measured (a write that lands just after an answer): awaited after each run, untimed, so it never lands inside the next sample. */
  after?(): Promise<void>;
}

export interface BenchSuite {
  readonly id: string;
  readonly title: string;
  /** The goal in words, e.g. "Airlock p50 ≤ 1.2× baseline", and how to check it. */
  readonly goal?: string;
  goalMet?(baseline: Summary, airlock: Summary): boolean;
  readonly iterations: number;
  readonly warmup: number;
  /** May throw SkipSuite when the machine cannot run this suite (the run goes on without it). */
  setup(): Promise<{
    baseline: BenchSubject;
    airlock: BenchSubject;
    teardown: () => Promise<void>;
    /** Figures beside the ratio (throughput, a third path, checks), measured after the timed runs, before teardown. */
    extra?: () => Promise<Record<string, unknown>>;
  }>;
}

/** Thrown by a suite's setup when this machine cannot run it; the runner prints one line and moves on. */
export class SkipSuite extends Error {
  override readonly name = 'SkipSuite';
  constructor(readonly reason: string) {
    super(reason);
  }
}
