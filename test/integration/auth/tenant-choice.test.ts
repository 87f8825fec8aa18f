// A cloud that does not pin its authority (like the built-in ones): the user names the tenant before the
// prompt, the prompt goes to that tenant, and silent refreshes stay in the account's tenant. Real msal-node
// against the sandbox IdP, which serves only its own tenant's path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthService, type AuthService } from '../../../electron/services/auth';
import { createEnvironmentsService, type Environment } from '../../../electron/services/environments';
import { startIdentityProvider, type IdentityProvider } from '../../../sandbox/idp';
import { jwtClaims } from '../../support/sandbox/msal-harness';
import { createScriptedBrowser } from '../../support/sandbox/scripted-browser';
import { environmentForIdp } from '../../support/sandbox/sandbox-environment';
import { createTestContext, type TestContext } from '../../support/sandbox/test-context';
import { capturingLogger } from '../../support/test-airlock';

let ctx: TestContext;
let idp: IdentityProvider;
let auth: AuthService;
const opened: string[] = [];

beforeAll(async () => {
  ctx = await createTestContext();
  idp = await startIdentityProvider(ctx);
  const { authority: _pinned, tenantId: _tenant, ...unpinned } = environmentForIdp(idp, ctx.seed, ctx.ca.certPath, 'Unpinned');
  const environment: Environment = { ...unpinned, displayName: 'Unpinned cloud' };
  const alice = ctx.seed.users.find((u) => u.username === 'alice@contoso.test')!;
  const browser = createScriptedBrowser({ caPem: ctx.ca.certPem, user: alice, now: ctx.now });
  auth = createAuthService({
    environments: createEnvironmentsService([environment]),
    logger: capturingLogger(),
    openBrowser: (url) => {
      opened.push(url);
      return browser.openBrowser(url);
    },
  });
});

afterAll(async () => {
  await idp?.stop();
});

describe('choosing the tenant before the prompt', () => {
  it('signs in to the tenant the user named and refreshes there', async () => {
    const tenant = ctx.seed.tenant.id;
    const account = await auth.signInInteractive('Unpinned', { tenant });
    expect(account.tenantId).toBe(tenant);
    expect(new URL(opened.at(-1)!).pathname.startsWith(`/${tenant}/`)).toBe(true);
    const { token } = await auth.accessToken(account.accountId, 'ml', { forceRefresh: true });
    expect(jwtClaims(token)).toMatchObject({ tid: tenant });
  });

  it('refuses a tenant name that is not one, before any browser opens', async () => {
    const before = opened.length;
    await expect(auth.signInInteractive('Unpinned', { tenant: 'not a tenant' })).rejects.toMatchObject({ code: 'E_BAD_REQUEST' });
    expect(opened.length).toBe(before);
  });

  it('a tenant the IdP does not know: its page says so in the browser, and Cancel ends the wait', async () => {
    const before = opened.length;
    const signingIn = auth.signInInteractive('Unpinned', { tenant: 'fabrikam.example' });
    await expect.poll(() => opened.length).toBe(before + 1);
    expect(new URL(opened.at(-1)!).pathname.startsWith('/fabrikam.example/')).toBe(true);
    expect(auth.cancelSignIn()).toBe(true);
    const error = await signingIn.catch((e: unknown) => e);
    expect(error).toMatchObject({ code: expect.stringMatching(/^E_/) as unknown });
    expect((error as Error).message).toMatch(/cancel/i);
  });
});
