// One managed route (an environment × via): its state machine and everything that moves it — connect with a
// deadline, periodic probes (round trip, degraded when slow or failing), drops, reconnects with backoff, and
// disconnect. Every async result carries the generation it was started in; one that comes back after a
// disconnect or a newer attempt is closed and ignored, never applied. All timing goes through the scheduler.
import type { AirlockError } from '../../../../shared/errors/airlock-error';
import type { Clock, Logger, ScheduledTask, Scheduler } from '../../ports';
import type { RouteConnection, RouteDriver, RouteState, RouteStatus, RouteVia } from '../route-types';
import { reconnectDelayMs } from './backoff';
import type { RouteTiming } from './route-timing';
import { asAirlockError, connectTimedOut, DEFAULT_TARGETS, disconnectedWhileConnecting, notOffered, probeTimedOut } from './route-words';

export interface ManagedRouteDeps {
  readonly environmentId: string;
  readonly via: RouteVia;
  readonly driverFor: () => RouteDriver | null;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly random: () => number;
  readonly timing: RouteTiming;
  readonly logger: Logger;
  readonly emit: (status: RouteStatus) => void;
}

export interface ManagedRoute {
  status(): RouteStatus;
  /** The state alone: what a request's route lookup needs, without building the status (bytes, timings). */
  state(): RouteState;
  /** The open connection while up or degraded, else null. */
  connection(): RouteConnection | null;
  connect(): Promise<RouteStatus>;
  /** Closes it; `because` (a policy change, say) becomes the status's last error, so the user sees why it went off. */
  disconnect(because?: AirlockError): Promise<RouteStatus>;
}

/**
 * Runs `work` against a deadline on the scheduler and the caller's abort: whichever comes first settles it (and
 * aborts the work). A value that arrives after that is handed to `late` (a connection to close), never returned.
 */
function withDeadline<T>(
  scheduler: Scheduler,
  ms: number,
  timedOut: () => AirlockError,
  work: (signal: AbortSignal) => Promise<T>,
  { abort = new AbortController(), aborted = timedOut, late = () => undefined }: { abort?: AbortController; aborted?: () => AirlockError; late?: (value: T) => void } = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const settle = (run: () => void) => {
      if (settled) return false;
      settled = true;
      task.cancel();
      run();
      return true;
    };
    const task = scheduler.schedule(ms, () => {
      settle(() => reject(timedOut()));
      abort.abort();
    });
    abort.signal.addEventListener('abort', () => settle(() => reject(aborted())), { once: true });
    work(abort.signal).then(
      (value) => void (settle(() => resolve(value)) || late(value)),
      (error: unknown) => void settle(() => reject(asAirlockError(error))),
    );
  });
}

