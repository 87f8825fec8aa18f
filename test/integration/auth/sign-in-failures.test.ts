// Browser sign-ins that fail at the IdP, through Airlock's auth service with the real msal-node and the
// sandbox IdP: the scripted user meets an error page (wrong password, wrong one-time code, locked account)
// or nothing at all, presses "Cancel sign-in and return to the app", and Airlock reports why at once —
// a typed E_AUTH_REQUIRED in plain words, keyed on the Entra AADSTS number only — instead of waiting for
// the user to cancel in Airlock or the timeout. Nothing the user typed reaches an error or a log line.
// Time never passes on its own: the sandbox clock is moved by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthService, type AuthService } from '../../../electron/services/auth';
import { createEnvironmentsService, type Environment } from '../../../electron/services/environments';
import { startIdentityProvider, type IdentityProvider } from '../../../sandbox/idp';
import { totpAt } from '../../../sandbox/idp/totp';
import type { SeedUser } from '../../../sandbox/seed/seed-schema';
import { AirlockError } from '../../../shared/errors/airlock-error';
import { createScriptedBrowser, type ScriptedBrowser, type ScriptedBrowserOptions } from '../../support/sandbox/scripted-browser';
import { environmentForIdp } from '../../support/sandbox/sandbox-environment';
import { createTestContext, type TestContext } from '../../support/sandbox/test-context';
import { capturingLogger } from '../../support/test-airlock';

const WRONG_PASSWORD = 'Not-Her-Password-5519!';
/** Candidates for a wrong one-time code; none is a run of one digit, so a search in the logs means something. */
const WRONG_CODES = ['914372', '582019', '370846'];

let ctx: TestContext;
let idp: IdentityProvider;
let auth: AuthService;
const logs = capturingLogger();
let browser: ScriptedBrowser | undefined;
/** Error shapes and anything else Airlock showed, for the leak check at the end. */
const seen: unknown[] = [];
/** One-time codes that were right at some point of a walk (never typed here, but must not leak either). */
const rightCodes = new Set<string>();

beforeAll(async () => {
  ctx = await createTestContext();
  idp = await startIdentityProvider(ctx);
  const environment: Environment = environmentForIdp(idp, ctx.seed, ctx.ca.certPath);
  auth = createAuthService({ environments: createEnvironmentsService([environment]), openBrowser: (url) => browser!.openBrowser(url), logger: logs });
});
afterAll(async () => {
  await idp?.stop();
});

const seedUser = (name: string): SeedUser => ctx.seed.users.find((u) => u.username.startsWith(`${name}@`))!;

/** A six-digit code valid nowhere in the accepted window (previous, current, next step). */
function wrongCodeFor(u: SeedUser): string {
  const now = ctx.now().getTime();
  const valid = [-30_000, 0, 30_000].map((d) => totpAt(u.totpSecret, new Date(now + d)));
  for (const code of valid) rightCodes.add(code);
  return WRONG_CODES.find((c) => !valid.includes(c))!;
}

/** A browser sign-in by a scripted user who gives up; returns Airlock's error after checking the walk reached the app. */
async function signInGivingUp(options: Omit<ScriptedBrowserOptions, 'caPem' | 'now'>): Promise<AirlockError> {
  browser = createScriptedBrowser({ caPem: ctx.ca.certPem, now: ctx.now, ...options });
  const error = await auth.signInInteractive('Sandbox').then(
    () => new Error('signed in'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AirlockError);
  seen.push((error as AirlockError).toShape(), (error as AirlockError).message);
  // The IdP handed the error to msal's loopback, which answered: Airlock learned it from the IdP, not a timeout.
  const page = await browser.lastRun();
  expect(page?.url).toMatch(/^http:\/\/localhost:\d+\/$/);
  expect(page?.text).toBe('Sign-in to Airlock did not complete. Return to Airlock to try again.');
  return error as AirlockError;
}

describe('browser sign-in failures reach Airlock as typed errors in plain words', () => {
  it('wrong password, then the user gives up', async () => {
    const error = await signInGivingUp({ user: seedUser('bob'), passwordOverride: WRONG_PASSWORD, cancelAfterErrors: 1 });
    expect(error.toShape()).toEqual({
      code: 'E_AUTH_REQUIRED',
      message: 'The password was not accepted.',
      hint: 'Check your email address and password and sign in again, or reset your password if you have forgotten it.',
      retryable: true,
      details: { reason: 'AADSTS50126' },
    });
  });

  it('wrong one-time code, then the user gives up', async () => {
    const alice = seedUser('alice'); // MFA always
    const error = await signInGivingUp({ user: alice, otpOverride: wrongCodeFor(alice), cancelAfterErrors: 1 });
    expect(error.toShape()).toEqual({
      code: 'E_AUTH_REQUIRED',
      message: 'The verification code was not accepted.',
      hint: 'Check that the time on the device with your authenticator app is correct, then sign in again with a new code.',
      retryable: true,
      details: { reason: 'AADSTS500121' },
    });
  });

  it('locked user: enough wrong passwords to lock the account, then the right one while locked', async () => {
    const { maxFailedAttempts, lockoutSeconds } = ctx.seed.security;
    const carol = seedUser('carol');
    const locked = {
      code: 'E_AUTH_REQUIRED',
      message: 'Your account is locked after too many failed sign-in attempts.',
      hint: 'Wait a few minutes and try again, or contact your administrator.',
      retryable: false,
      details: { reason: 'AADSTS50053' },
    };
    // One sign-in in which the user keeps retrying until the IdP locks the account, then goes back to the app.
    const locking = await signInGivingUp({ user: carol, passwordOverride: WRONG_PASSWORD, cancelAfterErrors: maxFailedAttempts });
    expect(locking.toShape()).toEqual(locked);
    ctx.advance(lockoutSeconds * 1000 - 60_000); // still locked a minute before the end
    const stillLocked = await signInGivingUp({ user: carol, cancelAfterErrors: 1 });
    expect(stillLocked.toShape()).toEqual(locked);
    ctx.advance(60_000);
  });

  it('cancel on the first page: cancelled in the browser, worded like a cancel in Airlock', async () => {
    const error = await signInGivingUp({ user: seedUser('dave'), cancelAfterErrors: 0 });
    expect(error.toShape()).toEqual({
      code: 'E_AUTH_REQUIRED',
      message: 'Sign-in was cancelled in the browser.',
      hint: 'Start it again whenever you are ready.',
      retryable: true,
      details: { reason: 'AADSTS65004' },
    });
  });

  it('after all that, a sign-in that goes right still works (nothing stuck in the gate)', async () => {
    ctx.advance(30_000); // a fresh one-time code
    browser = createScriptedBrowser({ caPem: ctx.ca.certPem, now: ctx.now, user: seedUser('alice') });
    const account = await auth.signInInteractive('Sandbox');
    expect(account.username).toBe('alice@contoso.test');
  });

  it('never puts a password or a one-time code into an error or a log line (Airlock’s or the IdP’s)', () => {
    const surfaces = JSON.stringify(seen) + JSON.stringify(logs.entries) + JSON.stringify(ctx.events);
    expect(logs.entries.filter((e) => e.event === 'auth.sign_in_failed')).toHaveLength(5);
    expect(surfaces).not.toContain(WRONG_PASSWORD);
    for (const u of ctx.seed.users) expect(surfaces).not.toContain(u.password);
    for (const code of [...WRONG_CODES, ...rightCodes]) expect(surfaces).not.toContain(code);
  });
});
