// Only one interactive sign-in at a time (a second would open a second browser tab and race for the same
// cache). The one in progress can be cancelled, and gives up after a timeout long enough for MFA. Giving up
// aborts the attempt's signal at once (before anything else runs), so the attempt can close its loopback
// listener, stop polling, and never hand an account over: an abandoned attempt must not sign anyone in.
import { AirlockError } from '../../../shared/errors/airlock-error';
import { systemScheduler, type Scheduler } from '../ports';

/** What a cancelled sign-in reports: the user chose to stop, so nothing to fix and free to retry. */
export function signInCancelled(): AirlockError {
  return new AirlockError('E_AUTH_REQUIRED', { message: 'Sign-in was cancelled.', hint: 'Start it again whenever you are ready.', retryable: true });
}

export interface InteractiveGate {
  /** `signal` aborts once the gate has given up on the attempt (cancelled, timed out, or done). */
  run<T>(attempt: (signal: AbortSignal) => Promise<T>): Promise<T>;
  cancel(): boolean;
  readonly busy: boolean;
}

export function createInteractiveGate(timeoutMs: number, scheduler: Scheduler = systemScheduler): InteractiveGate {
  let current: { reject(error: AirlockError): void } | null = null;
  return {
    get busy() {
      return current !== null;
    },
    async run(attempt) {
      if (current) {
        throw new AirlockError('E_BAD_REQUEST', {
          message: 'A sign-in is already in progress in your browser.',
          hint: 'Finish or cancel that sign-in first.',
        });
      }
      const abandoned = new AbortController();
      let reject: (error: AirlockError) => void = () => undefined;
      const interrupted = new Promise<never>((_resolve, fail) => (reject = fail));
      const stop = (error: AirlockError): void => {
        abandoned.abort(); // first: a result arriving in this same turn already sees the attempt abandoned
        reject(error);
      };
      current = { reject: stop };
      const timer = scheduler.schedule(timeoutMs, () =>
        stop(new AirlockError('E_TIMEOUT', { message: 'Sign-in took too long and was stopped.', hint: 'Start the sign-in again when you are ready.' })),
      );
      try {
        return await Promise.race([attempt(abandoned.signal), interrupted]);
      } finally {
        abandoned.abort();
        timer.cancel();
        current = null;
      }
    },
    cancel() {
      if (!current) return false;
      current.reject(signInCancelled());
      return true;
    },
  };
}
