// The way back from the sandbox IdP's sign-in pages to the app, as Entra has it: "Cancel sign-in and return
// to the app" ends the interaction with error=access_denied at the client's redirect_uri (form_post), the
// description an Entra AADSTS code for the last failure of that sign-in (error_subcode=cancel when nothing
// had failed). The cancel form needs the interaction's cookie like the other forms. Clock moved by hand only.
import { createServer, type Server } from 'node:http';
import { request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { AuthError, PublicClientApplication, type AuthorizationUrlRequest } from '@azure/msal-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARM_AUDIENCE, startIdentityProvider, type IdentityProvider } from '../../../../sandbox/idp/index';
import { totpAt } from '../../../../sandbox/idp/totp';
import type { SeedUser } from '../../../../sandbox/seed/seed-schema';
import { createScriptedBrowser, IdpPageError, type ScriptedBrowserOptions } from '../../../support/sandbox/scripted-browser';
import { createTestContext, type TestContext } from '../../../support/sandbox/test-context';
import { createCaNetworkClient, createPublicClient } from '../../../support/sandbox/msal-harness';

const MAX_ATTEMPTS = 3;
const WRONG_PASSWORD = 'Wrong-Password-7731!';

let ctx: TestContext;
let idp: IdentityProvider;
let pca: PublicClientApplication;
let app: Server;
/** What the "app" (a loopback listener standing in for msal's) received, one entry per form_post. */
const received: Array<Record<string, string>> = [];
let redirectUri: string;

beforeAll(async () => {
  ctx = await createTestContext({ seed: (seed) => ({ ...seed, security: { maxFailedAttempts: MAX_ATTEMPTS, lockoutSeconds: 600 } }) });
  idp = await startIdentityProvider(ctx);
  pca = new PublicClientApplication({
    auth: { clientId: ctx.seed.client.id, authority: idp.authority, knownAuthorities: [idp.knownAuthority] },
    system: { networkClient: createCaNetworkClient(ctx.ca.certPem) },
  });
  app = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'POST') received.push(Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
      res.end('back in the app');
    });
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  redirectUri = `http://localhost:${(app.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await idp?.stop();
  await new Promise((resolve) => app?.close(resolve));
});

const seedUser = (name: string): SeedUser => ctx.seed.users.find((u) => u.username.startsWith(`${name}@`))!;

async function authorizeUrl(state: string, mfa = false): Promise<string> {
  const request: AuthorizationUrlRequest = {
    scopes: [`${ARM_AUDIENCE}/.default`],
    redirectUri,
    responseMode: 'form_post',
    state,
    codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    codeChallengeMethod: 'S256',
    ...(mfa ? { claims: JSON.stringify({ access_token: { acrs: { essential: true, value: 'c1' } } }) } : {}),
  };
  return pca.getAuthCodeUrl(request);
}

/** Walks as a user who gives up, and returns what the app's redirect_uri received. */
async function giveUp(url: string, options: Omit<ScriptedBrowserOptions, 'caPem' | 'now'>): Promise<Record<string, string>> {
  const before = received.length;
  const page = await createScriptedBrowser({ caPem: ctx.ca.certPem, now: ctx.now, ...options }).visit(url);
  expect(page.url).toBe(`${redirectUri}/`);
  expect(received.length).toBe(before + 1);
  return received[before]!;
}

/** A six-digit code valid nowhere in the accepted window, and not a run of one digit (it is searched for in logs). */
function wrongCodeFor(u: SeedUser): string {
  const now = ctx.now().getTime();
  const valid = new Set([-30_000, 0, 30_000].map((d) => totpAt(u.totpSecret, new Date(now + d))));
  return ['914372', '582019', '370846'].find((c) => !valid.has(c))!;
}

describe('going back to the app from the sign-in pages', () => {
  it('cancel before anything failed: access_denied with error_subcode=cancel', async () => {
    const params = await giveUp(await authorizeUrl('s-cancel'), { user: seedUser('bob'), cancelAfterErrors: 0 });
    expect(params).toEqual({
      error: 'access_denied',
      error_subcode: 'cancel',
      error_description: 'AADSTS65004: The user cancelled the sign-in.',
      state: 's-cancel',
      iss: idp.issuer,
    });
  });

  it('after a wrong password: AADSTS50126, no subcode', async () => {
    const params = await giveUp(await authorizeUrl('s-password'), { user: seedUser('bob'), passwordOverride: WRONG_PASSWORD, cancelAfterErrors: 1 });
    expect(params).toEqual({
      error: 'access_denied',
      error_description: 'AADSTS50126: Error validating credentials due to invalid username or password.',
      state: 's-password',
      iss: idp.issuer,
    });
  });

  it('after a wrong one-time code: AADSTS500121 (the last failure decides)', async () => {
    const alice = seedUser('alice');
    const params = await giveUp(await authorizeUrl('s-code', true), { user: alice, otpOverride: wrongCodeFor(alice), cancelAfterErrors: 1 });
    expect(params).toMatchObject({ error: 'access_denied', error_description: 'AADSTS500121: Authentication failed during strong authentication request.', state: 's-code' });
    expect(params).not.toHaveProperty('error_subcode');
  });

  it(`after the ${MAX_ATTEMPTS}th wrong password locked the account, and when a locked user comes back: AADSTS50053`, async () => {
    const carol = seedUser('carol');
    const trace: string[] = [];
    const locking = await giveUp(await authorizeUrl('s-lock'), { user: carol, passwordOverride: WRONG_PASSWORD, cancelAfterErrors: MAX_ATTEMPTS, trace });
    expect(locking).toMatchObject({ error: 'access_denied', error_description: 'AADSTS50053: The account is locked because of too many failed sign-in attempts.' });
    expect(trace.filter((t) => t.startsWith('POST ') && t.includes('/login '))).toHaveLength(MAX_ATTEMPTS); // retried on the same page
    const again = await giveUp(await authorizeUrl('s-locked'), { user: carol, cancelAfterErrors: 1 }); // right password, still locked
    expect(again).toMatchObject({ error_description: expect.stringMatching(/^AADSTS50053: /) as unknown, state: 's-locked' });
  });

  it('is what msal-node throws as a ServerError: errorCode access_denied, the description in errorMessage', async () => {
    const dave = seedUser('dave');
    const browser = createScriptedBrowser({ caPem: ctx.ca.certPem, now: ctx.now, user: dave, passwordOverride: WRONG_PASSWORD, cancelAfterErrors: 1 });
    const error: unknown = await createPublicClient(idp, ctx.seed.client.id, ctx.ca.certPem)
      .acquireTokenInteractive({ scopes: [`${ARM_AUDIENCE}/.default`], successTemplate: 'ok', errorTemplate: 'error', openBrowser: (url) => browser.openBrowser(url) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ name: 'ServerError', errorCode: 'access_denied', errorMessage: expect.stringMatching(/^AADSTS50126: /) as unknown, subError: '' });
    expect((await browser.lastRun())?.text).toBe('error'); // the walk ended at msal's loopback, which answered
  });

  it('keeps the scripted default: an error page throws unless the browser is told to give up', async () => {
    const error = await createScriptedBrowser({ caPem: ctx.ca.certPem, now: ctx.now, user: seedUser('bob'), passwordOverride: WRONG_PASSWORD })
      .visit(await authorizeUrl('s-default'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdpPageError);
    expect((error as IdpPageError).pageText).toContain('Cancel sign-in and return to the app');
  });

  it('refuses a cancel without the interaction cookie (a forged cross-site post) and a cancel by GET', async () => {
    const browser = createScriptedBrowser({ caPem: ctx.ca.certPem, now: ctx.now, user: seedUser('bob') });
    const url = await authorizeUrl('s-forged');
    // Reach the sign-in page with a real browser to get a live interaction, then post without its cookies.
    const interaction = await firstInteractionUrl(url, browser.cookies);
    const forged = await send('POST', `${interaction}/cancel`, 'cancel=yes');
    expect(forged.status).toBe(400);
    expect(forged.body).toContain('Sign-in expired');
    const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const byGet = await send('GET', `${interaction}/cancel`, undefined, cookie);
    expect([byGet.status, byGet.location]).toEqual([303, new URL(interaction).pathname]);
  });

  it('logs the cancel without anything typed', () => {
    const logged = JSON.stringify(ctx.events);
    expect(logged).toContain('idp.sign-in.cancelled');
    expect(logged).not.toContain(WRONG_PASSWORD);
    for (const u of ctx.seed.users) expect(logged).not.toContain(u.password);
    expect(logged).not.toMatch(/914372|582019|370846/);
  });
});

function send(method: string, url: string, body?: string, cookie?: string): Promise<{ status: number; body: string; location: string | undefined }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...(cookie ? { cookie } : {}), ...(body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }) };
    const req = request(url, { method, headers, ca: ctx.ca.certPem }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), location: res.headers.location }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Follows the authorize redirect by hand (keeping cookies in `jar`) and returns the interaction page URL. */
async function firstInteractionUrl(url: string, jar: Map<string, string>): Promise<string> {
  const res = await new Promise<{ location: string; cookies: string[] }>((resolve, reject) => {
    request(url, { ca: ctx.ca.certPem }, (r) => {
      r.resume();
      resolve({ location: r.headers.location ?? '', cookies: r.headers['set-cookie'] ?? [] });
    })
      .on('error', reject)
      .end();
  });
  // The cookie a cross-site form post would not carry (SameSite=Lax): what makes every interaction form CSRF-safe.
  expect(res.cookies.find((c) => c.startsWith('_interaction=')) ?? '').toMatch(/samesite=lax/i);
  for (const c of res.cookies) {
    const [pair] = c.split(';');
    const eq = pair!.indexOf('=');
    jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
  }
  expect(res.location).toMatch(/\/interaction\/[A-Za-z0-9_-]+$/);
  return new URL(res.location, url).href;
}
