// Authentication (401 with ARM codes and WWW-Authenticate), RBAC from the seed (403 AuthorizationFailed),
// 404s that reveal nothing, and the per-principal read quota (429 + Retry-After by the sandbox clock).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, RG, startArmFixture, SUB, WS, WS_PATH, type ArmFixture, restError } from './arm-fixture';

const ALICE = 'alice@contoso.test';
const CAROL = 'carol@contoso.test';
const DAVE = 'dave@contoso.test';

describe('ARM authentication, authorization and throttling', () => {
  let f: ArmFixture;
  beforeAll(async () => {
    f = await startArmFixture();
  });
  afterAll(async () => f.close());

  describe('401', () => {
    const url = `${WS_PATH}?${API}`;

    it('without an Authorization header: AuthenticationFailed and a Bearer challenge', async () => {
      const res = await f.raw('GET', url, { token: null });
      expect(res.status).toBe(401);
      expect(res.json().error?.code).toBe('AuthenticationFailed');
      expect(res.json().error?.message).toBe("Authentication failed. The 'Authorization' header is missing.");
      expect(res.headers['www-authenticate']).toMatch(/^Bearer .*error="invalid_token"/);
      expect(res.headers['x-ms-request-id']).toBeDefined();
    });

    it('with a non-Bearer scheme', async () => {
      const res = await f.raw('GET', url, { headers: { authorization: 'Basic YWxpY2U6cGFzcw==' } });
      expect(res.status).toBe(401);
      expect(res.json().error?.code).toBe('AuthenticationFailed');
    });

    it.each([
      ['garbage', async () => 'not-a-jwt', 'InvalidAuthenticationToken'],
      ['foreign-signed', async () => f.tokenFor(ALICE, {}, { foreignKey: true }), 'InvalidAuthenticationToken'],
      ['tampered', async () => (await f.tokenFor(ALICE)).replace(/\.([^.]+)\./, (_m, p: string) => `.${p.slice(0, -4)}AAAA.`), 'InvalidAuthenticationToken'],
      ['expired', async () => f.tokenFor(ALICE, {}, { expiresInSeconds: -3600 }), 'ExpiredAuthenticationToken'],
      ['wrong audience', async () => f.tokenFor(ALICE, { aud: 'https://ml.azure.com' }), 'InvalidAuthenticationTokenAudience'],
      ['wrong issuer', async () => f.tokenFor(ALICE, {}, { issuer: 'https://evil.example/v2.0' }), 'InvalidAuthenticationTokenTenant'],
      ['wrong tenant', async () => f.tokenFor(ALICE, { tid: '00000000-0000-4000-8000-000000000000' }), 'InvalidAuthenticationTokenTenant'],
    ])('%s token → %s', async (_name, make, code) => {
      const res = await f.raw('GET', url, { token: await make() });
      expect(res.status).toBe(401);
      expect(res.json().error?.code).toBe(code);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer /);
      expect(res.text).not.toMatch(/eyJ/);
    });

    it('the SDK surfaces a rejected token as RestError 401', async () => {
      const client = f.client(ALICE);
      client.pipeline.addPolicy({ name: 'tamper', sendRequest: (req, next) => (req.headers.set('authorization', 'Bearer x.y.z'), next(req)) }, { afterPhase: 'Sign' });
      const error = await restError(client.workspaces.get(RG, WS));
      expect(error.statusCode).toBe(401);
      expect(error.code).toBe('InvalidAuthenticationToken');
    });

    it('accepts the legacy management.core.windows.net audience', async () => {
      const res = await f.raw('GET', url, { token: await f.tokenFor(ALICE, { aud: 'https://management.core.windows.net/' }) });
      expect(res.status).toBe(200);
    });
  });

  describe('403', () => {
    it('a user without any role cannot list workspaces, and sees no subscriptions', async () => {
      const error = await restError(f.client(DAVE).workspaces.get(RG, WS));
      expect(error.statusCode).toBe(403);
      expect(error.code).toBe('AuthorizationFailed');
      expect(error.message).toContain("does not have authorization to perform action 'Microsoft.MachineLearningServices/workspaces/read'");
      expect(error.message).toContain('da4e0000-4444-4ddd-8ddd-000000000004');
      const list = await restError(f.client(DAVE).workspaces.listBySubscription().next());
      expect(list.statusCode).toBe(403);
      const subs = await f.raw('GET', `/subscriptions?${API}`, { token: await f.tokenFor(DAVE) });
      expect(subs.status).toBe(200);
      expect(subs.json()['value']).toEqual([]);
    });

    it('does not reveal whether a resource exists to a caller without access', async () => {
      const error = await restError(f.client(DAVE).workspaces.get(RG, 'ws-that-does-not-exist'));
      expect(error.statusCode).toBe(403);
    });

    it('a Reader can read but cannot get tokens or list keys', async () => {
      const carol = f.client(CAROL);
      await expect(carol.onlineEndpoints.get(RG, WS, 'credit-ep')).resolves.toMatchObject({ name: 'credit-ep' });
      const token = await restError(carol.onlineEndpoints.getToken(RG, WS, 'credit-ep'));
      expect(token.statusCode).toBe(403);
      expect(token.message).toContain('onlineEndpoints/token/action');
      const keys = await restError(carol.onlineEndpoints.listKeys(RG, WS, 'sentiment-ep'));
      expect(keys.statusCode).toBe(403);
      expect(keys.message).toContain('onlineEndpoints/listKeys/action');
    });
  });

  describe('404', () => {
    it('unknown workspace → ResourceNotFound; unknown model → NotFound; unknown subscription → SubscriptionNotFound', async () => {
      const alice = f.client(ALICE);
      const ws = await restError(alice.workspaces.get(RG, 'ws-nope'));
      expect([ws.statusCode, ws.code]).toEqual([404, 'ResourceNotFound']);
      const model = await restError(alice.modelContainers.get(RG, WS, 'no-such-model'));
      expect([model.statusCode, model.code]).toEqual([404, 'NotFound']);
      const rg = await restError(alice.workspaces.get('rg-nope', WS));
      expect([rg.statusCode, rg.code]).toEqual([404, 'ResourceGroupNotFound']);
      const sub = await f.raw('GET', `/subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups/${RG}?${API}`, { token: await f.tokenFor(ALICE) });
      expect([sub.status, sub.json().error?.code]).toEqual([404, 'SubscriptionNotFound']);
      const ep = await restError(alice.onlineEndpoints.getToken(RG, WS, 'no-such-ep'));
      expect(ep.statusCode).toBe(404);
    });

    it('error bodies carry no names the caller did not send', async () => {
      const res = await f.raw('GET', `${WS_PATH}/onlineEndpoints/nope?${API}`, { token: await f.tokenFor(ALICE) });
      expect(res.status).toBe(404);
      expect(res.text).not.toContain('credit-ep');
      expect(res.text).not.toContain('sentiment');
    });
  });
});

