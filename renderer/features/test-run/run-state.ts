// The load test's life in the panel, as a pure reducer: idle → running (the run id learnt from main's first
// testRun.progress push, since testRun.start only answers when the run ends) → done (the report) or error.
// Progress for another run, or after this one ended, is ignored: a late push must never turn a report back into
// a progress bar. A Cancel pressed before the run id is known is remembered and sent when it arrives.
import type { TestRunProgress, TestRunReport } from '../../../shared/contract/schemas/test-run';
import type { AirlockError } from '../../../shared/errors/airlock-error';

export type RunState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'running'; readonly total: number; readonly runId: string | null; readonly progress: TestRunProgress | null; readonly cancelling: boolean }
  | { readonly phase: 'done'; readonly report: TestRunReport }
  | { readonly phase: 'error'; readonly error: AirlockError };

export type RunEvent =
  | { readonly type: 'started'; readonly total: number }
  | { readonly type: 'progress'; readonly progress: TestRunProgress }
  | { readonly type: 'cancel' }
  | { readonly type: 'finished'; readonly report: TestRunReport }
  | { readonly type: 'failed'; readonly error: AirlockError };

export const IDLE: RunState = { phase: 'idle' };

export function runReducer(state: RunState, event: RunEvent): RunState {
  switch (event.type) {
    case 'started':
      return { phase: 'running', total: event.total, runId: null, progress: null, cancelling: false };
    case 'progress': {
      if (state.phase !== 'running') return state;
      if (state.runId !== null && state.runId !== event.progress.runId) return state;
      // Pushes may overtake each other; never go backwards.
      if (state.progress && state.progress.runId === event.progress.runId && event.progress.done < state.progress.done) return state;
      return { ...state, runId: event.progress.runId, progress: event.progress };
    }
    case 'cancel':
      return state.phase === 'running' ? { ...state, cancelling: true } : state;
    case 'finished':
      return { phase: 'done', report: event.report };
    case 'failed':
      return { phase: 'error', error: event.error };
  }
}

export interface ProgressView {
  readonly done: number;
  readonly total: number;
  /** 0..1 for the bar. */
  readonly fraction: number;
  readonly failed: number;
  readonly elapsed: string;
  readonly p50: string;
  readonly p95: string;
  /** One sentence for the live region. */
  readonly words: string;
}

export function progressView(state: Extract<RunState, { phase: 'running' }>): ProgressView {
  const p = state.progress;
  const total = p?.total ?? state.total;
  const done = p?.done ?? 0;
  const failed = p?.failed ?? 0;
  const elapsed = formatSeconds(p?.elapsedMs ?? 0);
  const p50 = p?.latency ? formatMs(p.latency.p50) : '—';
  const p95 = p?.latency ? formatMs(p.latency.p95) : '—';
  const head = state.cancelling ? 'Stopping' : p ? 'Running' : 'Starting';
  const words = `${head}: ${count(done)} of ${count(total)} done, ${count(failed)} failed, ${elapsed} elapsed${p?.latency ? `, p50 ${p50}, p95 ${p95}` : ''}.`;
  return { done, total, fraction: total > 0 ? Math.min(1, done / total) : 0, failed, elapsed, p50, p95, words };
}

/** The live region's words: they change every tenth of the way (and when the first failure comes), not per push. */
export function progressAnnouncement(v: ProgressView): string {
  const tenth = Math.floor(v.fraction * 10) * 10;
  return `${tenth} % of ${count(v.total)} requests done${v.failed > 0 ? ', some failed' : ''}.`;
}

export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** 0.42 ms / 12.3 ms / 1,234 ms: three significant figures under 100, whole ms above. */
export function formatMs(ms: number): string {
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  return `${Math.round(ms).toLocaleString('en-US')} ms`;
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
