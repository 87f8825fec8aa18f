import { describe, expect, it } from 'vitest';
import type { AuthService } from '../../../../../electron/services/auth';
import type { Environment } from '../../../../../electron/services/environments';
import type { HttpsRequest, HttpsResponse } from '../../../../../electron/services/ports';
import { createArmReader } from '../../../../../electron/services/workspace/arm-reader';
import { toModelSummary, toWorkspaceSummary } from '../../../../../electron/services/workspace/shapes';
import { silentLogger } from '../../../../../electron/services/ports';
import { AirlockError } from '../../../../../shared/errors/airlock-error';

const environment = { id: 'Sandbox', armEndpoint: 'https://arm.test:8443' } as Environment;
const WS = '/subscriptions/5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourceGroups/rg-ml-private/providers/Microsoft.MachineLearningServices/workspaces/ws-1';

function fakeAuth(stepUps: string[] = [], refreshes: string[] = []): AuthService {
  return {
    accessToken: async (_account: string, _resource: string, options: { forceRefresh?: boolean } = {}) => {
      if (options.forceRefresh) refreshes.push('refresh');
      return { token: options.forceRefresh ? 'FRESH' : 'TOKEN', expiresOn: null };
    },
    stepUpRequired: async (_account: string, _resource: string, claims: string) => {
      stepUps.push(claims);
      return new AirlockError('E_STEP_UP_REQUIRED', { details: { stepUpId: '3b241101-e2bb-4255-8caf-4136c566a962', resource: 'Azure Resource Manager', reason: 'claims-challenge', account: 'a@contoso.test' } });
    },
  } as unknown as AuthService;
}

function reader(answers: Array<Partial<HttpsResponse> | Error>, seen: HttpsRequest[] = [], auth = fakeAuth()) {
  return createArmReader({
    auth,
    accountId: 'oid.tid',
    environment,
    logger: silentLogger,
    send: async (req) => {
      seen.push(req);
      const next = answers.shift();
      if (!next) throw new Error('no more answers');
      if (next instanceof Error) throw next;
      return { status: 200, headers: {}, text: '{}', ...next };
    },
  });
}

