// One-time codes are accepted once (RFC 6238 §5.2), and wrong codes keep counting towards lockout even when
// password-only sign-ins succeed in between. Times move on the sandbox clock only.
import { PublicClientApplication, type AuthorizationUrlRequest } from '@azure/msal-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARM_AUDIENCE, startIdentityProvider, type IdentityProvider } from '../../../../sandbox/idp/index';
import type { SeedUser } from '../../../../sandbox/seed/seed-schema';
import { totpAt } from '../../../../sandbox/idp/totp';
import { createScriptedBrowser, IdpPageError, type ScriptedUser } from '../../../support/sandbox/scripted-browser';
import { createTestContext, type TestContext } from '../../../support/sandbox/test-context';
import { createCaNetworkClient } from '../../../support/sandbox/msal-harness';

let ctx: TestContext;
let idp: IdentityProvider;
let passwordOnlyUrl: string;
let mfaUrl: string;

beforeAll(async () => {
  ctx = await createTestContext({ seed: (seed) => ({ ...seed, security: { maxFailedAttempts: 3, lockoutSeconds: 600 } }) });
  idp = await startIdentityProvider(ctx);
  const pca = new PublicClientApplication({
    auth: { clientId: ctx.seed.client.id, authority: idp.authority, knownAuthorities: [idp.knownAuthority] },
    system: { networkClient: createCaNetworkClient(ctx.ca.certPem) },
  });
  // Nothing listens on this loopback port: a walk that reaches it has passed every IdP page.
  const request: AuthorizationUrlRequest = { scopes: [`${ARM_AUDIENCE}/.default`], redirectUri: 'http://localhost:9', responseMode: 'form_post', codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', codeChallengeMethod: 'S256' };
  passwordOnlyUrl = await pca.getAuthCodeUrl(request);
  mfaUrl = await pca.getAuthCodeUrl({ ...request, claims: JSON.stringify({ access_token: { acrs: { essential: true, value: 'c1' } } }) });
});
afterAll(async () => {
  await idp?.stop();
});

const seedUser = (name: string): SeedUser => ctx.seed.users.find((u) => u.username.startsWith(`${name}@`))!;

/** 'signed-in' when the walk got past the IdP to the (absent) loopback; else the IdP page's text. */
async function walk(url: string, user: ScriptedUser, otpOverride?: string): Promise<string> {
  const browser = createScriptedBrowser({ caPem: ctx.ca.certPem, now: ctx.now, user, ...(otpOverride ? { otpOverride } : {}) });
  return browser.visit(url).then(
    () => 'signed-in',
    (e: unknown) => (e instanceof IdpPageError ? e.pageText : 'signed-in'),
  );
}

describe('MFA hardening', () => {
  it('accepts a one-time code once; the next step’s code works', async () => {
    const alice = seedUser('alice');
    const code = totpAt(alice.totpSecret, ctx.now());
    expect(await walk(mfaUrl, alice, code)).toBe('signed-in');
    expect(await walk(mfaUrl, alice, code)).toContain('That code is not correct.');
    ctx.advance(30_000);
    expect(await walk(mfaUrl, alice)).toBe('signed-in');
  });

  it('keeps counting wrong codes across password-only sign-ins, then locks', async () => {
    const bob = seedUser('bob');
    const wrong = String((Number(totpAt(bob.totpSecret, ctx.now())) + 500_000) % 1_000_000).padStart(6, '0');
    expect(await walk(mfaUrl, bob, wrong)).toContain('That code is not correct.');
    expect(await walk(passwordOnlyUrl, bob)).toBe('signed-in');
    expect(await walk(mfaUrl, bob, wrong)).toContain('That code is not correct.');
    expect(await walk(passwordOnlyUrl, bob)).toBe('signed-in');
    expect(await walk(mfaUrl, bob, wrong)).toMatch(/locked/i);
    expect(await walk(passwordOnlyUrl, bob)).toMatch(/locked/i);
  });
});
