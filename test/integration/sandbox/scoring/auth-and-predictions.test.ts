// Scoring with each auth mode returns the model's real prediction; each 401/403 comes from the credential
// problem that causes it. Real HTTPS to 127.0.0.1 with SNI/Host set to the endpoint's public name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDIT_AAD_HOST, CREDIT_HOST, HIGH_RISK, LOW_RISK, SENTIMENT_HOST, splitOf, startScoringFixture, type ScoringFixture } from './scoring-fixture';

let fx: ScoringFixture;
beforeAll(async () => {
  fx = await startScoringFixture();
});
afterAll(async () => {
  await fx.stop();
});

const probabilities = (body: unknown) => body as number[];

describe('AMLToken endpoint (credit-ep)', () => {
  it('scores pandas-split input: a high-risk applicant gets a higher probability of default than a low-risk one', async () => {
    const res = await fx.score(CREDIT_HOST, await fx.amlToken(), splitOf(LOW_RISK, HIGH_RISK));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(['blue', 'green']).toContain(res.headers['azureml-model-deployment']);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['x-ms-run-function-failed']).toBe('False');
    const [low, high] = probabilities(res.json());
    expect(low).toBeLessThan(0.05);
    expect(high).toBeGreaterThan(0.95);
  });

  it('takes columns in any order, and the plain 2-D tensor form in the fixed order', async () => {
    const token = await fx.amlToken();
    const shuffled = { input_data: { columns: ['late_payments', 'income', 'age', 'employment_years', 'credit_lines', 'debt_ratio'], data: [[6, 18000, 22, 0, 9, 0.9]] } };
    const tensor = { input_data: [Object.values(HIGH_RISK)] };
    const a = await fx.score(CREDIT_HOST, token, shuffled, { 'azureml-model-deployment': 'blue' });
    const b = await fx.score(CREDIT_HOST, token, tensor, { 'azureml-model-deployment': 'blue' });
    const c = await fx.score(CREDIT_HOST, token, splitOf(HIGH_RISK), { 'azureml-model-deployment': 'blue' });
    expect(a.status).toBe(200);
    expect(a.json()).toEqual(b.json());
    expect(b.json()).toEqual(c.json());
  });

  it('401 without a credential, with a malformed header, a forged token, a token for another endpoint, or an expired token', async () => {
    const body = splitOf(LOW_RISK);
    const missing = await fx.request({ host: CREDIT_HOST, method: 'POST', path: '/score', body });
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toBe('Bearer');
    expect(missing.json()).toMatchObject({ error: { code: 'Unauthorized' } });
    expect((await fx.request({ host: CREDIT_HOST, method: 'POST', path: '/score', body, headers: { authorization: 'Basic YTpi' } })).status).toBe(401);
    const token = await fx.amlToken();
    const [h, p, s] = token.split('.');
    const tampered = `${h}.${p}.${s!.slice(0, -2)}${s!.endsWith('AA') ? 'BB' : 'AA'}`;
    expect((await fx.score(CREDIT_HOST, tampered, body)).status).toBe(401);
    expect((await fx.score(CREDIT_HOST, await fx.amlToken('credit-aad-ep'), body)).status).toBe(401);
    expect((await fx.score(CREDIT_HOST, fx.key('credit-ep'), body)).status).toBe(401);

    const expiring = await fx.amlToken();
    fx.ctx.advance(25 * 3600 * 1000);
    const expired = await fx.score(CREDIT_HOST, expiring, body);
    expect(expired.status).toBe(401);
    expect(expired.json()).toMatchObject({ error: { message: expect.stringMatching(/expired/) as unknown } });
    expect((await fx.score(CREDIT_HOST, await fx.amlToken(), body)).status).toBe(200);
  });
});

