// The real @azure/msal-node (PublicClientApplication, AAD protocol mode, tenant-path authority) against the
// sandbox IdP: interactive sign-in with password + TOTP through the scripted browser, silent from cache,
// refresh for a second audience, forced refresh, device code, claims-challenge step-up, sign-out.
import { InteractionRequiredAuthError, type AuthenticationResult, type PublicClientApplication } from '@azure/msal-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARM_AUDIENCE, MARKER_CLAIM, ML_AUDIENCE, startIdentityProvider, type IdentityProvider } from '../../../../sandbox/idp/index';
import type { SeedUser } from '../../../../sandbox/seed/seed-schema';
import { createScriptedBrowser, type ScriptedBrowser } from '../../../support/sandbox/scripted-browser';
import { createTestContext, type TestContext } from '../../../support/sandbox/test-context';
import { createPublicClient, jwtClaims } from '../../../support/sandbox/msal-harness';

const MARKER = 'LeakMarker7q2x';
const ARM_SCOPE = `${ARM_AUDIENCE}/.default`;
const ML_SCOPE = `${ML_AUDIENCE}/.default`;
const STEP_UP_CLAIMS = JSON.stringify({ access_token: { acrs: { essential: true, value: 'c1' } } });

let ctx: TestContext;
let idp: IdentityProvider;

beforeAll(async () => {
  ctx = await createTestContext();
  idp = await startIdentityProvider(ctx, { tokenMarker: MARKER });
});
afterAll(async () => {
  await idp?.stop();
});

const userWith = (mfa: SeedUser['mfa']) => {
  const user = ctx.seed.users.find((u) => u.mfa === mfa);
  if (!user) throw new Error(`seed has no ${mfa} user`);
  return user;
};

/** acquireTokenInteractive, failing fast when the scripted browser hits an IdP error page. */
async function interactive(pca: PublicClientApplication, browser: ScriptedBrowser, request: { scopes: string[]; claims?: string; loginHint?: string }): Promise<AuthenticationResult> {
  let failBrowser: (error: unknown) => void = () => undefined;
  const browserFailed = new Promise<never>((_, reject) => (failBrowser = reject));
  const pending = pca.acquireTokenInteractive({
    ...request,
    successTemplate: 'Signed in. You can close this window.',
    errorTemplate: 'Sign-in failed: {error}',
    openBrowser: async (url) => {
      expect(new URL(url).origin).toBe(`https://${idp.knownAuthority}`);
      browser.visit(url).catch(failBrowser);
    },
  });
  return Promise.race([pending, browserFailed]);
}