describe('ARM read quota', () => {
  let f: ArmFixture;
  beforeAll(async () => {
    f = await startArmFixture((s) => ({ ...s, arm: { ...s.arm, readsPerMinute: 3 } }));
  });
  afterAll(async () => f.close());

  it('answers 429 TooManyRequests with Retry-After past readsPerMinute, per principal, until the minute passes', async () => {
    const alice = f.client(ALICE, { maxRetries: 0 });
    for (let i = 0; i < 3; i++) await alice.workspaces.get(RG, WS);
    const throttled = await restError(alice.workspaces.get(RG, WS));
    expect(throttled.statusCode).toBe(429);
    expect(throttled.code).toBe('TooManyRequests');
    expect(throttled.response?.headers.get('retry-after')).toBe('60');

    // Another principal has its own quota.
    await expect(f.client(CAROL, { maxRetries: 0 }).workspaces.get(RG, WS)).resolves.toMatchObject({ name: WS });

    f.ctx.advance(45_000);
    const later = await restError(alice.workspaces.get(RG, WS));
    expect(later.response?.headers.get('retry-after')).toBe('15');
    f.ctx.advance(15_000);
    const res = await f.raw('GET', `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.MachineLearningServices/workspaces/${WS}?${API}`, { token: await f.tokenFor(ALICE) });
    expect(res.status).toBe(200);
    expect(res.headers['x-ms-ratelimit-remaining-subscription-reads']).toBe('2');
  });
});
