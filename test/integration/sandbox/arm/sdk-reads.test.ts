// The real @azure/arm-machinelearning client (2.1.1, apiVersion 2024-04-01) against the ARM emulator,
// changing only endpoint, credentialScopes and the CA: workspaces, models across pages, versions,
// endpoints, deployments, getToken, listKeys, getLogs, and registry models through sendRequest.
import { createPipelineRequest } from '@azure/core-rest-pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPages, RG, startArmFixture, SUB, WS, type ArmFixture } from './arm-fixture';

const ALICE = 'alice@contoso.test';
const BOB = 'bob@contoso.test';

describe('ARM emulator with the real SDK', () => {
  let f: ArmFixture;
  beforeAll(async () => {
    // One item per page, so the three-model workspace and three-version model page several times.
    f = await startArmFixture((s) => ({ ...s, arm: { ...s.arm, pageSize: 1 } }));
  });
  afterAll(async () => f.close());

  it('lists workspaces by subscription and resource group, with private-network facts', async () => {
    const client = f.client(ALICE);
    const { items, pages } = await collectPages(client.workspaces.listBySubscription());
    expect(items.map((w) => w.name)).toEqual(['ws-credit-private', 'ws-research-open', 'ws-fraud-restricted']);
    expect(pages).toBe(3);
    const priv = items[0]!;
    expect(priv.publicNetworkAccess).toBe('Disabled');
    expect(priv.workspaceId).toBe('c0ffee00-aaaa-4bbb-8ccc-0123456789ab');
    expect(priv.discoveryUrl).toBe('https://westeurope.api.azureml.ms/discovery');
    expect(priv.mlFlowTrackingUri).toContain(`/workspaces/${WS}`);
    expect(priv.privateEndpointConnections).toHaveLength(1);
    expect(priv.privateEndpointConnections?.[0]?.privateLinkServiceConnectionState?.status).toBe('Approved');
    expect(items[1]!.privateEndpointConnections).toEqual([]);
    const byGroup = await collectPages(client.workspaces.listByResourceGroup(RG));
    expect(byGroup.items).toHaveLength(3);
    const one = await client.workspaces.get(RG, WS);
    expect(one.friendlyName).toBe('Credit risk (private)');
  });

  it('lists model containers across at least three pages with absolute nextLinks on its own host', async () => {
    const client = f.client(ALICE);
    const seen: string[] = [];
    const { items, pages } = await collectPages(
      client.modelContainers.list(RG, WS, {
        onResponse: (raw) => {
          const body = JSON.parse(raw.bodyAsText ?? '{}') as { nextLink?: string };
          if (body.nextLink) seen.push(body.nextLink);
        },
      }),
    );
    expect(items.map((m) => m.name)).toEqual(['credit-risk', 'sentiment', 'churn-predictor']);
    expect(pages).toBe(3);
    expect(seen[0]).toMatch(new RegExp(`^https://localhost:${f.arm.port}/subscriptions/.+/models\\?api-version=2024-04-01&\\$skipToken=1$`));
    expect(items[0]!.properties.tags).toEqual({ team: 'risk', framework: 'sklearn' });
    expect(items[0]!.properties.latestVersion).toBe('3');
  });

  it('lists model versions across at least three pages with stage, flavors, jobName', async () => {
    const client = f.client(ALICE);
    const { items, pages } = await collectPages(client.modelVersions.list(RG, WS, 'credit-risk'));
    expect(pages).toBe(3);
    expect(items.map((v) => v.name)).toEqual(['1', '2', '3']);
    const v2 = items[1]!.properties as typeof items[number]['properties'] & { stage?: string };
    expect(v2.stage).toBe('Production');
    expect(v2.jobName).toBe('train-credit-014');
    expect(v2.modelType).toBe('mlflow_model');
    expect(v2.tags).toEqual({ auc: '0.84' });
    expect(v2.flavors?.['python_function']?.data).toEqual({ loader_module: 'mlflow.sklearn' });
    const got = await client.modelVersions.get(RG, WS, 'CREDIT-RISK', '3');
    expect(got.properties.description).toBe('Candidate with debt ratio cap.');
  });

  it('lists online endpoints and deployments', async () => {
    const client = f.client(BOB);
    const { items } = await collectPages(client.onlineEndpoints.list(RG, WS));
    expect(items.map((e) => [e.name, e.properties.authMode])).toEqual([
      ['credit-ep', 'AMLToken'],
      ['credit-aad-ep', 'AADToken'],
      ['sentiment-ep', 'Key'],
    ]);
    const credit = items[0]!;
    expect(credit.properties.scoringUri).toBe('https://credit-ep.westeurope.inference.ml.azure.com/score');
    expect(credit.properties.swaggerUri).toBe('https://credit-ep.westeurope.inference.ml.azure.com/swagger.json');
    expect(credit.properties.traffic).toEqual({ blue: 90, green: 10 });
    expect(credit.properties.provisioningState).toBe('Succeeded');

    const deployments = await collectPages(client.onlineDeployments.list(RG, WS, 'credit-ep'));
    expect(deployments.pages).toBe(2);
    const blue = deployments.items[0]!;
    expect(blue.properties.endpointComputeType).toBe('Managed');
    expect(blue.properties.model).toBe(`/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.MachineLearningServices/workspaces/${WS}/models/credit-risk/versions/2`);
    expect(blue.properties.instanceType).toBe('Standard_DS3_v2');
    expect(blue.properties.requestSettings?.requestTimeout).toBe('PT5S');
    expect(blue.properties.scaleSettings?.scaleType).toBe('Default');
    const green = await client.onlineDeployments.get(RG, WS, 'credit-ep', 'green');
    expect(green.properties.model).toMatch(/\/models\/credit-risk\/versions\/3$/);
  });

  it('gets an AML token for the AMLToken endpoint that the scoring side accepts', async () => {
    const token = await f.client(ALICE).onlineEndpoints.getToken(RG, WS, 'credit-ep');
    const nowSeconds = Math.floor(f.ctx.now().getTime() / 1000);
    expect(token.tokenType).toBe('Bearer');
    expect(token.expiryTimeUtc).toBe(nowSeconds + 24 * 3600);
    expect(token.refreshAfterTimeUtc).toBe(nowSeconds + 12 * 3600);
    expect(await f.credentials.checkAmlToken(f.endpointId('credit-ep').toLowerCase(), token.accessToken!)).toBe('ok');
  });

  it('lists keys for the Key endpoint (and refuses each operation on the other auth modes)', async () => {
    const client = f.client(BOB);
    const keys = await client.onlineEndpoints.listKeys(RG, WS, 'sentiment-ep');
    expect(f.credentials.checkKey(f.endpointId('sentiment-ep'), keys.primaryKey!)).toBe(true);
    expect(f.credentials.checkKey(f.endpointId('sentiment-ep'), keys.secondaryKey!)).toBe(true);
    await expect(client.onlineEndpoints.listKeys(RG, WS, 'credit-ep')).rejects.toMatchObject({ statusCode: 400, code: 'BadRequest' });
    await expect(client.onlineEndpoints.getToken(RG, WS, 'sentiment-ep')).rejects.toMatchObject({ statusCode: 400, code: 'BadRequest' });
  });

  it('returns deployment logs, honouring tail', async () => {
    const client = f.client(ALICE);
    const logs = await client.onlineDeployments.getLogs(RG, WS, 'sentiment-ep', 'broken', { containerType: 'InferenceServer', tail: 100 });
    expect(logs.content).toContain("ModuleNotFoundError: No module named 'sklearn'");
    const tail = await client.onlineDeployments.getLogs(RG, WS, 'credit-ep', 'blue', { containerType: 'StorageInitializer', tail: 2 });
    expect(tail.content?.trim().split('\n')).toHaveLength(2);
  });

  it('serves registry models through the same pipeline (sendRequest)', async () => {
    const client = f.client(ALICE);
    const base = `${f.arm.endpoint}/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.MachineLearningServices/registries/shared-registry`;
    const get = async (url: string) => {
      const res = await client.sendRequest(createPipelineRequest({ url, method: 'GET' }));
      expect(res.status).toBe(200);
      return JSON.parse(res.bodyAsText ?? '') as { value: Array<{ name: string; properties: Record<string, unknown> }>; nextLink?: string };
    };
    const first = await get(`${base}/models?api-version=2024-04-01`);
    expect(first.value.map((m) => m.name)).toEqual(['credit-risk']);
    expect(first.nextLink).toBeDefined();
    const second = await get(first.nextLink!);
    expect(second.value.map((m) => m.name)).toEqual(['sentiment']);
    expect(second.nextLink).toBeUndefined();
    const versions = await get(`${base}/models/credit-risk/versions?api-version=2024-04-01`);
    expect(versions.value.map((v) => [v.name, v.properties['stage']])).toEqual([['2', 'Production']]);
    expect(versions.value[0]!.properties['modelUri']).toBe('azureml://registries/shared-registry/models/credit-risk/versions/2');
  });

  it('lists subscriptions, resource groups and registries a caller can see', async () => {
    const token = await f.tokenFor(BOB);
    const subs = await f.raw('GET', '/subscriptions?api-version=2022-12-01', { token });
    expect((subs.json()['value'] as Array<{ subscriptionId: string }>).map((s) => s.subscriptionId)).toEqual([SUB]);
    const groups = await f.raw('GET', `/subscriptions/${SUB}/resourcegroups?api-version=2024-04-01`, { token });
    expect((groups.json()['value'] as Array<{ name: string }>).map((g) => g.name)).toEqual([RG]);
    const registries = await f.raw('GET', `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.MachineLearningServices/registries?api-version=2024-04-01`, { token });
    expect((registries.json()['value'] as Array<{ name: string }>).map((r) => r.name)).toEqual(['shared-registry']);
    const head = await f.raw('HEAD', `/subscriptions/${SUB}/resourceGroups/${RG}?api-version=2024-04-01`, { token });
    expect(head.status).toBe(200);
  });

  it('lets an endpoint invoker scoped to the resource group get a token', async () => {
    const token = await f.client(BOB).onlineEndpoints.getToken(RG, WS, 'credit-ep');
    expect(await f.credentials.checkAmlToken(f.endpointId('credit-ep'), token.accessToken!)).toBe('ok');
  });

  it('answers api-version 2022-10-01 too, and ARM headers on every response', async () => {
    const token = await f.tokenFor(ALICE);
    const res = await f.raw('GET', `/subscriptions/${SUB}/resourcegroups/${RG.toUpperCase()}/providers/microsoft.machinelearningservices/WORKSPACES/${WS}?api-version=2022-10-01`, { token });
    expect(res.status).toBe(200);
    expect(res.json()['name']).toBe(WS);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    for (const h of ['x-ms-request-id', 'x-ms-correlation-request-id', 'x-ms-routing-request-id', 'x-ms-ratelimit-remaining-subscription-reads', 'cache-control', 'expires', 'pragma']) {
      expect(res.headers[h], h).toBeDefined();
    }
    expect(res.headers['x-ms-routing-request-id']).toMatch(/^WESTEUROPE:\d{8}T\d{6}Z:[0-9a-f-]{36}$/);
  });
});
