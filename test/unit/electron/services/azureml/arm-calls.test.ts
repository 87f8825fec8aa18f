// The SDK-backed ARM calls keep the hand-written reader's guarantees (ported from its tests): the bearer token
// on ARM-host requests only, a claims challenge met silently when a refresh with the claims can and a step-up
// otherwise, one renewal when ARM calls a token expired (then "check the clock"), ARM statuses as typed errors
// keeping only ARM's code, transport failures as E_TLS / E_UNAVAILABLE.
import { describe, expect, it } from 'vitest';
import type { AuthService } from '../../../../../electron/services/auth';
import type { Environment } from '../../../../../electron/services/environments';
import type { HttpsRequest, HttpsResponse } from '../../../../../electron/services/ports';
import { silentLogger } from '../../../../../electron/services/ports';
import { createWorkspaceService } from '../../../../../electron/services/workspace';
import { AirlockError } from '../../../../../shared/errors/airlock-error';

const environment = { id: 'Sandbox', armEndpoint: 'https://arm.test:8443', inferenceDnsSuffix: 'inference.ml.azure.com' } as Environment;
const WS = '/subscriptions/5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourceGroups/rg-ml-private/providers/Microsoft.MachineLearningServices/workspaces/ws-1';

function fakeAuth(stepUps: string[] = [], refreshes: string[] = [], asked: unknown[] = []): AuthService {
  return {
    accountEnvironment: async () => environment,
    accessToken: async (_account: string, _resource: string, options: { forceRefresh?: boolean } = {}) => {
      asked.push(options);
      if (options.forceRefresh) refreshes.push('refresh');
      return { token: options.forceRefresh ? 'FRESH' : 'TOKEN', expiresOn: null };
    },
    stepUpRequired: async (_account: string, _resource: string, claims: string) => {
      stepUps.push(claims);
      return new AirlockError('E_STEP_UP_REQUIRED', { details: { stepUpId: '3b241101-e2bb-4255-8caf-4136c566a962', resource: 'Azure Resource Manager', reason: 'claims-challenge', account: 'a@contoso.test' } });
    },
  } as unknown as AuthService;
}

function service(answers: Array<Partial<HttpsResponse> | Error>, seen: HttpsRequest[] = [], auth = fakeAuth()) {
  return createWorkspaceService({
    auth,
    logger: silentLogger,
    limits: { retryDelayMs: 1, maxRetries: 0 },
    sendFor: () => async (req) => {
      seen.push(req);
      const next = answers.shift();
      if (!next) throw new Error('no more answers');
      if (next instanceof Error) throw next;
      return { status: 200, headers: {}, text: '{}', ...next };
    },
  });
}
const page = (value: unknown[], nextLink?: string) => ({ text: JSON.stringify({ value, ...(nextLink ? { nextLink } : {}) }) });
const ep = (name: string) => ({ name, properties: { authMode: 'Key' } });

