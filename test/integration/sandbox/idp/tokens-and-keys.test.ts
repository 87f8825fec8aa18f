// Access tokens of the sandbox IdP as resource servers see them: `idp.verifier` accepts a real token and
// rejects wrong audience, tampered signature, expiry (moved on the sandbox clock) and a foreign issuer;
// the signing key is persisted per state directory (0600), so tokens outlive a restart. Also the HTTP
// surface outside the tenant mount. And a token request the shims rewrite reaches oidc-provider unread:
// it prints no "already parsed request body" warning.
import { stat, readFile } from 'node:fs/promises';
import { request } from 'node:https';
import path from 'node:path';
import { importJWK, SignJWT, type JWK } from 'jose';
import type { AccountInfo } from '@azure/msal-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ARM_AUDIENCE, ML_AUDIENCE, startIdentityProvider, type IdentityProvider } from '../../../../sandbox/idp/index';
import { createScriptedBrowser } from '../../../support/sandbox/scripted-browser';
import { createTestContext, type TestContext } from '../../../support/sandbox/test-context';
import { createPublicClient, jwtClaims } from '../../../support/sandbox/msal-harness';

let ctx: TestContext;
let idp: IdentityProvider;
let armToken: string;
let pca: ReturnType<typeof createPublicClient>;
let account: AccountInfo;
const warnings: string[] = [];

beforeAll(async () => {
  // Before oidc-provider's first request in this file's (fresh) module graph: it warns once per process.
  const warn = console.warn.bind(console);
  vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    warnings.push(args.map(String).join(' '));
    warn(...args);
  });
  ctx = await createTestContext();
  idp = await startIdentityProvider(ctx);
  const bob = ctx.seed.users.find((u) => u.mfa === 'on-demand')!;
  const browser = createScriptedBrowser({ caPem: ctx.ca.certPem, user: bob, now: ctx.now });
  pca = createPublicClient(idp, ctx.seed.client.id, ctx.ca.certPem);
  const result = await pca.acquireTokenInteractive({
    scopes: [`${ARM_AUDIENCE}/user_impersonation`],
    // VS Code-style account picker request: the IdP drops it (shim 1) instead of failing.
    prompt: 'select_account',
    successTemplate: 'ok',
    errorTemplate: 'error',
    openBrowser: async (url) => void browser.visit(url).catch(() => undefined),
  });
  armToken = result.accessToken;
  account = result.account!;
});
afterAll(async () => {
  vi.restoreAllMocks();
  await idp?.stop();
});

const get = (url: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    request(url, { ca: ctx.ca.certPem }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });

describe('token requests the shims rewrite', () => {
  it('reach oidc-provider as unread requests: no "already parsed request body" warning', () => {
    expect(armToken).toBeTruthy(); // a code exchange went through the shims
    expect(warnings.filter((w) => w.includes('already parsed'))).toEqual([]);
  });
});