export function createManagedRoute(deps: ManagedRouteDeps): ManagedRoute {
  const { via, clock, scheduler, timing } = deps;
  let state: RouteState = 'off';
  let since = clock.now().toISOString();
  let target = DEFAULT_TARGETS[via];
  let lastError: RouteStatus['lastError'] = null;
  let reconnect: RouteStatus['reconnect'] = null;
  let rttMs: number | null = null;
  let connection: RouteConnection | null = null;
  /** Bytes of connections already closed (a reconnect starts a new connection at zero). */
  let carried = { in: 0, out: 0 };
  let generation = 0;
  let failedProbes = 0;
  let timer: ScheduledTask | null = null;
  let connecting: { abort: AbortController; result: Promise<RouteStatus> } | null = null;

  const status = (): RouteStatus => {
    const live = connection?.bytes ?? { in: 0, out: 0 };
    return { environmentId: deps.environmentId, via, state, since, target, bytesIn: carried.in + live.in, bytesOut: carried.out + live.out, rttMs, lastError, reconnect };
  };
  const move = (next: RouteState, changes: () => void = () => undefined) => {
    if (next !== state) {
      state = next;
      since = clock.now().toISOString();
      deps.logger.log(next === 'failed' || next === 'degraded' ? 'warn' : 'info', 'route.state', { environmentId: deps.environmentId, via, state: next, code: lastError?.code ?? null });
    }
    changes();
    deps.emit(status());
  };
  const remember = (error: AirlockError) => (lastError = { code: error.code, message: error.message });
  const stopTimer = () => {
    timer?.cancel();
    timer = null;
  };
  /** Closes the connection (keeping its byte counts); resolves when the driver says it is closed. */
  const retire = (): Promise<void> => {
    const open = connection;
    if (!open) return Promise.resolve();
    const bytes = open.bytes;
    carried = { in: carried.in + bytes.in, out: carried.out + bytes.out };
    connection = null;
    return open.close().catch(() => undefined);
  };

  function attempt(reconnectAttempt: number): Promise<RouteStatus> {
    const mine = ++generation;
    let driver: RouteDriver | null;
    try {
      driver = deps.driverFor();
    } catch (thrown) {
      // Building the driver can fail (no account any more, a bad environment): a throw here used to escape the
      // reconnect timer and leave the route 'connecting' for ever. It fails the route with the typed error.
      const error = asAirlockError(thrown);
      connecting = null;
      move('failed', () => {
        remember(error);
        reconnect = null;
      });
      return Promise.reject(error);
    }
    if (!driver) {
      const error = notOffered(via);
      move('failed', () => remember(error));
      return Promise.reject(error);
    }
    const abort = new AbortController();
    if (reconnectAttempt === 0) move('connecting');
    const result = withDeadline(scheduler, timing.connectTimeoutMs, () => connectTimedOut(via), (signal) => driver.connect(signal), {
      abort,
      aborted: () => disconnectedWhileConnecting(via),
      late: (opened) => void opened.close().catch(() => undefined),
    }).then(
      (opened) => {
        if (mine !== generation) {
          void opened.close().catch(() => undefined);
          throw disconnectedWhileConnecting(via);
        }
        connecting = null;
        connection = opened;
        target = opened.target;
        failedProbes = 0;
        opened.onDrop((error) => {
          if (mine === generation && connection === opened) dropped(error);
        });
        move('up', () => {
          lastError = null;
          reconnect = null;
        });
        scheduleProbe(mine);
        return status();
      },
      (thrown: unknown) => {
        const error = asAirlockError(thrown);
        if (mine !== generation) throw disconnectedWhileConnecting(via);
        connecting = null;
        remember(error);
        if (reconnectAttempt > 0 && error.retryable && reconnectAttempt < timing.maxReconnectAttempts) scheduleReconnect(reconnectAttempt + 1);
        else move('failed', () => (reconnect = null));
        throw error;
      },
    );
    connecting = { abort, result };
    return result;
  }

  function scheduleReconnect(next: number) {
    const delay = reconnectDelayMs(next, { initialMs: timing.reconnectInitialMs, maxMs: timing.reconnectMaxMs, jitter: timing.reconnectJitter }, deps.random);
    const mine = generation;
    stopTimer();
    move('connecting', () => (reconnect = { attempt: next, at: new Date(clock.now().getTime() + delay).toISOString() }));
    timer = scheduler.schedule(delay, () => {
      if (mine === generation) attempt(next).catch(() => undefined);
    });
  }

  function dropped(error: AirlockError) {
    stopTimer();
    void retire();
    remember(error);
    deps.logger.log('warn', 'route.dropped', { environmentId: deps.environmentId, via, code: error.code });
    scheduleReconnect(1);
  }

  function scheduleProbe(mine: number) {
    stopTimer();
    timer = scheduler.schedule(timing.probeIntervalMs, () => {
      const open = connection;
      if (mine !== generation || !open) return;
      withDeadline(scheduler, timing.probeTimeoutMs, () => probeTimedOut(via), (signal) => open.probe(signal)).then(
        (ms) => {
          if (mine !== generation || connection !== open) return;
          failedProbes = 0;
          move(ms > timing.slowProbeMs ? 'degraded' : 'up', () => {
            rttMs = Math.round(ms);
            lastError = null;
          });
          scheduleProbe(mine);
        },
        (error: AirlockError) => {
          if (mine !== generation || connection !== open) return;
          failedProbes++;
          if (failedProbes >= timing.failedProbesBeforeDrop) {
            dropped(error);
            return;
          }
          move('degraded', () => remember(error));
          scheduleProbe(mine);
        },
      );
    });
  }

  return {
    status,
    state: () => state,
    connection: () => (state === 'up' || state === 'degraded' ? connection : null),
    connect() {
      if ((state === 'up' || state === 'degraded') && connection) return Promise.resolve(status());
      if (connecting) return connecting.result;
      // Connecting by hand while a dropped route waits: try now, from the first attempt.
      stopTimer();
      reconnect = null;
      return attempt(0);
    },
    async disconnect(because) {
      generation++;
      stopTimer();
      connecting?.abort.abort();
      connecting = null;
      await retire();
      failedProbes = 0;
      move('off', () => {
        reconnect = null;
        if (because) remember(because);
      });
      return status();
    },
  };
}
