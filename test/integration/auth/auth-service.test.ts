// Airlock's auth service with the real msal-node against the sandbox identity provider: browser sign-in
// with MFA, tokens for both resources, two accounts side by side, step-up through a claims challenge,
// sign-out, a second prompt refused, an unreachable IdP — and no token anywhere but where it belongs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthService, authContextClaims, type AuthService } from '../../../electron/services/auth';
import { createEnvironmentsService, type Environment } from '../../../electron/services/environments';
import { startIdentityProvider, type IdentityProvider } from '../../../sandbox/idp';
import { AirlockError } from '../../../shared/errors/airlock-error';
import { createScriptedBrowser } from '../../support/sandbox/scripted-browser';
import { environmentForIdp } from '../../support/sandbox/sandbox-environment';
import { createTestContext, type TestContext } from '../../support/sandbox/test-context';
import { capturingLogger } from '../../support/test-airlock';

const MARKER = 'PLANTEDTOKENMARKER42';
let ctx: TestContext;
let idp: IdentityProvider;
let environment: Environment;

const user = (name: 'alice' | 'bob') => ctx.seed.users.find((u) => u.username === `${name}@contoso.test`)!;
const browserFor = (name: 'alice' | 'bob') => createScriptedBrowser({ caPem: ctx.ca.certPem, user: user(name), now: ctx.now }).openBrowser;

function authWith(openBrowser: (url: string) => Promise<void>, logger = capturingLogger(), env: Environment = environment) {
  return { auth: createAuthService({ environments: createEnvironmentsService([env]), openBrowser, logger }), logger };
}

beforeAll(async () => {
  ctx = await createTestContext();
  idp = await startIdentityProvider(ctx, { tokenMarker: MARKER });
  environment = environmentForIdp(idp, ctx.seed, ctx.ca.certPath);
});

afterAll(async () => {
  await idp?.stop();
});

