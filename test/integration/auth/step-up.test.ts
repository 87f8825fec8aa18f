// Step-up against the sandbox IdP with the real msal-node: MFA required by configuration (the environment
// pins auth context c1), answered through the opaque stepUpId — the prompt asks for exactly the recorded
// claims, for that account and resource — and then the same call succeeds. No token in errors or logs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthService, type AuthService } from '../../../electron/services/auth';
import { createEnvironmentsService, type Environment } from '../../../electron/services/environments';
import { startIdentityProvider, type IdentityProvider } from '../../../sandbox/idp';
import { AirlockError } from '../../../shared/errors/airlock-error';
import { jwtClaims } from '../../support/sandbox/msal-harness';
import { createScriptedBrowser } from '../../support/sandbox/scripted-browser';
import { environmentForIdp } from '../../support/sandbox/sandbox-environment';
import { createTestContext, type TestContext } from '../../support/sandbox/test-context';
import { capturingLogger } from '../../support/test-airlock';

const MARKER = 'PLANTEDSTEPUPMARKER19';
let ctx: TestContext;
let idp: IdentityProvider;
let auth: AuthService;
const logs = capturingLogger();
const opened: string[] = [];
const seen: unknown[] = [];
let who: 'alice' | 'bob' = 'bob';

const user = (name: 'alice' | 'bob') => ctx.seed.users.find((u) => u.username === `${name}@contoso.test`)!;
const stepUpIdOf = (error: unknown) => String((error as AirlockError).details?.['stepUpId']);

beforeAll(async () => {
  ctx = await createTestContext();
  idp = await startIdentityProvider(ctx, { tokenMarker: MARKER });
  const environment: Environment = { ...environmentForIdp(idp, ctx.seed, ctx.ca.certPath), requireMfa: { authContextId: 'c1' } };
  const browsers = { alice: createScriptedBrowser({ caPem: ctx.ca.certPem, user: user('alice'), now: ctx.now }), bob: createScriptedBrowser({ caPem: ctx.ca.certPem, user: user('bob'), now: ctx.now }) };
  auth = createAuthService({
    environments: createEnvironmentsService([environment]),
    logger: logs,
    openBrowser: (url) => {
      opened.push(url);
      return browsers[who].openBrowser(url);
    },
  });
});

afterAll(async () => {
  await idp?.stop();
});

describe('step-up when configuration requires MFA', () => {
  let bobId: string;

  it('asks for step-up when the token shows no MFA, naming the resource and the auth context', async () => {
    who = 'bob';
    const bob = await auth.signInInteractive('Sandbox');
    bobId = bob.accountId;
    expect(bob.authMethods).toEqual(['pwd']);
    const error = await auth.accessToken(bobId, 'ml').catch((e: unknown) => e);
    seen.push((error as AirlockError).toShape());
    expect(error).toMatchObject({ code: 'E_STEP_UP_REQUIRED', details: { resource: 'Azure Machine Learning', reason: 'mfa-required', authContext: 'c1', account: 'bob@contoso.test' } });
    // Showing the token's lifetime is not an action: no step-up is asked for it.
    await expect(auth.accessToken(bobId, 'ml', { display: true })).resolves.toMatchObject({ expiresOn: expect.any(Date) as unknown });
    expect(stepUpIdOf(error)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers it with a prompt for that account, resource and auth context; then the token shows MFA', async () => {
    const error = await auth.accessToken(bobId, 'ml').catch((e: unknown) => e);
    opened.length = 0;
    const stepped = await auth.stepUp(stepUpIdOf(error));
    seen.push(stepped);
    expect(stepped.accountId).toBe(bobId);
    expect(stepped.authMethods).toContain('mfa');
    const prompt = new URL(opened[0]!);
    expect(prompt.searchParams.get('login_hint')).toBe('bob@contoso.test');
    expect(prompt.searchParams.get('scope')).toContain('https://ml.azure.com/.default');
    expect(JSON.parse(prompt.searchParams.get('claims')!)).toMatchObject({ access_token: { acrs: { essential: true, value: 'c1' } } });
    const { token } = await auth.accessToken(bobId, 'ml');
    expect(jwtClaims(token)).toMatchObject({ acrs: ['c1'] });
  });

  it('takes each step-up id once; an unknown or used id is a plain "expired"', async () => {
    await expect(auth.stepUp('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
  });

  it('lets a sign-in that shows MFA through without asking', async () => {
    who = 'alice';
    const alice = await auth.signInInteractive('Sandbox');
    await expect(auth.accessToken(alice.accountId, 'arm')).resolves.toMatchObject({ token: expect.any(String) as unknown });
  });

  it('turns a resource claims challenge into a step-up that asks for those claims', async () => {
    const claims = '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}';
    const error = await auth.stepUpRequired(bobId, 'arm', claims);
    seen.push(error.toShape());
    expect(error).toMatchObject({ code: 'E_STEP_UP_REQUIRED', details: { resource: 'Azure Resource Manager', reason: 'claims-challenge', authContext: 'c1' } });
    who = 'bob';
    opened.length = 0;
    await auth.stepUp(stepUpIdOf(error));
    // MSAL merges its own requests (cp1, id-token hints) into the claims; ours must be there as given.
    expect(JSON.parse(new URL(opened[0]!).searchParams.get('claims')!)).toMatchObject(JSON.parse(claims) as object);
  });

  it('never puts a token in an error, a summary or a log line', () => {
    expect(JSON.stringify(seen) + JSON.stringify(logs.entries)).not.toContain(MARKER);
    expect(logs.entries.map((e) => e.event)).toEqual(expect.arrayContaining(['auth.mfa_required', 'auth.step_up_started', 'auth.step_up_required']) as unknown);
  });
});
