// Quitting must not cut Airlock off mid-close: disposing closes every route and forward and DELETEs Bastion's
// tunnel session, which is async. Electron does not await a 'will-quit' listener, so the first quit is held
// (preventDefault on 'before-quit'), dispose runs, and the app quits for real when it settles or when the bound
// passes (a hung close — a dead network — must never keep the app alive). Quits asked for while disposing are
// held too (they are the same quit); after that, quitting goes straight through. A failed dispose still quits.
import type { Logger } from '../services';

/** The bound's timer (structurally the services' Scheduler port); tests fire it by hand. */
export interface QuitScheduler {
  schedule(delayMs: number, run: () => void): { cancel(): void };
}

/** Plain timers: main runs in Node, and the bound must fire even with no window left. */
export const timerScheduler: QuitScheduler = {
  schedule(delayMs, run) {
    const timer = setTimeout(run, delayMs);
    return { cancel: () => clearTimeout(timer) };
  },
};

interface QuittingApp {
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
}

export interface DisposeBeforeQuitOptions {
  /** The longest the quit waits for dispose. */
  readonly boundMs: number;
  readonly scheduler: QuitScheduler;
  readonly logger: Logger;
}

export const QUIT_DISPOSE_BOUND_MS = 5_000;

export function disposeBeforeQuit(app: QuittingApp, dispose: () => Promise<void>, options: DisposeBeforeQuitOptions): void {
  let state: 'running' | 'disposing' | 'done' = 'running';
  app.on('before-quit', (event) => {
    if (state === 'done') return;
    event.preventDefault();
    if (state === 'disposing') return;
    state = 'disposing';
    let finished = false;
    const finish = (outcome: 'disposed' | 'failed' | 'bound') => {
      if (finished) return;
      finished = true;
      bound.cancel();
      state = 'done';
      if (outcome !== 'disposed') options.logger.log('warn', 'shell.quit_dispose', { outcome });
      app.quit();
    };
    const bound = options.scheduler.schedule(options.boundMs, () => finish('bound'));
    dispose().then(
      () => finish('disposed'),
      () => finish('failed'),
    );
  });
}