describe('interactive sign-in of an MFA user (password + TOTP)', () => {
  let pca: PublicClientApplication;
  let first: AuthenticationResult;
  const trace: string[] = [];

  beforeAll(async () => {
    const alice = userWith('always');
    pca = createPublicClient(idp, ctx.seed.client.id, ctx.ca.certPem);
    const browser = createScriptedBrowser({ caPem: ctx.ca.certPem, user: alice, now: ctx.now, trace });
    first = await interactive(pca, browser, { scopes: [ARM_SCOPE] });
  });

  it('signs in through the sign-in, one-time-code and consent pages', () => {
    const titles = trace.map((line) => line.split(' ').slice(3).join(' '));
    expect(titles).toEqual(expect.arrayContaining(['Sign in', 'Enter code', 'Permissions requested']));
  });

  it('gives an Entra-shaped account and id token', () => {
    const alice = userWith('always');
    expect(first.account?.homeAccountId).toBe(`${alice.oid}.${ctx.seed.tenant.id}`);
    expect(first.account?.environment).toBe(idp.knownAuthority);
    expect(first.account?.username).toBe(alice.username);
    expect(first.tenantId).toBe(ctx.seed.tenant.id);
    const id = first.idTokenClaims as Record<string, unknown>;
    expect(id['amr']).toEqual(['pwd', 'mfa']);
    expect(id['acr']).toBe('c1');
    expect(id['oid']).toBe(alice.oid);
    expect(id['tid']).toBe(ctx.seed.tenant.id);
    expect(id['name']).toBe(alice.displayName);
    expect(id['preferred_username']).toBe(alice.username);
    expect(id['iss']).toBe(idp.issuer);
    expect(id[MARKER_CLAIM]).toBe(MARKER);
  });

  it('issues an ARM access token that the verifier accepts', async () => {
    const alice = userWith('always');
    const at = jwtClaims(first.accessToken);
    expect(at).toMatchObject({ aud: ARM_AUDIENCE, scp: 'user_impersonation', oid: alice.oid, tid: ctx.seed.tenant.id, amr: ['pwd', 'mfa'], acrs: ['c1'], preferred_username: alice.username, iss: idp.issuer, [MARKER_CLAIM]: MARKER });
    expect(first.scopes).toContain(ARM_SCOPE);
    const verified = await idp.verifier.verify(first.accessToken, ARM_AUDIENCE);
    expect(verified).toMatchObject({ ok: true, token: { oid: alice.oid, tid: ctx.seed.tenant.id, aud: ARM_AUDIENCE, scp: 'user_impersonation', acrs: ['c1'] } });
    expect(await idp.verifier.verify(first.accessToken, ML_AUDIENCE)).toMatchObject({ ok: false, rejection: { reason: 'wrong-audience' } });
  });

  it('keeps a refresh token in the cache, marked for leak tests', () => {
    const cache = JSON.parse(pca.getTokenCache().serialize()) as { RefreshToken: Record<string, { secret: string }> };
    const refreshTokens = Object.values(cache.RefreshToken);
    expect(refreshTokens).toHaveLength(1);
    expect(refreshTokens[0]?.secret.startsWith(`${MARKER}.`)).toBe(true);
  });

  it('answers silently from the cache', async () => {
    const silent = await pca.acquireTokenSilent({ account: first.account!, scopes: [ARM_SCOPE] });
    expect(silent.fromCache).toBe(true);
    expect(silent.accessToken).toBe(first.accessToken);
  });

  it('gets an Azure ML token with the same refresh token, without a prompt', async () => {
    const ml = await pca.acquireTokenSilent({ account: first.account!, scopes: [ML_SCOPE] });
    expect(ml.fromCache).toBe(false);
    expect(jwtClaims(ml.accessToken)).toMatchObject({ aud: ML_AUDIENCE, scp: 'user_impersonation', oid: userWith('always').oid, tid: ctx.seed.tenant.id, acrs: ['c1'] });
    expect(await idp.verifier.verify(ml.accessToken, ML_AUDIENCE)).toMatchObject({ ok: true, token: { aud: ML_AUDIENCE } });
    expect(await idp.verifier.verify(ml.accessToken, ARM_AUDIENCE)).toMatchObject({ ok: false, rejection: { reason: 'wrong-audience' } });
    // Both tokens now sit in the cache side by side.
    const again = await pca.acquireTokenSilent({ account: first.account!, scopes: [ML_SCOPE] });
    expect(again.fromCache).toBe(true);
  });

  it('refreshes on demand and keeps the MFA claims', async () => {
    const refreshed = await pca.acquireTokenSilent({ account: first.account!, scopes: [ARM_SCOPE], forceRefresh: true });
    expect(refreshed.fromCache).toBe(false);
    expect(refreshed.accessToken).not.toBe(first.accessToken);
    expect(jwtClaims(refreshed.accessToken)).toMatchObject({ aud: ARM_AUDIENCE, amr: ['pwd', 'mfa'], acrs: ['c1'] });
    expect((refreshed.idTokenClaims as Record<string, unknown>)['amr']).toEqual(['pwd', 'mfa']);
  });

  it('passes a claims challenge silently when the session already has MFA', async () => {
    const stepped = await pca.acquireTokenSilent({ account: first.account!, scopes: [ARM_SCOPE], claims: STEP_UP_CLAIMS });
    expect(jwtClaims(stepped.accessToken)['acrs']).toEqual(['c1']);
  });

  it('signs out: no accounts, silent needs interaction', async () => {
    const account = first.account!;
    await pca.signOut({ account });
    expect(await pca.getAllAccounts()).toEqual([]);
    await expect(pca.acquireTokenSilent({ account, scopes: [ARM_SCOPE] })).rejects.toBeInstanceOf(InteractionRequiredAuthError);
  });
});