describe('auth service against the sandbox IdP', () => {
  let auth: AuthService;
  let logs: ReturnType<typeof capturingLogger>;
  let aliceId: string;
  let bobId: string;
  const seenBySurface: unknown[] = [];
  const opened: string[] = [];
  let browser: (url: string) => Promise<void> = async () => undefined;
  const useBrowser = (name: 'alice' | 'bob') => (browser = browserFor(name));

  beforeAll(() => {
    useBrowser('alice');
    ({ auth, logger: logs } = authWith((url) => {
      opened.push(url);
      return browser(url);
    }));
  });

  it('signs alice in through the browser with MFA and reports who she is, not her tokens', async () => {
    useBrowser('alice');
    const account = await auth.signInInteractive('Sandbox');
    seenBySurface.push(account);
    aliceId = account.accountId;
    expect(account).toMatchObject({ accountId: `${user('alice').oid}.${ctx.seed.tenant.id}`, username: 'alice@contoso.test', tenantId: ctx.seed.tenant.id, environmentId: 'Sandbox' });
    expect(account.authMethods).toEqual(expect.arrayContaining(['pwd', 'mfa']) as unknown);
    // The system browser was only ever asked to open https pages on the authority's host (with PKCE).
    expect(opened.length).toBe(1);
    const url = new URL(opened[0]!);
    expect([url.protocol, url.host]).toEqual(['https:', new URL(idp.authority).host]);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
  });

  it('gives main-process services tokens for ARM and ML that the resource servers accept', async () => {
    const arm = await auth.accessToken(aliceId, 'arm');
    const ml = await auth.accessToken(aliceId, 'ml');
    expect(await idp.verifier.verify(arm.token, 'https://management.azure.com')).toMatchObject({ ok: true, token: { oid: user('alice').oid } });
    expect(await idp.verifier.verify(ml.token, 'https://ml.azure.com')).toMatchObject({ ok: true });
    expect(await idp.verifier.verify(arm.token, 'https://ml.azure.com')).toMatchObject({ ok: false });
    expect((await auth.accessToken(aliceId, 'arm')).token).toBe(arm.token); // from the cache
    // Two refreshes at once (as when ARM and scoring both need a fresh token) must both succeed.
    const [a, b] = await Promise.all([auth.accessToken(aliceId, 'arm', { forceRefresh: true }), auth.accessToken(aliceId, 'ml', { forceRefresh: true })]);
    expect(a.token).not.toBe(arm.token);
    expect(await idp.verifier.verify(b.token, 'https://ml.azure.com')).toMatchObject({ ok: true });
    expect((await auth.accessToken(aliceId, 'arm', { forceRefresh: true })).token).toBeTruthy();
  });

  it('keeps two accounts side by side', async () => {
    let prompt: { userCode: string; verificationUri: string } | null = null;
    const signingIn = auth.signInWithDeviceCode('Sandbox', (p) => (prompt = p));
    await expect.poll(() => prompt).not.toBeNull();
    seenBySurface.push(prompt);
    await createScriptedBrowser({ caPem: ctx.ca.certPem, user: user('bob'), now: ctx.now }).completeDeviceCode(prompt!.verificationUri, prompt!.userCode);
    const bob = await signingIn;
    bobId = bob.accountId;
    expect(bob.authMethods).toEqual(['pwd']);
    const accounts = await auth.accounts();
    seenBySurface.push(accounts);
    expect(accounts.map((a) => a.username).sort()).toEqual(['alice@contoso.test', 'bob@contoso.test']);
  });

  it('turns a claims challenge into a typed step-up for that account and resource, answered by interactive MFA', async () => {
    const claims = authContextClaims('c1');
    const stepUp = await auth.accessToken(bobId, 'arm', { claims }).catch((e: unknown) => e as AirlockError);
    seenBySurface.push(stepUp);
    expect(stepUp).toBeInstanceOf(AirlockError);
    expect(stepUp).toMatchObject({ code: 'E_STEP_UP_REQUIRED', retryable: true });
    expect((stepUp as AirlockError).message).toContain('Azure Resource Manager');

    useBrowser('bob');
    const stepped = await auth.signInInteractive('Sandbox', { loginHint: 'bob@contoso.test', claims });
    expect(stepped.accountId).toBe(bobId);
    expect(stepped.authMethods).toContain('mfa');
    const token = await auth.accessToken(bobId, 'arm', { claims });
    expect(await idp.verifier.verify(token.token, 'https://management.azure.com')).toMatchObject({ ok: true, token: { acrs: ['c1'] } });
  });

  it('signs one account out and leaves the other', async () => {
    await auth.signOut(aliceId);
    expect((await auth.accounts()).map((a) => a.username)).toEqual(['bob@contoso.test']);
    await expect(auth.accessToken(aliceId, 'arm')).rejects.toMatchObject({ code: 'E_AUTH_REQUIRED' });
  });

  it('never lets a token reach an account summary, an error or a log line', () => {
    const surfaces = JSON.stringify(seenBySurface) + JSON.stringify(logs.entries);
    expect(surfaces).not.toContain(MARKER);
    expect(surfaces).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./);
  });
});

describe('two tenants', () => {
  it('keeps accounts of two tenants (two environments) side by side, each with its own tokens', async () => {
    const fabrikamTenant = '0fab0fab-0000-4000-8000-000000000002';
    const c2 = await createTestContext({ seed: (seed) => ({ ...seed, tenant: { id: fabrikamTenant, displayName: 'Fabrikam' } }) });
    const idp2 = await startIdentityProvider(c2);
    try {
      const env2: Environment = { ...environment, id: 'Fabrikam', displayName: 'Fabrikam sandbox', authority: idp2.authority, knownAuthorities: [idp2.knownAuthority], authorityHost: new URL(idp2.authority).origin, tenantId: fabrikamTenant, caCertPath: c2.ca.certPath };
      let browser = browserFor('alice');
      const auth = createAuthService({ environments: createEnvironmentsService([environment, env2]), openBrowser: (url) => browser(url), logger: capturingLogger() });
      ctx.advance(30_000); // one-time codes are accepted once: earlier tests used this step's code
      const contoso = await auth.signInInteractive('Sandbox');
      ctx.advance(30_000); // a fresh one-time code for the second sign-in
      browser = createScriptedBrowser({ caPem: c2.ca.certPem, user: c2.seed.users.find((u) => u.username === 'alice@contoso.test')!, now: c2.now }).openBrowser;
      const fabrikam = await auth.signInInteractive('Fabrikam');
      expect([contoso.tenantId, fabrikam.tenantId]).toEqual([ctx.seed.tenant.id, fabrikamTenant]);
      expect(contoso.accountId).not.toBe(fabrikam.accountId);
      expect((await auth.accounts()).map((a) => `${a.environmentId}:${a.tenantId}`).sort()).toEqual([`Fabrikam:${fabrikamTenant}`, `Sandbox:${ctx.seed.tenant.id}`]);
      expect(await idp2.verifier.verify((await auth.accessToken(fabrikam.accountId, 'arm')).token, 'https://management.azure.com')).toMatchObject({ ok: true, token: { tid: fabrikamTenant } });
      expect(await idp.verifier.verify((await auth.accessToken(contoso.accountId, 'arm')).token, 'https://management.azure.com')).toMatchObject({ ok: true, token: { tid: ctx.seed.tenant.id } });
    } finally {
      await idp2.stop();
    }
  });
});

