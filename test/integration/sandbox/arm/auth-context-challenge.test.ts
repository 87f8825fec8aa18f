// Workspaces protected by a Conditional Access auth context (seed `requiredAuthContext`): without the
// context in the token's `acrs`, every request at or under the workspace gets 401 with an Entra claims
// challenge the real SDK and the client can parse; with it, 200. Lists above the workspace still show it.
// Order: authentication (401 invalid_token) → RBAC (403) → lookup (404) → auth context (401 claims) → children.
import { AzureMachineLearningWorkspaces } from '@azure/arm-machinelearning';
import type { GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeed, parseSeed, SeedError } from '../../../../sandbox/seed/load-seed';
import { API, collectPages, RG, startArmFixture, SUB, type ArmFixture, restError } from './arm-fixture';

const ALICE = 'alice@contoso.test';
const BOB = 'bob@contoso.test';
const CAROL = 'carol@contoso.test';
const DAVE = 'dave@contoso.test';
const FRAUD = 'ws-fraud-restricted';
const FRAUD_ID = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.MachineLearningServices/workspaces/${FRAUD}`;
const CLAIMS_JSON = '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}';

/** `Bearer a="b", c="d"` → { scheme, params }; throws unless the whole header is that shape. */
function parseChallenge(header: string | undefined): { scheme: string; params: Record<string, string> } {
  const match = /^(\w+) ((?:\w+="[^"]*"(?:, |$))+)$/.exec(header ?? '');
  if (!match) throw new Error(`unparseable WWW-Authenticate: ${header}`);
  const params: Record<string, string> = {};
  for (const [, key, value] of match[2]!.matchAll(/(\w+)="([^"]*)"/g)) params[key!] = value!;
  return { scheme: match[1]!, params };
}

describe('ARM claims challenge for a workspace with a required auth context', () => {
  let f: ArmFixture;
  beforeAll(async () => {
    f = await startArmFixture();
  });
  afterAll(async () => f.close());

  const mfa = (username: string) => f.tokenFor(username, { amr: ['pwd', 'mfa'], acrs: ['c1'] });
  const passwordOnly = (username: string) => f.tokenFor(username, { amr: ['pwd'] });

  it('the default seed protects ws-fraud-restricted with c1, one of its authContexts', async () => {
    const seed = await loadSeed();
    const workspaces = seed.subscriptions.flatMap((s) => s.resourceGroups.flatMap((g) => g.workspaces));
    expect(workspaces.find((w) => w.name === FRAUD)?.requiredAuthContext).toBe('c1');
    expect(seed.authContexts).toContain('c1');
    expect(workspaces.filter((w) => w.requiredAuthContext !== undefined).map((w) => w.name)).toEqual([FRAUD]);
  });

  it('a token without acrs gets 401 InsufficientClaims and a claims challenge that decodes to the acrs c1 request', async () => {
    const res = await f.raw('GET', `${FRAUD_ID}?${API}`, { token: await passwordOnly(ALICE) });
    expect(res.status).toBe(401);

    const header = res.headers['www-authenticate'];
    const claims = Buffer.from(CLAIMS_JSON, 'utf8').toString('base64');
    expect(header).toBe(`Bearer authorization_uri="${f.authority}/oauth2/authorize", error="insufficient_claims", claims="${claims}"`);
    expect(f.authority).toBe(`https://localhost:1/${f.ctx.seed.tenant.id}`);
    const parsed = parseChallenge(header);
    expect(parsed.scheme).toBe('Bearer');
    expect(parsed.params['error']).toBe('insufficient_claims');
    expect(parsed.params['authorization_uri']).toBe(`https://localhost:1/${f.ctx.seed.tenant.id}/oauth2/authorize`);
    const decoded = Buffer.from(parsed.params['claims']!, 'base64').toString('utf8');
    expect(decoded).toBe(CLAIMS_JSON);
    expect(JSON.parse(decoded)).toEqual({ access_token: { acrs: { essential: true, value: 'c1' } } });

    const body = res.json();
    expect(body).toEqual({
      error: {
        code: 'InsufficientClaims',
        message: `The access token does not satisfy the authentication context 'c1' that workspace '${FRAUD}' requires. Sign in again with the claims in the WWW-Authenticate header (multi-factor authentication) and retry.`,
        details: [],
        additionalInfo: [],
      },
    });
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['x-ms-failure-cause']).toBe('gateway');
    expect(res.text).not.toMatch(/eyJ/);

    const event = f.ctx.events.filter((e) => e.event === 'arm.claims_challenge').at(-1);
    expect(event?.fields).toMatchObject({ oid: 'a11ce000-1111-4aaa-8aaa-000000000001', workspace: FRAUD_ID, authContext: 'c1', requestId: res.headers['x-ms-request-id'] });
    expect(JSON.stringify(event?.fields)).not.toMatch(/eyJ/);
  });

  it('a token with acrs c1 reads the workspace, its models and versions', async () => {
    const token = await mfa(ALICE);
    const ws = await f.raw('GET', `${FRAUD_ID}?${API}`, { token });
    expect(ws.status).toBe(200);
    expect(ws.json()['id']).toBe(FRAUD_ID);
    expect(ws.json()['name']).toBe(FRAUD);
    const models = await f.raw('GET', `${FRAUD_ID}/models?${API}`, { token });
    expect(models.status).toBe(200);
    expect((models.json()['value'] as Array<{ name: string }>).map((m) => m.name)).toEqual(['fraud-detector', 'aml-graph-scorer']);
    const versions = await f.raw('GET', `${FRAUD_ID}/models/fraud-detector/versions?${API}`, { token });
    expect((versions.json()['value'] as Array<{ name: string }>).map((v) => v.name)).toEqual(['1', '2']);
    const endpoints = await f.raw('GET', `${FRAUD_ID}/onlineEndpoints?${API}`, { token });
    expect([endpoints.status, endpoints.json()['value']]).toEqual([200, []]);
  });

  it('only the required context counts: acrs c2 or an empty list is challenged, acrs as a single string passes', async () => {
    for (const acrs of [['c2'], [], 'c2']) {
      const res = await f.raw('GET', `${FRAUD_ID}?${API}`, { token: await f.tokenFor(ALICE, { acrs }) });
      expect(res.status).toBe(401);
      expect(res.json().error?.code).toBe('InsufficientClaims');
    }
    const single = await f.raw('GET', `${FRAUD_ID}?${API}`, { token: await f.tokenFor(ALICE, { acrs: 'c1' }) });
    expect(single.status).toBe(200);
  });

  it.each([
    ['GET', '/models'],
    ['GET', '/models/fraud-detector'],
    ['GET', '/models/fraud-detector/versions'],
    ['GET', '/models/fraud-detector/versions/2'],
    ['GET', '/models/no-such-model'],
    ['GET', '/onlineEndpoints'],
    ['GET', '/onlineEndpoints/no-such-ep'],
    ['POST', '/onlineEndpoints/no-such-ep/token'],
    ['POST', '/onlineEndpoints/no-such-ep/listKeys'],
    ['GET', '/onlineEndpoints/no-such-ep/deployments'],
    ['GET', '/onlineEndpoints/no-such-ep/deployments/main'],
    ['POST', '/onlineEndpoints/no-such-ep/deployments/main/getLogs'],
    ['HEAD', ''],
  ])('%s {ws}%s is challenged before anything inside the workspace is looked up', async (method, suffix) => {
    const res = await f.raw(method, `${FRAUD_ID}${suffix}?${API}`, { token: await passwordOnly(ALICE), ...(method === 'POST' ? { body: '{}' } : {}) });
    expect(res.status).toBe(401);
    expect(parseChallenge(res.headers['www-authenticate']).params['error']).toBe('insufficient_claims');
    if (method !== 'HEAD') expect(res.json().error?.code).toBe('InsufficientClaims');
  });

  it('with c1, missing children are plain 404s again', async () => {
    const token = await mfa(ALICE);
    const model = await f.raw('GET', `${FRAUD_ID}/models/no-such-model?${API}`, { token });
    expect([model.status, model.json().error?.code]).toEqual([404, 'NotFound']);
    const ep = await f.raw('POST', `${FRAUD_ID}/onlineEndpoints/no-such-ep/token?${API}`, { token, body: '{}' });
    expect(ep.status).toBe(404);
  });

  it('subscription and resource-group lists show the workspace without c1; the registry republishes none of its models', async () => {
    for (const user of [ALICE, BOB, CAROL]) {
      const token = await passwordOnly(user);
      const bySub = await f.raw('GET', `/subscriptions/${SUB}/providers/Microsoft.MachineLearningServices/workspaces?${API}`, { token });
      expect(bySub.status).toBe(200);
      expect((bySub.json()['value'] as Array<{ id: string }>).map((w) => w.id)).toContain(FRAUD_ID);
      const byGroup = await f.raw('GET', `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.MachineLearningServices/workspaces?${API}`, { token });
      expect((byGroup.json()['value'] as Array<{ name: string }>).map((w) => w.name)).toContain(FRAUD);
    }
    const { items } = await collectPages(f.client(ALICE).workspaces.listBySubscription());
    expect(items.map((w) => w.name)).toContain(FRAUD);
    const registry = await f.raw('GET', `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.MachineLearningServices/registries/shared-registry/models?${API}`, {
      token: await passwordOnly(ALICE),
    });
    expect((registry.json()['value'] as Array<{ name: string }>).map((m) => m.name)).toEqual(['credit-risk', 'sentiment']);
  });

  it('alice, bob and carol (subscription roles) are challenged without c1 and read with it', async () => {
    for (const user of [ALICE, BOB, CAROL]) {
      expect((await f.raw('GET', `${FRAUD_ID}?${API}`, { token: await passwordOnly(user) })).status).toBe(401);
      expect((await f.raw('GET', `${FRAUD_ID}?${API}`, { token: await mfa(user) })).status).toBe(200);
    }
  });

  it('authentication comes first: an invalid token gets invalid_token, not a claims challenge', async () => {
    const expired = await f.raw('GET', `${FRAUD_ID}?${API}`, { token: await f.tokenFor(ALICE, { acrs: ['c1'] }, { expiresInSeconds: -3600 }) });
    expect([expired.status, expired.json().error?.code]).toEqual([401, 'ExpiredAuthenticationToken']);
    expect(expired.headers['www-authenticate']).toMatch(/error="invalid_token"/);
    expect(expired.headers['www-authenticate']).not.toMatch(/claims=/);
    const missing = await f.raw('GET', `${FRAUD_ID}?${API}`, { token: null });
    expect([missing.status, missing.json().error?.code]).toEqual([401, 'AuthenticationFailed']);
  });

  it('RBAC comes before the auth context: no role → the same 403 as for a workspace that does not exist', async () => {
    const dave = await passwordOnly(DAVE);
    const protectedWs = await f.raw('GET', `${FRAUD_ID}?${API}`, { token: dave });
    const missingWs = await f.raw('GET', `${FRAUD_ID.replace(FRAUD, 'ws-does-not-exist')}?${API}`, { token: dave });
    expect([protectedWs.status, protectedWs.json().error?.code]).toEqual([403, 'AuthorizationFailed']);
    expect(missingWs.status).toBe(403);
    expect(protectedWs.headers['www-authenticate']).toBeUndefined();
    // A Reader asking for an action it does not hold is refused outright (no pointless step-up).
    const carol = await f.raw('POST', `${FRAUD_ID}/onlineEndpoints/any/listKeys?${API}`, { token: await passwordOnly(CAROL), body: '{}' });
    expect(carol.status).toBe(403);
  });

  it('other workspaces need no auth context', async () => {
    const res = await f.raw('GET', `${FRAUD_ID.replace(FRAUD, 'ws-credit-private')}/onlineEndpoints?${API}`, { token: await passwordOnly(BOB) });
    expect(res.status).toBe(200);
  });

  it('the real SDK surfaces RestError 401 with the www-authenticate claims challenge on its response', async () => {
    const error = await restError(f.client(ALICE).workspaces.get(RG, FRAUD));
    expect(error.statusCode).toBe(401);
    expect(error.code).toBe('InsufficientClaims');
    const header = error.response?.headers.get('www-authenticate');
    expect(header).toBeDefined();
    const parsed = parseChallenge(header);
    expect(parsed.params['error']).toBe('insufficient_claims');
    expect(Buffer.from(parsed.params['claims']!, 'base64').toString('utf8')).toBe(CLAIMS_JSON);

    const models = await restError(f.client(BOB).modelContainers.list(RG, FRAUD).next());
    expect(models.statusCode).toBe(401);
    expect(models.response?.headers.get('www-authenticate')).toContain('error="insufficient_claims"');
  });

  it("the SDK's bearer policy hands the decoded claims to the credential and retries once: a step-up credential succeeds", async () => {
    const asked: Array<string | undefined> = [];
    const credential: TokenCredential = {
      getToken: async (_scopes, options?: GetTokenOptions) => {
        asked.push(options?.claims);
        const token = options?.claims ? await mfa(ALICE) : await passwordOnly(ALICE);
        return { token, expiresOnTimestamp: f.ctx.now().getTime() + 3_600_000 };
      },
    };
    const client = new AzureMachineLearningWorkspaces(credential, SUB, {
      endpoint: f.arm.endpoint,
      credentialScopes: ['https://management.azure.com/.default'],
      apiVersion: '2024-04-01',
      tlsOptions: { ca: f.ctx.ca.certPem },
    });
    const ws = await client.workspaces.get(RG, FRAUD);
    expect(ws.id).toBe(FRAUD_ID);
    expect(asked).toEqual([undefined, CLAIMS_JSON]);
  });
});

