// Deployment choice: the azureml-model-deployment header forces a deployment (also at 0 % traffic),
// otherwise traffic weights decide deterministically; a broken deployment answers 424 with the model-error
// headers; no positive-weight deployment or an unknown name answers 404. The host is published on the
// private network with its private-link CNAME.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDIT_HOST, HIGH_RISK, SENTIMENT_HOST, splitOf, startScoringFixture, type ScoringFixture } from './scoring-fixture';

let fx: ScoringFixture;
beforeAll(async () => {
  fx = await startScoringFixture();
});
afterAll(async () => {
  await fx.stop();
});

describe('routing', () => {
  it('splits 100 requests exactly by the traffic weights (credit-ep: blue 90, green 10)', async () => {
    const token = await fx.amlToken();
    const counts: Record<string, number> = {};
    for (let i = 0; i < 100; i++) {
      const res = await fx.score(CREDIT_HOST, token, splitOf(HIGH_RISK));
      expect(res.status).toBe(200);
      const deployment = String(res.headers['azureml-model-deployment']);
      counts[deployment] = (counts[deployment] ?? 0) + 1;
    }
    expect(counts).toEqual({ blue: 90, green: 10 });
  });

  it('the header forces a deployment, case-insensitively; an unknown name is 404 (never a fallback)', async () => {
    const token = await fx.amlToken();
    for (let i = 0; i < 5; i++) {
      const res = await fx.score(CREDIT_HOST, token, splitOf(HIGH_RISK), { 'azureml-model-deployment': 'Green' });
      expect(res.status).toBe(200);
      expect(res.headers['azureml-model-deployment']).toBe('green');
    }
    const unknown = await fx.score(CREDIT_HOST, token, splitOf(HIGH_RISK), { 'azureml-model-deployment': 'purple' });
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: 'DeploymentNotFound' } });
  });

  it('a 0 % deployment is reachable only by header; "broken" answers 424 with the container error headers', async () => {
    for (let i = 0; i < 20; i++) {
      const res = await fx.score(SENTIMENT_HOST, fx.key(), { input_data: ['ok'] });
      expect(res.headers['azureml-model-deployment']).toBe('main');
    }
    const broken = await fx.score(SENTIMENT_HOST, fx.key(), { input_data: ['ok'] }, { 'azureml-model-deployment': 'broken' });
    expect(broken.status).toBe(424);
    expect(broken.headers['azureml-model-deployment']).toBe('broken');
    expect(broken.headers['ms-azureml-model-error-statuscode']).toBe('500');
    expect(broken.headers['ms-azureml-model-error-reason']).toBe("ModuleNotFoundError: No module named 'sklearn'");
  });

  it('publishes every host on the private network: :443 → the server port, CNAME into privatelink.api.azureml.ms', () => {
    expect(fx.network.route(CREDIT_HOST, 443)).toEqual({ host: '127.0.0.1', port: fx.scoring.port });
    expect(fx.network.route(SENTIMENT_HOST, 443)).toEqual({ host: '127.0.0.1', port: fx.scoring.port });
    expect(fx.network.records()[CREDIT_HOST]).toEqual({ cname: 'credit-ep.c0ffee00-aaaa-4bbb-8ccc-0123456789ab.inference.westeurope.privatelink.api.azureml.ms', a: ['127.0.0.1'] });
    expect(fx.scoring.hosts.map((h) => h.scoringUri).sort()).toEqual([
      'https://credit-aad-ep.westeurope.inference.ml.azure.com/score',
      'https://credit-ep.westeurope.inference.ml.azure.com/score',
      'https://sentiment-ep.westeurope.inference.ml.azure.com/score',
    ]);
    expect(fx.scoring.hosts.find((h) => h.endpoint === 'credit-ep')?.endpointId).toBe(
      '/subscriptions/5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourcegroups/rg-ml-private/providers/microsoft.machinelearningservices/workspaces/ws-credit-private/onlineendpoints/credit-ep',
    );
  });

  it('an unknown host under the wildcard certificate is 404', async () => {
    const res = await fx.score('nope-ep.westeurope.inference.ml.azure.com', fx.key(), { input_data: ['x'] });
    expect(res.status).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'EndpointNotFound' } });
  });
});

describe('an endpoint with no positive-weight deployment', () => {
  let empty: ScoringFixture;
  beforeAll(async () => {
    empty = await startScoringFixture({
      seed: (seed) => {
        const ep = seed.subscriptions[0]!.resourceGroups[0]!.workspaces[0]!.onlineEndpoints.find((e) => e.name === 'sentiment-ep')!;
        ep.traffic = { main: 0, broken: 0 };
        return seed;
      },
    });
  });
  afterAll(async () => {
    await empty.stop();
  });

  it('answers 404 without the header and still serves a deployment named in it', async () => {
    const res = await empty.score(SENTIMENT_HOST, empty.key(), { input_data: ['great'] });
    expect(res.status).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'NoValidDeployment' } });
    const forced = await empty.score(SENTIMENT_HOST, empty.key(), { input_data: ['great'] }, { 'azureml-model-deployment': 'main' });
    expect(forced.status).toBe(200);
    expect((forced.json() as Array<{ label: string }>)[0]!.label).toBe('positive');
  });
});
