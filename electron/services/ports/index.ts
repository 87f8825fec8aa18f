// Ports: the small interfaces for what differs per host (clock, logging, runtime facts).
// Real adapters live beside them; tests pass their own. Later issues add keychain, HTTP, resolver, browser opener.

export interface Clock {
  /** Wall-clock time, for timestamps shown to people and written to records. */
  now(): Date;
  /** Monotonic milliseconds, for measuring durations; never compared across processes. */
  monotonicMs(): number;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Readonly<Record<string, string | number | boolean | null>>;

/** Structured logging. Callers pass event names and display-safe fields only, never secrets or raw errors. */
export interface Logger {
  log(level: LogLevel, event: string, fields?: LogFields): void;
}

export const systemClock: Clock = {
  now: () => new Date(),
  monotonicMs: () => performance.now(),
};

/** Writes one JSON line per event to stderr, so stdout stays clean for the CLI's output. */
export function createStderrLogger(minLevel: LogLevel = 'info'): Logger {
  const order: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };
  return {
    log(level, event, fields = {}) {
      if (order[level] < order[minLevel]) return;
      // Fields first, so a field named `level` or `event` cannot overwrite the real ones.
      process.stderr.write(`${JSON.stringify({ ...fields, t: new Date().toISOString(), level, event })}\n`);
    },
  };
}

export const silentLogger: Logger = { log: () => undefined };
export { systemScheduler, type ScheduledTask, type Scheduler } from './scheduler';
export { createHttpsSend, type HttpsRequest, type HttpsResponse, type HttpsSend } from './https-request';
export { trustContext } from './tls-trust';
export { createNodeHttpsPort, type HttpsEnvironment, type HttpsPort, type NodeHttpsPortDeps } from './https-port';
