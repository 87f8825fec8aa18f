// Failed sign-ins against the sandbox IdP, through the scripted browser: wrong password, unknown email,
// wrong one-time code, lockout after the seed's maxFailedAttempts and unlock after lockoutSeconds (moved on
// the sandbox clock, never waited for). Pages must say what happened in plain words.
import { PublicClientApplication, type AuthorizationUrlRequest } from '@azure/msal-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARM_AUDIENCE, startIdentityProvider, type IdentityProvider } from '../../../../sandbox/idp/index';
import type { SeedUser } from '../../../../sandbox/seed/seed-schema';
import { totpAt } from '../../../../sandbox/idp/totp';
import { createScriptedBrowser, IdpPageError, type ScriptedBrowserOptions } from '../../../support/sandbox/scripted-browser';
import { createTestContext, type TestContext } from '../../../support/sandbox/test-context';
import { createCaNetworkClient, createPublicClient, jwtClaims } from '../../../support/sandbox/msal-harness';

const MAX_ATTEMPTS = 3;
const LOCKOUT_SECONDS = 120;

let ctx: TestContext;
let idp: IdentityProvider;
let authorizeUrl: string;
/** The same request with a claims challenge for auth context c1, which asks for MFA from any user. */
let stepUpUrl: string;

beforeAll(async () => {
  ctx = await createTestContext({ seed: (seed) => ({ ...seed, security: { maxFailedAttempts: MAX_ATTEMPTS, lockoutSeconds: LOCKOUT_SECONDS } }) });
  idp = await startIdentityProvider(ctx);
  const pca = new PublicClientApplication({
    auth: { clientId: ctx.seed.client.id, authority: idp.authority, knownAuthorities: [idp.knownAuthority] },
    system: { networkClient: createCaNetworkClient(ctx.ca.certPem) },
  });
  // A real msal authorize URL (PKCE, form_post); nothing listens on its loopback port, and these walks
  // never get that far.
  const request: AuthorizationUrlRequest = {
    scopes: [`${ARM_AUDIENCE}/.default`],
    redirectUri: 'http://localhost:9',
    responseMode: 'form_post',
    codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    codeChallengeMethod: 'S256',
  };
  authorizeUrl = await pca.getAuthCodeUrl(request);
  stepUpUrl = await pca.getAuthCodeUrl({ ...request, claims: JSON.stringify({ access_token: { acrs: { essential: true, value: 'c1' } } }) });
});
afterAll(async () => {
  await idp?.stop();
});

const user = (mfa: SeedUser['mfa']) => ctx.seed.users.find((u) => u.mfa === mfa)!;

async function failedWalk(options: Omit<ScriptedBrowserOptions, 'caPem' | 'now'>, url = authorizeUrl): Promise<IdpPageError> {
  const browser = createScriptedBrowser({ caPem: ctx.ca.certPem, now: ctx.now, ...options });
  const error = await browser.visit(url).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IdpPageError);
  return error as IdpPageError;
}

describe('sign-in failures', () => {
  it('wrong password: plain words, the same as for an unknown email', async () => {
    const bob = user('on-demand');
    const wrong = await failedWalk({ user: bob, passwordOverride: 'not-the-password' });
    expect(wrong.page.status).toBe(200);
    expect(wrong.pageText).toContain('Your email or password is incorrect.');
    const unknown = await failedWalk({ user: { ...bob, username: 'nobody@contoso.test' } });
    expect(unknown.pageText).toContain('Your email or password is incorrect.');
    expect(unknown.pageText.replace('nobody@contoso.test', '')).not.toMatch(/exist|unknown|not found/i);
  });

  it('wrong one-time code: plain words', async () => {
    const alice = user('always');
    const error = await failedWalk({ user: alice, otpOverride: wrongCodeFor(alice) });
    expect(error.pageText).toContain('That code is not correct.');
    expect(error.pageText).toContain(alice.username);
  });

  it(`locks the user after ${MAX_ATTEMPTS} failures, also against the right password, until lockoutSeconds pass`, async () => {
    // A user no other test here signs in as.
    const carol = ctx.seed.users.find((u) => u.mfa === 'on-demand' && u.oid !== user('on-demand').oid)!;
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt += 1) {
      const error = await failedWalk({ user: carol, passwordOverride: `wrong-${attempt}` });
      expect(error.pageText).toContain('Your email or password is incorrect.');
    }
    const locking = await failedWalk({ user: carol, passwordOverride: 'wrong-last' });
    expect(locking.pageText).toContain('Your account is locked because of too many failed sign-in attempts. Try again in 2 minutes.');
    const stillLocked = await failedWalk({ user: carol });
    expect(stillLocked.pageText).toContain('Your account is locked');

    ctx.advance(LOCKOUT_SECONDS * 1000 - 1000);
    expect((await failedWalk({ user: carol })).pageText).toContain('Try again in 1 minute.');
    ctx.advance(1000);

    const pca = createPublicClient(idp, ctx.seed.client.id, ctx.ca.certPem);
    const browser = createScriptedBrowser({ caPem: ctx.ca.certPem, user: carol, now: ctx.now });
    const result = await pca.acquireTokenInteractive({
      scopes: [`${ARM_AUDIENCE}/.default`],
      successTemplate: 'ok',
      errorTemplate: 'error',
      openBrowser: async (url) => void browser.visit(url).catch(() => undefined),
    });
    expect(jwtClaims(result.accessToken)['oid']).toBe(carol.oid);
  });

  it('counts wrong one-time codes towards the lockout (MFA asked for by a claims challenge)', async () => {
    const dave = ctx.seed.users.find((u) => u.username.startsWith('dave'))!;
    expect(dave.mfa).toBe('on-demand');
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt += 1) {
      expect((await failedWalk({ user: dave, otpOverride: wrongCodeFor(dave) }, stepUpUrl)).pageText).toContain('That code is not correct.');
    }
    expect((await failedWalk({ user: dave, otpOverride: wrongCodeFor(dave) }, stepUpUrl)).pageText).toContain('Your account is locked');
    // The right password and the right code are refused while locked.
    expect((await failedWalk({ user: dave }, stepUpUrl)).pageText).toContain('Your account is locked');
    ctx.advance(LOCKOUT_SECONDS * 1000);
  });

  it('logs failures without what was typed', () => {
    const logged = JSON.stringify(ctx.events);
    expect(logged).toContain('idp.sign-in.failed');
    expect(logged).toContain('idp.mfa.failed');
    expect(logged).not.toMatch(/wrong-|not-the-password/);
    for (const u of ctx.seed.users) expect(logged).not.toContain(u.password);
  });
});

/** A six-digit code that is not valid anywhere in the accepted window (previous, current, next step). */
function wrongCodeFor(u: SeedUser): string {
  const now = ctx.now().getTime();
  const valid = new Set([-30_000, 0, 30_000].map((d) => totpAt(u.totpSecret, new Date(now + d))));
  return ['000000', '111111', '222222', '333333'].find((c) => !valid.has(c))!;
}