describe('access-token verification', () => {
  it('accepts the token for its audience (user_impersonation scope maps to ARM)', async () => {
    expect(jwtClaims(armToken)).toMatchObject({ aud: ARM_AUDIENCE, scp: 'user_impersonation' });
    const verified = await idp.verifier.verify(armToken, ARM_AUDIENCE);
    expect(verified).toMatchObject({ ok: true, token: { aud: ARM_AUDIENCE, amr: ['pwd'], acrs: [] } });
  });

  it('mints the legacy ARM audience the CLI sends to Bastion (management.core.windows.net//.default)', async () => {
    const legacy = await pca.acquireTokenSilent({ account, scopes: ['https://management.core.windows.net//.default'], forceRefresh: true });
    expect(jwtClaims(legacy.accessToken)).toMatchObject({ aud: 'https://management.core.windows.net/', scp: 'user_impersonation' });
    expect(await idp.verifier.verify(legacy.accessToken, 'https://management.core.windows.net/')).toMatchObject({ ok: true });
    expect(await idp.verifier.verify(legacy.accessToken, ARM_AUDIENCE)).toMatchObject({ ok: false, rejection: { reason: 'wrong-audience' } });
  });

  it('rejects another audience', async () => {
    expect(await idp.verifier.verify(armToken, ML_AUDIENCE)).toEqual({ ok: false, rejection: { reason: 'wrong-audience', audience: ARM_AUDIENCE } });
  });

  it('rejects a tampered signature and a tampered payload', async () => {
    const [header, payload, signature] = armToken.split('.') as [string, string, string];
    const flipped = `${signature.slice(0, -4)}${signature.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    expect(await idp.verifier.verify(`${header}.${payload}.${flipped}`, ARM_AUDIENCE)).toEqual({ ok: false, rejection: { reason: 'bad-signature' } });
    const claims = { ...jwtClaims(armToken), oid: ctx.seed.users[0]!.oid, acrs: ['c1'] };
    const forged = Buffer.from(JSON.stringify(claims)).toString('base64url');
    expect(await idp.verifier.verify(`${header}.${forged}.${signature}`, ARM_AUDIENCE)).toEqual({ ok: false, rejection: { reason: 'bad-signature' } });
    expect(await idp.verifier.verify('', ARM_AUDIENCE)).toEqual({ ok: false, rejection: { reason: 'missing' } });
    expect(await idp.verifier.verify('not.a.jwt', ARM_AUDIENCE)).toMatchObject({ ok: false });
  });

  it('rejects a token signed with the right key for another issuer', async () => {
    const stored = JSON.parse(await readFile(path.join(ctx.stateDir, 'idp', 'keys.json'), 'utf8')) as { signingKey: JWK & { kid: string } };
    const key = await importJWK({ ...stored.signingKey, alg: 'RS256' }, 'RS256');
    const iat = Math.floor(ctx.now().getTime() / 1000);
    const foreign = await new SignJWT({ ...jwtClaims(armToken) })
      .setProtectedHeader({ alg: 'RS256', kid: stored.signingKey.kid, typ: 'at+jwt' })
      .setIssuer('https://login.microsoftonline.com/other-tenant/v2.0')
      .setIssuedAt(iat)
      .setExpirationTime(iat + 600)
      .sign(key);
    expect(await idp.verifier.verify(foreign, ARM_AUDIENCE)).toEqual({ ok: false, rejection: { reason: 'wrong-issuer' } });
  });

  it('rejects the token once the sandbox clock passes its expiry (plus tolerance)', async () => {
    const exp = Number(jwtClaims(armToken)['exp']) * 1000;
    const offset = exp + 301_000 - ctx.now().getTime();
    ctx.advance(offset);
    try {
      expect(await idp.verifier.verify(armToken, ARM_AUDIENCE)).toEqual({ ok: false, rejection: { reason: 'expired' } });
    } finally {
      ctx.advance(-offset);
    }
    expect(await idp.verifier.verify(armToken, ARM_AUDIENCE)).toMatchObject({ ok: true });
  });
});

describe('keys per state directory', () => {
  it('stores the signing key with mode 0600', async () => {
    const info = await stat(path.join(ctx.stateDir, 'idp', 'keys.json'));
    expect(info.mode & 0o777).toBe(0o600);
  });

  it('serves the public key only, at the discovery jwks_uri', async () => {
    const discovery = JSON.parse((await get(`${idp.authority}/v2.0/.well-known/openid-configuration`)).body) as Record<string, string>;
    expect(discovery['issuer']).toBe(idp.issuer);
    expect(discovery['token_endpoint']).toBe(idp.tokenEndpoint);
    expect(idp.deviceCodeUrl).toBe(discovery['token_endpoint']!.replace('/token', '/devicecode'));
    const jwks = JSON.parse((await get(discovery['jwks_uri']!)).body) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys.map((k) => k['kid'])).toEqual(idp.jwks.keys.map((k) => k.kid));
    for (const key of jwks.keys) expect(Object.keys(key)).not.toEqual(expect.arrayContaining(['d']));
  });

  it('keeps keys across a restart on the same port (the issuer names the port): old tokens still verify', async () => {
    const before = idp.jwks;
    const { port } = idp;
    await idp.stop();
    idp = await startIdentityProvider(ctx, { port });
    expect(idp.jwks).toEqual(before);
    expect(await idp.verifier.verify(armToken, ARM_AUDIENCE)).toMatchObject({ ok: true });
  });
});

describe('HTTP surface', () => {
  it('answers 404 outside the tenant path and for another tenant', async () => {
    expect((await get(`https://${idp.knownAuthority}/`)).status).toBe(404);
    expect((await get(`https://${idp.knownAuthority}/common/v2.0/.well-known/openid-configuration`)).status).toBe(404);
  });

  it('answers an unknown interaction with a plain page, not a crash', async () => {
    const res = await get(`${idp.authority}/interaction/doesnotexist`);
    expect(res.status).toBe(400);
    expect(res.body).toContain('This sign-in request has expired');
  });
});
