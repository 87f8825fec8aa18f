// The scheduler port: "run this after N ms", so timeouts (idle lock, sign-in timeout) can be driven by a fake in tests.
// The real adapter unrefs its timers: a pending timeout must never keep the process alive.

export interface ScheduledTask {
  cancel(): void;
}

export interface Scheduler {
  schedule(delayMs: number, run: () => void): ScheduledTask;
}

export const systemScheduler: Scheduler = {
  schedule(delayMs, run) {
    const timer = setTimeout(run, delayMs);
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  },
};