describe('Key endpoint (sentiment-ep)', () => {
  it('classifies texts with the primary or the secondary key', async () => {
    const texts = ['Thanks, the fix works great and support was very helpful!', 'The app crashes every time, this is terrible.', 'The ticket was moved to the Berlin queue on Tuesday.'];
    const res = await fx.score(SENTIMENT_HOST, fx.key(), { input_data: texts });
    expect(res.status).toBe(200);
    expect(res.headers['azureml-model-deployment']).toBe('main');
    const out = res.json() as Array<{ label: string; probabilities: Record<string, number> }>;
    expect(out.map((o) => o.label)).toEqual(['positive', 'negative', 'neutral']);
    for (const o of out) expect(o.probabilities['negative']! + o.probabilities['neutral']! + o.probabilities['positive']!).toBeCloseTo(1, 5);

    const secondary = fx.credentials.keysFor(fx.endpointId('sentiment-ep')).secondaryKey;
    const split = await fx.score(SENTIMENT_HOST, secondary, { input_data: { columns: ['text'], data: [['not good at all']] } });
    expect(split.status).toBe(200);
    expect((split.json() as Array<{ label: string }>)[0]!.label).toBe('negative');
  });

  it('401 for a wrong key, another endpoint’s key, or an AML token', async () => {
    const body = { input_data: ['fine'] };
    expect((await fx.score(SENTIMENT_HOST, 'not-the-key', body)).status).toBe(401);
    expect((await fx.score(SENTIMENT_HOST, fx.key('credit-ep'), body)).status).toBe(401);
    expect((await fx.score(SENTIMENT_HOST, await fx.amlToken('sentiment-ep'), body)).status).toBe(401);
  });
});

describe('AADToken endpoint (credit-aad-ep)', () => {
  it('scores for users whose role allows onlineEndpoints/score/action (subscription and resource-group scope)', async () => {
    for (const user of ['alice@contoso.test', 'bob@contoso.test']) {
      const res = await fx.score(CREDIT_AAD_HOST, await fx.aadToken(user), splitOf(HIGH_RISK, LOW_RISK));
      expect(res.status, user).toBe(200);
      const [high, low] = probabilities(res.json());
      expect(high).toBeGreaterThan(low!);
    }
  });

  it('403 for a valid token whose user lacks the action (Reader, no roles)', async () => {
    for (const user of ['carol@contoso.test', 'dave@contoso.test']) {
      const res = await fx.score(CREDIT_AAD_HOST, await fx.aadToken(user), splitOf(LOW_RISK));
      expect(res.status, user).toBe(403);
      expect(res.json()).toMatchObject({ error: { code: 'AuthorizationFailed' } });
    }
  });

  it('401 for the ARM audience, a foreign signing key, another issuer, an expired token, or an AML token', async () => {
    const body = splitOf(LOW_RISK);
    const bad = [
      await fx.aadToken('alice@contoso.test', { aud: 'https://management.azure.com' }),
      await fx.aadToken('alice@contoso.test', {}, { foreignKey: true }),
      await fx.aadToken('alice@contoso.test', {}, { issuer: 'https://login.microsoftonline.com/other/v2.0' }),
      await fx.aadToken('alice@contoso.test', {}, { expiresInSeconds: -3600 }),
      await fx.amlToken('credit-aad-ep'),
    ];
    for (const [i, token] of bad.entries()) expect((await fx.score(CREDIT_AAD_HOST, token, body)).status, `case ${i}`).toBe(401);
  });
});

describe('swagger.json', () => {
  it('describes the model input per endpoint and the credential its auth mode takes; needs the credential', async () => {
    expect((await fx.request({ host: CREDIT_HOST, path: '/swagger.json' })).status).toBe(401);
    const res = await fx.request({ host: CREDIT_HOST, path: '/swagger.json', headers: { authorization: `Bearer ${await fx.amlToken()}` } });
    expect(res.status).toBe(200);
    const doc = res.json() as { swagger: string; host: string; paths: Record<string, unknown>; securityDefinitions: { Bearer: { description: string } }; definitions: { ServiceInput: unknown } };
    expect(doc.swagger).toBe('2.0');
    expect(doc.host).toBe(CREDIT_HOST);
    expect(doc.paths).toHaveProperty(['/score', 'post']);
    expect(doc.securityDefinitions.Bearer.description).toMatch(/AMLToken/);
    expect(JSON.stringify(doc.definitions.ServiceInput)).toContain('debt_ratio');

    const sentiment = await fx.request({ host: SENTIMENT_HOST, path: '/swagger.json', headers: { authorization: `Bearer ${fx.key()}` } });
    expect(sentiment.status).toBe(200);
    expect(JSON.stringify(sentiment.json())).toContain('positive');
    expect((sentiment.json() as { securityDefinitions: { Bearer: { description: string } } }).securityDefinitions.Bearer.description).toMatch(/listKeys/);
  });
});
