// The only way the scoring server lets time pass: simulated model latency (the sandbox-only
// `params.simulated_latency_ms` knob) and the deployment's request timeout are both sleeps through this
// function, so tests inject a manual one and never wait on the wall clock. A sleep must reject promptly
// when its signal aborts (request finished, client gone, server stopping) and leave no timer behind.

export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export class SleepAborted extends Error {
  override name = 'SleepAborted';
}

export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) {
      reject(new SleepAborted());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new SleepAborted());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