describe('seed validation of requiredAuthContext', () => {
  it('rejects an auth context that is not in authContexts, naming the field', async () => {
    const seed = structuredClone(await loadSeed()) as unknown as { authContexts: string[]; subscriptions: Array<{ resourceGroups: Array<{ workspaces: Array<Record<string, unknown>> }> }> };
    seed.subscriptions[0]!.resourceGroups[0]!.workspaces[0]!['requiredAuthContext'] = 'c7';
    expect(() => parseSeed(seed, 'test-seed')).toThrow(SeedError);
    expect(() => parseSeed(seed, 'test-seed')).toThrow(
      "subscriptions.0.resourceGroups.0.workspaces.0.requiredAuthContext: auth context 'c7' is not listed in authContexts ('c1'); add it there or require one of those",
    );
    seed.authContexts = ['c1', 'c7'];
    expect(parseSeed(seed, 'test-seed').subscriptions[0]!.resourceGroups[0]!.workspaces[0]!.requiredAuthContext).toBe('c7');
  });

  it('rejects a malformed auth-context id', async () => {
    const seed = structuredClone(await loadSeed()) as unknown as { subscriptions: Array<{ resourceGroups: Array<{ workspaces: Array<Record<string, unknown>> }> }> };
    seed.subscriptions[0]!.resourceGroups[0]!.workspaces[0]!['requiredAuthContext'] = 'mfa';
    expect(() => parseSeed(seed, 'test-seed')).toThrow(/workspaces\.0\.requiredAuthContext: an auth-context id/);
  });
});