describe('auth service failure cases', () => {
  it('refuses a second browser prompt while one is open, and cancels the first', async () => {
    const { auth } = authWith(async () => undefined); // the "browser" opens but the user never finishes
    const first = auth.signInInteractive('Sandbox');
    await expect.poll(async () => auth.signInInteractive('Sandbox').catch((e: unknown) => (e as AirlockError).message)).toBe('A sign-in is already in progress in your browser.');
    expect(auth.cancelSignIn()).toBe(true);
    await expect(first).rejects.toMatchObject({ code: 'E_AUTH_REQUIRED', message: 'Sign-in was cancelled.' });
  });

  it('says the sign-in service is unreachable when the IdP is down', async () => {
    const down = { ...environment, id: 'Down', authority: 'https://localhost:1/7f3c1a2e-5b4d-4c6e-9a8b-1d2e3f405162', knownAuthorities: ['localhost:1'] };
    const { auth } = authWith(async () => undefined, capturingLogger(), down);
    await expect(auth.signInInteractive('Down')).rejects.toMatchObject({ code: 'E_UNAVAILABLE', message: 'The sign-in service could not be reached.' });
  });

  it('refuses an authority that is not https, in plain words', async () => {
    const insecure = { ...environment, id: 'Insecure', authority: idp.authority.replace('https:', 'http:') };
    const { auth } = authWith(async () => undefined, capturingLogger(), insecure);
    await expect(auth.signInInteractive('Insecure')).rejects.toMatchObject({ code: 'E_CONFIG_INVALID' });
  });

  it('cannot resolve an authority it is not told to trust (no instance discovery offline)', async () => {
    const unknown = { ...environment, id: 'Unknown' } as Environment & { knownAuthorities?: readonly string[] };
    delete unknown.knownAuthorities;
    const { auth } = authWith(async () => undefined, capturingLogger(), unknown);
    await expect(auth.signInInteractive('Unknown')).rejects.toMatchObject({ code: 'E_UNAVAILABLE' });
  });

  it('asks to sign in again when the refresh token is no longer valid (the IdP forgot it)', async () => {
    const c = await createTestContext();
    const first = await startIdentityProvider(c);
    const env2 = { ...environment, id: 'Restarting', authority: first.authority, knownAuthorities: [first.knownAuthority], authorityHost: new URL(first.authority).origin, tenantId: c.seed.tenant.id, clientId: c.seed.client.id, caCertPath: c.ca.certPath };
    const alice = c.seed.users.find((u) => u.username === 'alice@contoso.test')!;
    const { auth } = authWith(createScriptedBrowser({ caPem: c.ca.certPem, user: alice, now: c.now }).openBrowser, capturingLogger(), env2);
    const { accountId } = await auth.signInInteractive('Restarting');
    await first.stop();
    const second = await startIdentityProvider(c, { port: first.port }); // same keys and port; sessions and refresh tokens gone
    try {
      await expect(auth.accessToken(accountId, 'arm', { forceRefresh: true })).rejects.toMatchObject({ code: 'E_AUTH_REQUIRED', message: 'Your sign-in has expired or was revoked, so you need to sign in again.' });
    } finally {
      await second.stop();
    }
  });

  it('explains an environment without a client id', async () => {
    const { auth } = authWith(async () => undefined, capturingLogger(), { ...environment, id: 'NoClient', clientId: undefined });
    await expect(auth.signInInteractive('NoClient')).rejects.toMatchObject({ code: 'E_CONFIG_INVALID' });
  });
});
