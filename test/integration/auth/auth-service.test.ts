// Airlock's auth service with the real msal-node against the sandbox identity provider: browser sign-in
// with MFA, tokens for both resources, two accounts side by side, step-up through a claims challenge,
// sign-out, a second prompt refused, an unreachable IdP — and no token anywhere but where it belongs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthService, authContextClaims, type AuthService } from '../../../electron/services/auth';
import { createEnvironmentsService, type Environment } from '../../../electron/services/environments';
import { startIdentityProvider, type IdentityProvider } from '../../../sandbox/idp';
import { AirlockError } from '../../../shared/errors/airlock-error';
import { createScriptedBrowser } from '../../support/sandbox/scripted-browser';
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
  environment = {
    id: 'Sandbox',
    displayName: 'Local sandbox',
    kind: 'sandbox',
    authorityHost: new URL(idp.authority).origin,
    authority: idp.authority,
    knownAuthorities: [idp.knownAuthority],
    tenantId: ctx.seed.tenant.id,
    clientId: ctx.seed.client.id,
    armEndpoint: 'https://localhost:1',
    armScope: 'https://management.azure.com/.default',
    mlScope: 'https://ml.azure.com/.default',
    inferenceDnsSuffix: 'inference.ml.azure.com',
    privateDnsZones: ['privatelink.api.azureml.ms'],
    caCertPath: ctx.ca.certPath,
  };
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

  it('explains an environment without a client id', async () => {
    const { auth } = authWith(async () => undefined, capturingLogger(), { ...environment, id: 'NoClient', clientId: undefined });
    await expect(auth.signInInteractive('NoClient')).rejects.toMatchObject({ code: 'E_CONFIG_INVALID' });
  });
});
