// Runs a prepared model request the way a deployment would: "execution" takes the sandbox-only
// simulated latency (params.simulated_latency_ms, slept through the injected Sleep), and a request whose
// execution would outlast the deployment's requestTimeoutMs ends as a timeout (→ 408) at exactly that
// deadline. With no simulated latency the model runs at once and no timer is created.
// It must never leave a timer running after it returns, nor let a model's throw escape.
import type { PreparedRun } from './models';
import type { Sleep } from './sleep';

export type RunOutcome =
  | { readonly kind: 'ok'; readonly output: unknown[] }
  | { readonly kind: 'model-error'; readonly error: Error }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'aborted' };

export interface RunOptions {
  readonly latencyMs: number;
  readonly timeoutMs: number;
  readonly sleep: Sleep;
  /** Aborted when the client goes away or the server stops. */
  readonly signal: AbortSignal;
}

function execute(prepared: PreparedRun): RunOutcome {
  try {
    return { kind: 'ok', output: prepared.run() };
  } catch (error) {
    return { kind: 'model-error', error: error instanceof Error ? error : new Error(String(error)) };
  }
}

export async function runModel(prepared: PreparedRun, options: RunOptions): Promise<RunOutcome> {
  if (options.signal.aborted) return { kind: 'aborted' };
  if (options.latencyMs === 0) return execute(prepared);
  const done = new AbortController();
  const signal = AbortSignal.any([options.signal, done.signal]);
  const work = options.sleep(options.latencyMs, signal).then(() => execute(prepared));
  const deadline = options.sleep(options.timeoutMs, signal).then((): RunOutcome => ({ kind: 'timeout' }));
  try {
    return await Promise.race([work, deadline]);
  } catch {
    return { kind: 'aborted' };
  } finally {
    done.abort();
  }
}