describe('ARM calls through the SDK', () => {
  it('follows nextLink on the ARM host with the bearer token and collects every page', async () => {
    const seen: HttpsRequest[] = [];
    const endpoints = await service([page([ep('a1'), ep('b2')], `https://arm.test:8443${WS}/onlineEndpoints?api-version=2022-10-01&$skipToken=2`), page([ep('c3')])], seen).endpoints('acct', WS);
    expect(endpoints.map((e) => e.name)).toEqual(['a1', 'b2', 'c3']);
    expect(seen.map((r) => new URL(r.url).pathname)).toEqual([`${WS}/onlineEndpoints`, `${WS}/onlineEndpoints`]);
    expect(seen.every((r) => r.headers?.['authorization'] === 'Bearer TOKEN')).toBe(true);
  });

  it('refuses a nextLink to another host instead of sending it the token', async () => {
    const seen: HttpsRequest[] = [];
    await expect(service([page([ep('a1')], 'https://evil.example/steal')], seen).endpoints('acct', WS)).rejects.toMatchObject({ code: 'E_UNAVAILABLE' });
    expect(seen).toHaveLength(1);
  });

  it('reports a next-page link it cannot read as unavailable, not an internal error', async () => {
    await expect(service([page([{ subscriptionId: '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' }], 'http://[bad')]).list('acct')).rejects.toMatchObject({ code: 'E_UNAVAILABLE' });
    await expect(service([page([ep('a1')], 'http://[bad')]).endpoints('acct', WS)).rejects.toMatchObject({ code: 'E_UNAVAILABLE' });
  });

  const claims = '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}';
  const challenge = {
    status: 401,
    headers: { 'www-authenticate': `Bearer authorization_uri="https://login.test/t/oauth2/authorize", error="insufficient_claims", claims="${Buffer.from(claims).toString('base64')}"` },
    text: '{"error":{"code":"InsufficientClaims"}}',
  };

  it('meets a claims challenge silently when a refresh with the claims can (no prompt)', async () => {
    const asked: unknown[] = [];
    const endpoints = await service([challenge, page([ep('ok')])], [], fakeAuth([], [], asked)).endpoints('acct', WS);
    expect(endpoints.map((e) => e.name)).toEqual(['ok']);
    expect(asked).toEqual([{}, { claims }]);
  });

  it('turns a challenge the refreshed token still gets into a step-up with the decoded claims', async () => {
    const stepUps: string[] = [];
    await expect(service([challenge, challenge], [], fakeAuth(stepUps)).endpoints('acct', WS)).rejects.toMatchObject({ code: 'E_STEP_UP_REQUIRED' });
    expect(stepUps).toEqual([claims]);
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
    const error = await service([answer, answer]) // a 401 is retried once with a fresh token
      .endpoints('acct', WS)
      .catch((e: unknown) => e as AirlockError);
    expect(error).toMatchObject({ code });
    expect(JSON.stringify((error as AirlockError).toShape())).not.toContain('secret-ish');
    expect((error as AirlockError).details).toMatchObject({ status, armCode: 'SomeCode' });
  });

  it("keeps ARM's error code and a transport code only when they are shaped like codes", async () => {
    const jwtLike = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJQTEFOVEVEIn0.c2ln';
    for (const armCode of ['Not a code PLANTED', jwtLike, 'x'.repeat(65), '']) {
      const answer = { status: 403, headers: {}, text: JSON.stringify({ error: { code: armCode, message: 'm' } }) };
      const error = (await service([answer]).endpoints('acct', WS).catch((e: unknown) => e)) as AirlockError;
      expect(error).toMatchObject({ code: 'E_AZURE_FORBIDDEN' });
      expect(error.details).toEqual({ status: 403 });
    }
    const odd = Object.assign(new Error('odd'), { code: 'ECONN REFUSED PLANTED' });
    const failure = (await service([odd]).endpoints('acct', WS).catch((e: unknown) => e)) as AirlockError;
    expect(failure).toMatchObject({ code: 'E_UNAVAILABLE' });
    expect(JSON.stringify(failure.toShape())).not.toContain('PLANTED');
  });

  it('reports TLS failures as E_TLS and other transport failures as E_UNAVAILABLE', async () => {
    const tls = Object.assign(new Error('self-signed certificate'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' });
    await expect(service([tls]).endpoints('acct', WS)).rejects.toMatchObject({ code: 'E_TLS' });
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    await expect(service([refused]).endpoints('acct', WS)).rejects.toMatchObject({ code: 'E_UNAVAILABLE', details: { reason: 'ECONNREFUSED' } });
    await expect(service([{ text: 'not json' }]).endpoints('acct', WS)).rejects.toMatchObject({ code: 'E_UNAVAILABLE' });
  });
});

describe('names checked before ARM is asked', () => {
  it('refuses a workspace id, endpoint or deployment name that is not one, sending nothing', async () => {
    const seen: HttpsRequest[] = [];
    const s = service([], seen);
    await expect(s.endpointHost('acct', WS, '../models')).rejects.toMatchObject({ code: 'E_BAD_REQUEST' });
    await expect(s.endpointDetail('acct', WS, 'a/b')).rejects.toMatchObject({ code: 'E_BAD_REQUEST' });
    await expect(s.deploymentLogs('acct', WS, 'ep-1', '../x', 10)).rejects.toMatchObject({ code: 'E_BAD_REQUEST' });
    await expect(s.endpoints('acct', `${WS}/../../x`)).rejects.toMatchObject({ code: 'E_BAD_REQUEST' });
    expect(seen).toEqual([]);
  });

  it("endpointHost: the scoring URI's host, read from ARM", async () => {
    const seen: HttpsRequest[] = [];
    const host = await service([{ text: JSON.stringify({ properties: { scoringUri: 'https://credit-ep.eastus.inference.ml.azure.com/score' } }) }], seen).endpointHost('acct', WS, 'credit-ep');
    expect(host).toBe('credit-ep.eastus.inference.ml.azure.com');
    expect(seen.map((r) => new URL(r.url).pathname)).toEqual([`${WS}/onlineEndpoints/credit-ep`]);
    await expect(service([{ text: JSON.stringify({ properties: { scoringUri: 'https://10.0.1.4/score' } }) }]).endpointHost('acct', WS, 'credit-ep')).rejects.toMatchObject({ code: 'E_UNAVAILABLE' });
  });
});

describe('ARM calls and clocks', () => {
  const expired = { status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token", error_description="The access token is expired."' }, text: '' };

  it('retries once with a freshly renewed token when ARM calls the cached one expired (clocks disagree)', async () => {
    const seen: HttpsRequest[] = [];
    const refreshes: string[] = [];
    const endpoints = await service([expired, page([ep('ok')])], seen, fakeAuth([], refreshes)).endpoints('acct', WS);
    expect(endpoints.map((e) => e.name)).toEqual(['ok']);
    expect(refreshes).toEqual(['refresh']);
    expect(seen.map((r) => r.headers?.['authorization'])).toEqual(['Bearer TOKEN', 'Bearer FRESH']);
  });

  it("says to check the computer's clock when even a fresh token is called expired or not yet valid", async () => {
    const early = { ...expired, headers: { 'www-authenticate': 'Bearer error="invalid_token", error_description="The token is not yet valid (nbf)."' } };
    const error = await service([expired, early]).endpoints('acct', WS).catch((e: unknown) => e as AirlockError);
    expect(error).toMatchObject({ code: 'E_AUTH_REQUIRED', details: { reason: 'not-yet-valid' } });
    expect((error as AirlockError).hint).toContain('date, time and time zone');
  });
});

describe('what is sent', () => {
  it('asks for plain JSON (no gzip the HTTP port would not undo) and nothing but GET for reads', async () => {
    const seen: HttpsRequest[] = [];
    await service([page([ep('a1')])], seen).endpoints('acct', WS);
    expect(seen[0]!.method).toBe('GET');
    expect(Object.keys(seen[0]!.headers ?? {})).not.toContain('accept-encoding');
  });
});
