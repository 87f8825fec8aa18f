// A staged sign-in attempt whose answer arrives after the gate gave up on it (cancelled, or timed out by the
// scheduler) copies nothing into the environment's cache, takes back what it left elsewhere, and says in the
// log that it was abandoned; one that finishes in time hands its cache over. Fake MSAL instances record what
// reaches the environment's cache.
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

/** An attempt whose token response is held until the test releases it; its acquire registers one undo. */
function heldAttempt(scheduler: Scheduler) {
  const logger = capturingLogger();
  const gate = createInteractiveGate(600_000, scheduler);
  const staging = fakeInstance(STAGED_CACHE);
  const target = fakeInstance('{}');
  let release: () => void = () => undefined;
  let asked = false;
  let undone = 0;
  const answer = { account: { homeAccountId: 'staged-account' } } as unknown as AuthenticationResult;
  const running = runStagedSignIn({
    gate,
    logger,
    environmentId: 'Env',
    method: 'browser',
    staging: async () => staging.app,
    target: async () => target.app,
    acquire: (_app, _signal, undoIfUnsettled) => {
      asked = true;
      return new Promise<AuthenticationResult>((resolve) => (release = () => (undoIfUnsettled(async () => void undone++), resolve(answer))));
    },
  });
  running.catch(() => undefined);
  return { gate, logger, running, target, release: () => release(), asked: () => asked, undone: () => undone };
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
    expect(attempt.undone()).toBe(0);
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
    expect(attempt.undone()).toBe(1); // what it left outside its instance (a WAM account) is taken back
  });

  it('takes back what it left elsewhere also when it fails after the answer (the environment cache cannot be read)', async () => {
    const locked = Object.assign(new Error('locked'), { code: 'E_AUTH_REQUIRED' });
    let undone = 0;
    const running = runStagedSignIn({
      gate: createInteractiveGate(600_000, manualScheduler()),
      logger: capturingLogger(),
      environmentId: 'Env',
      method: 'browser',
      staging: async () => fakeInstance(STAGED_CACHE).app,
      target: () => Promise.reject(locked),
      acquire: async (_app, _signal, undoIfUnsettled) => (undoIfUnsettled(async () => void undone++), { account: {} } as AuthenticationResult),
    });
    await expect(running).rejects.toBe(locked);
    expect(undone).toBe(1);
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
    expect(attempt.undone()).toBe(1);
  });
});