describe('device code, then step-up for a password-only user', () => {
  let pca: PublicClientApplication;
  let browser: ScriptedBrowser;
  let deviceResult: AuthenticationResult;
  const trace: string[] = [];

  beforeAll(async () => {
    const bob = userWith('on-demand');
    pca = createPublicClient(idp, ctx.seed.client.id, ctx.ca.certPem);
    browser = createScriptedBrowser({ caPem: ctx.ca.certPem, user: bob, now: ctx.now, trace });
    let browserRun: Promise<Error | undefined> = Promise.resolve(undefined);
    const result = await pca.acquireTokenByDeviceCode({
      scopes: [ARM_SCOPE],
      deviceCodeCallback: (response) => {
        expect(response.message).toContain(response.userCode);
        expect(response.interval).toBe(1);
        // Kept as a value so that a failure is reported below, not as an unhandled rejection.
        browserRun = browser.completeDeviceCode(response.verificationUri, response.userCode).then(
          () => undefined,
          (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
        );
      },
    });
    const browserError = await browserRun;
    if (browserError) throw browserError;
    if (!result) throw new Error('device code flow returned nothing');
    deviceResult = result;
  });

  it('signs in with a password only', async () => {
    const bob = userWith('on-demand');
    expect(trace.some((line) => line.endsWith('Enter code'))).toBe(false);
    expect(deviceResult.account?.homeAccountId).toBe(`${bob.oid}.${ctx.seed.tenant.id}`);
    const id = deviceResult.idTokenClaims as Record<string, unknown>;
    expect(id['amr']).toEqual(['pwd']);
    expect(id['acr']).toBe('urn:test:pwd');
    expect(jwtClaims(deviceResult.accessToken)).toMatchObject({ aud: ARM_AUDIENCE, oid: bob.oid, amr: ['pwd'], acrs: [] });
    expect(await idp.verifier.verify(deviceResult.accessToken, ARM_AUDIENCE)).toMatchObject({ ok: true });
  });

  it('refuses a silent step-up with interaction_required, like Entra', async () => {
    const error = await pca.acquireTokenSilent({ account: deviceResult.account!, scopes: [ARM_SCOPE], claims: STEP_UP_CLAIMS }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InteractionRequiredAuthError);
    expect(error).toMatchObject({ errorCode: 'interaction_required', subError: 'basic_action' });
    // The refused refresh did not burn the refresh token.
    const plain = await pca.acquireTokenSilent({ account: deviceResult.account!, scopes: [ARM_SCOPE], forceRefresh: true });
    expect(jwtClaims(plain.accessToken)['acrs']).toEqual([]);
  });

  it('steps up interactively with the claims: one-time code, then acrs c1', async () => {
    trace.length = 0;
    const stepped = await interactive(pca, browser, { scopes: [ARM_SCOPE], claims: STEP_UP_CLAIMS, loginHint: userWith('on-demand').username });
    const titles = trace.map((line) => line.split(' ').slice(3).join(' '));
    expect(titles).toContain('Enter code');
    expect(titles).not.toContain('Sign in');
    expect((stepped.idTokenClaims as Record<string, unknown>)['amr']).toEqual(['pwd', 'mfa']);
    expect(jwtClaims(stepped.accessToken)).toMatchObject({ aud: ARM_AUDIENCE, acrs: ['c1'], amr: ['pwd', 'mfa'] });
    const silent = await pca.acquireTokenSilent({ account: stepped.account!, scopes: [ARM_SCOPE], claims: STEP_UP_CLAIMS });
    expect(jwtClaims(silent.accessToken)['acrs']).toEqual(['c1']);
  });
});

describe('logging', () => {
  it('never logs passwords, codes or tokens', () => {
    const logged = JSON.stringify(ctx.events);
    expect(logged).toContain('idp.sign-in.completed');
    for (const user of ctx.seed.users) {
      expect(logged).not.toContain(user.password);
      expect(logged).not.toContain(user.totpSecret);
    }
    expect(logged).not.toContain(MARKER);
  });
});
