// A staged sign-in attempt whose answer arrives after the gate gave up on it (cancelled, or timed out by the
// scheduler) copies nothing into the environment's cache and says in the log that it was abandoned; one that
// finishes in time hands its cache over. Fake MSAL instances record what reaches the environment's cache.
import type { AuthenticationResult, PublicClientApplication } from '@azure/msal-node';
import { describe, expect, it } from 'vitest';
import { createInteractiveGate } from '../../../../../electron/services/auth/interactive-gate';
import { runStagedSignIn } from '../../../../../electron/services/auth/sign-in-attempt';
import type { Scheduler } from '../../../../../electron/services/ports';
import { capturingLogger } from '../../../../support/test-airlock';

const STAGED_CACHE = '{"Account":{"staged-account":{}}}';

/** An MSAL instance that only has a token cache; `received` is what was deserialized into it. */
function fakeInstance(serialized: string): { app: PublicClientApplication; received: string[] } {
  const received: string[] = [];
  const app = { getTokenCache: () => ({ serialize: () => serialized, deserialize: (s: string) => void received.push(s) }) };
  return { app: app as unknown as PublicClientApplication, received };
}

/** A scheduler whose tasks run when the test says so: the ten-minute timeout without waiting ten minutes. */
function manualScheduler(): Scheduler & { fireAll(): void } {
  const tasks: Array<() => void> = [];
  return {
    schedule(_delayMs, run) {
      tasks.push(run);
      return { cancel: () => void (tasks.includes(run) && tasks.splice(tasks.indexOf(run), 1)) };
    },
    fireAll: () => tasks.splice(0).forEach((run) => run()),
  };
}

/** An attempt whose token response is held until the test releases it. */
function heldAttempt(scheduler: Scheduler) {
  const logger = capturingLogger();
  const gate = createInteractiveGate(600_000, scheduler);
  const staging = fakeInstance(STAGED_CACHE);
  const target = fakeInstance('{}');
  let release: () => void = () => undefined;
  let asked = false;
  const answer = { account: { homeAccountId: 'staged-account' } } as unknown as AuthenticationResult;
  const running = runStagedSignIn({
    gate,
    logger,
    environmentId: 'Env',
    method: 'browser',
    staging: async () => staging.app,
    target: async () => target.app,
    acquire: () => ((asked = true), new Promise<AuthenticationResult>((resolve) => (release = () => resolve(answer)))),
  });
  running.catch(() => undefined);
  return { gate, logger, running, target, release: () => release(), asked: () => asked };
}

/** Lets every pending callback of the attempt run (no timers involved). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('a staged sign-in attempt', () => {
  it('hands its cache to the environment when it finishes in time', async () => {
    const attempt = heldAttempt(manualScheduler());
    await settle();
    attempt.release();
    await expect(attempt.running).resolves.toMatchObject({ app: attempt.target.app });
    expect(attempt.target.received).toEqual([STAGED_CACHE]);
    expect(attempt.logger.entries.map((e) => e.event)).not.toContain('auth.sign_in_abandoned');
  });

  it('copies nothing when the token response arrives after a cancel, and logs it as abandoned', async () => {
    const attempt = heldAttempt(manualScheduler());
    await settle();
    expect(attempt.asked()).toBe(true);
    expect(attempt.gate.cancel()).toBe(true);
    await expect(attempt.running).rejects.toMatchObject({ code: 'E_AUTH_REQUIRED', message: 'Sign-in was cancelled.' });

    attempt.release(); // the late answer
    await settle();
    expect(attempt.target.received).toEqual([]);
    expect(attempt.logger.entries).toContainEqual({ level: 'info', event: 'auth.sign_in_abandoned', fields: { environmentId: 'Env', method: 'browser' } });
  });

  it('copies nothing when the token response arrives after the timeout, and logs it as abandoned', async () => {
    const scheduler = manualScheduler();
    const attempt = heldAttempt(scheduler);
    await settle();
    scheduler.fireAll();
    await expect(attempt.running).rejects.toMatchObject({ code: 'E_TIMEOUT' });

    attempt.release();
    await settle();
    expect(attempt.target.received).toEqual([]);
    expect(attempt.logger.entries.filter((e) => e.event === 'auth.sign_in_abandoned')).toHaveLength(1);
  });
});