describe('ARM reader', () => {
  it('follows nextLink on the ARM host with the bearer token and collects every page', async () => {
    const seen: HttpsRequest[] = [];
    const items = await reader(
      [{ text: JSON.stringify({ value: [1, 2], nextLink: 'https://arm.test:8443/subscriptions?page=2' }) }, { text: JSON.stringify({ value: [3] }) }],
      seen,
    ).list('/subscriptions', '2022-12-01');
    expect(items).toEqual([1, 2, 3]);
    expect(seen.map((r) => r.url)).toEqual(['https://arm.test:8443/subscriptions?api-version=2022-12-01', 'https://arm.test:8443/subscriptions?page=2']);
    expect(seen[0]!.headers).toMatchObject({ authorization: 'Bearer TOKEN' });
  });

  it('refuses a nextLink to another host instead of sending it the token', async () => {
    const seen: HttpsRequest[] = [];
    const failure = reader([{ text: JSON.stringify({ value: [1], nextLink: 'https://evil.example/steal' }) }], seen).list('/subscriptions', 'v');
    await expect(failure).rejects.toMatchObject({ code: 'E_UNAVAILABLE' });
    expect(seen).toHaveLength(1);
  });

  const claims = '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}';
  const challenge = {
    status: 401,
    headers: { 'www-authenticate': `Bearer authorization_uri="https://login.test/t/oauth2/authorize", error="insufficient_claims", claims="${Buffer.from(claims).toString('base64')}"` },
    text: '{"error":{"code":"InsufficientClaims"}}',
  };

  it('meets a claims challenge silently when a refresh with the claims can (no prompt)', async () => {
    const asked: unknown[] = [];
    const auth = { ...fakeAuth(), accessToken: async (_a: string, _r: string, options: unknown = {}) => (asked.push(options), { token: 'TOKEN', expiresOn: null }) } as unknown as AuthService;
    const items = await reader([challenge, { text: JSON.stringify({ value: ['ok'] }) }], [], auth).list(WS + '/models', 'v');
    expect(items).toEqual(['ok']);
    expect(asked).toEqual([{}, { claims }]);
  });

  it('turns a challenge the refreshed token still gets into a step-up with the decoded claims', async () => {
    const stepUps: string[] = [];
    const failure = reader([challenge, challenge], [], fakeAuth(stepUps)).list(WS + '/models', 'v');
    await expect(failure).rejects.toMatchObject({ code: 'E_STEP_UP_REQUIRED' });
    expect(stepUps).toEqual([claims]);
  });

  it('reports a next-page link it cannot read as unavailable, not an internal error', async () => {
    await expect(reader([{ text: JSON.stringify({ value: [1], nextLink: 'http://[bad' }) }]).list('/subscriptions', 'v')).rejects.toMatchObject({ code: 'E_UNAVAILABLE' });
  });

  it.each([
    [401, 'E_AUTH_REQUIRED'],
    [403, 'E_AZURE_FORBIDDEN'],
    [404, 'E_NOT_FOUND'],
    [429, 'E_RATE_LIMITED'],
    [500, 'E_UNAVAILABLE'],
    [503, 'E_UNAVAILABLE'],
  ])('maps ARM status %i to %s, keeping only the ARM error code', async (status, code) => {
    const answer = { status, headers: { 'retry-after': '7' }, text: '{"error":{"code":"SomeCode","message":"secret-ish text"}}' };
    const error = await reader([answer, answer]) // a 401 is retried once with a fresh token
      .list('/subscriptions', 'v')
      .catch((e: unknown) => e as AirlockError);
    expect(error).toMatchObject({ code });
    expect(JSON.stringify((error as AirlockError).toShape())).not.toContain('secret-ish');
    expect((error as AirlockError).details).toMatchObject({ status, armCode: 'SomeCode' });
  });

  it("says an ARM 403 is Azure's role decision, in words of its own, never Airlock's policy", async () => {
    const answer = { status: 403, headers: {}, text: '{"error":{"code":"AuthorizationFailed","message":"m"}}' };
    const error = (await reader([answer]).list('/subscriptions', 'v').catch((e: unknown) => e)) as AirlockError;
    expect(error.code).toBe('E_AZURE_FORBIDDEN');
    expect(error.message).toMatch(/Azure/);
    expect(error.message).toMatch(/role/);
    expect(error.message).not.toMatch(/policy/i);
    expect(error.hint).toMatch(/owner/);
    expect(error.details).toEqual({ status: 403, armCode: 'AuthorizationFailed' });
  });

  it("keeps ARM's error code and a transport code only when they are shaped like codes", async () => {
    const jwtLike = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJQTEFOVEVEIn0.c2ln';
    for (const armCode of ['Not a code PLANTED', jwtLike, 'x'.repeat(65), '']) {
      const answer = { status: 403, headers: {}, text: JSON.stringify({ error: { code: armCode, message: 'm' } }) };
      const error = (await reader([answer]).list('/subscriptions', 'v').catch((e: unknown) => e)) as AirlockError;
      expect(error).toMatchObject({ code: 'E_AZURE_FORBIDDEN' });
      expect(error.details).toEqual({ status: 403 });
    }
    const odd = Object.assign(new Error('odd'), { code: 'ECONN REFUSED PLANTED' });
    const failure = (await reader([odd]).list('/subscriptions', 'v').catch((e: unknown) => e)) as AirlockError;
    expect(failure).toMatchObject({ code: 'E_UNAVAILABLE' });
    expect(JSON.stringify(failure.toShape())).not.toContain('PLANTED');
  });

  it('reports TLS failures as E_TLS and other transport failures as E_UNAVAILABLE', async () => {
    const tls = Object.assign(new Error('self-signed certificate'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' });
    await expect(reader([tls]).list('/subscriptions', 'v')).rejects.toMatchObject({ code: 'E_TLS' });
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    await expect(reader([refused]).list('/subscriptions', 'v')).rejects.toMatchObject({ code: 'E_UNAVAILABLE', details: { reason: 'ECONNREFUSED' } });
    await expect(reader([{ text: 'not json' }]).list('/subscriptions', 'v')).rejects.toMatchObject({ code: 'E_UNAVAILABLE' });
  });
});

describe('ARM reader and clocks', () => {
  const expired = { status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token", error_description="The access token is expired."' }, text: '' };

  it('retries once with a freshly renewed token when ARM calls the cached one expired (clocks disagree)', async () => {
    const seen: HttpsRequest[] = [];
    const refreshes: string[] = [];
    const items = await reader([expired, { text: JSON.stringify({ value: ['ok'] }) }], seen, fakeAuth([], refreshes)).list('/subscriptions', 'v');
    expect(items).toEqual(['ok']);
    expect(refreshes).toEqual(['refresh']);
    expect(seen.map((r) => r.headers?.['authorization'])).toEqual(['Bearer TOKEN', 'Bearer FRESH']);
  });

  it("says to check the computer's clock when even a fresh token is called expired or not yet valid", async () => {
    const early = { ...expired, headers: { 'www-authenticate': 'Bearer error="invalid_token", error_description="The token is not yet valid (nbf)."' } };
    const error = await reader([expired, early]).list('/subscriptions', 'v').catch((e: unknown) => e as AirlockError);
    expect(error).toMatchObject({ code: 'E_AUTH_REQUIRED', details: { reason: 'not-yet-valid' } });
    expect((error as AirlockError).hint).toContain('date, time and time zone');
  });
});

describe('ARM shapes', () => {
  it('keeps display fields of a workspace and drops what is malformed', () => {
    expect(toWorkspaceSummary({ id: WS, location: 'westeurope', properties: { friendlyName: 'Credit', publicNetworkAccess: 'Disabled', privateEndpointConnections: [{}] } })).toEqual({
      id: WS,
      name: 'ws-1',
      displayName: 'Credit',
      subscriptionId: '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      resourceGroup: 'rg-ml-private',
      location: 'westeurope',
      publicNetworkAccess: 'Disabled',
      privateEndpoints: 1,
    });
    expect(toWorkspaceSummary({ id: '/subscriptions/x/other' })).toBeNull();
    expect(toWorkspaceSummary({ id: `${WS}?x=1` })).toBeNull();
    expect(toWorkspaceSummary({ id: WS.replace('rg-ml-private', '..') })).toBeNull(); // would climb the URL path
    expect(toWorkspaceSummary({ id: WS.replace('rg-ml-private', 'rg.') })).toBeNull();
    expect(toWorkspaceSummary({ id: WS, properties: { privateEndpointConnections: new Array(5000).fill({}) } })?.privateEndpoints).toBe(1000);
    expect(toWorkspaceSummary(null)).toBeNull();
    expect(toModelSummary({ name: 'm', properties: { latestVersion: 3, description: 'd' } })).toEqual({ name: 'm', latestVersion: null, modelType: null, framework: null, stage: null, tags: [], description: 'd', createdAt: null, modifiedAt: null });
    expect(toModelSummary({ properties: {} })).toBeNull();
  });
});
