// The models table's data: each model with what an Azure ML studio user expects (latest version, type or
// framework, stage, tags, created and modified), read from ARM's model containers and each latest version
// (shapes of azure-wire-format.md §10.2 / §10.3). Hostile or odd values stay plain bounded strings.
import { describe, expect, it } from 'vitest';
import type { AuthService } from '../../../../../electron/services/auth';
import type { Environment } from '../../../../../electron/services/environments';
import type { HttpsRequest, HttpsResponse } from '../../../../../electron/services/ports';
import { silentLogger } from '../../../../../electron/services/ports';
import { createWorkspaceService } from '../../../../../electron/services/workspace';
import { toModelSummary } from '../../../../../electron/services/workspace/shapes';
import { ModelList } from '../../../../../shared/contract/schemas/workspace';

const WS = '/subscriptions/5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourceGroups/rg-ml-private/providers/Microsoft.MachineLearningServices/workspaces/ws-1';
const environment = { id: 'Sandbox', armEndpoint: 'https://arm.test:8443' } as Environment;

const container = (name: string, extra: Record<string, unknown> = {}) => ({
  id: `${WS}/models/${name}`,
  name,
  type: 'Microsoft.MachineLearningServices/workspaces/models',
  systemData: { createdAt: '2026-01-20T09:00:00Z', lastModifiedAt: '2026-01-20T10:00:00Z' },
  properties: { description: `${name} model`, tags: { team: 'risk' }, properties: {}, isArchived: false, latestVersion: '3', nextVersion: '4', ...extra },
});

const version = (name: string, extra: Record<string, unknown> = {}) => ({
  id: `${WS}/models/${name}/versions/3`,
  name: '3',
  type: 'Microsoft.MachineLearningServices/workspaces/models/versions',
  systemData: { createdAt: '2026-01-23T09:00:00Z', lastModifiedAt: '2026-01-23T10:00:00Z' },
  properties: {
    description: 'retrained',
    tags: { auc: '0.85' },
    modelType: 'mlflow_model',
    stage: 'Staging',
    flavors: { python_function: { data: { loader_module: 'mlflow.sklearn', python_version: '3.10.12' } } },
    ...extra,
  },
});

describe('model summaries', () => {
  it('combines the container and its latest version: type, framework, stage, tags, created and modified', () => {
    expect(toModelSummary(container('credit-risk'), version('credit-risk'))).toEqual({
      name: 'credit-risk',
      latestVersion: '3',
      modelType: 'mlflow_model',
      framework: 'sklearn',
      stage: 'Staging',
      tags: [
        { key: 'team', value: 'risk' },
        { key: 'auc', value: '0.85' },
      ],
      description: 'credit-risk model',
      createdAt: '2026-01-20T09:00:00Z',
      modifiedAt: '2026-01-23T10:00:00Z',
    });
  });

  it('finds the framework in a flavor or a framework tag, and leaves what it cannot read empty', () => {
    expect(toModelSummary(container('a'), version('a', { flavors: { lightgbm: { data: {} }, python_function: { data: {} } } }))?.framework).toBe('lightgbm');
    expect(toModelSummary(container('b', { tags: { framework: 'pytorch' } }), version('b', { flavors: {} }))?.framework).toBe('pytorch');
    const bare = toModelSummary(container('c', { tags: 'not tags' }), null);
    expect(bare).toMatchObject({ modelType: null, framework: null, stage: null, tags: [], modifiedAt: '2026-01-20T10:00:00Z' });
  });

  it('keeps long descriptions whole (the screen truncates) and hostile strings as bounded plain text', () => {
    const long = 'x'.repeat(3000);
    const hostile = '<img src=x onerror=alert(1)>';
    const summary = toModelSummary(container(hostile, { description: long, tags: Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`k${i}${hostile}`, hostile.repeat(50)])) }), version(hostile, { stage: hostile, tags: {} }));
    expect(summary?.description).toHaveLength(3000);
    expect(summary?.name).toBe(hostile);
    expect(summary?.stage).toBe(hostile);
    expect(() => ModelList.parse({ workspaceId: WS, models: [summary], complete: true })).not.toThrow();
  });
});

describe('workspace.models reads each latest version', () => {
  function service(answer: (req: HttpsRequest) => Partial<HttpsResponse>, seen: HttpsRequest[] = []) {
    const auth = { accountEnvironment: async () => environment, accessToken: async () => ({ token: 'TOKEN', expiresOn: null }) } as unknown as AuthService;
    return createWorkspaceService({
      auth,
      logger: silentLogger,
      sendFor: () => async (req) => {
        seen.push(req);
        return { status: 200, headers: {}, text: '{}', ...answer(req) };
      },
    });
  }
  const body = (value: unknown) => ({ text: JSON.stringify(value) });

  it('asks ARM for the latest version of each model and fills the columns from it', async () => {
    const seen: HttpsRequest[] = [];
    const models = await service((req) => {
      const { pathname } = new URL(req.url);
      if (pathname.endsWith('/models')) return body({ value: [container('sentiment', { latestVersion: '1' }), container('credit-risk')] });
      if (pathname.endsWith('/models/credit-risk/versions/3')) return body(version('credit-risk'));
      if (pathname.endsWith('/models/sentiment/versions/1')) return body(version('sentiment', { modelType: 'custom_model', flavors: {}, stage: 'Production' }));
      return { status: 404, text: '{}' };
    }, seen).models('oid.tid', WS);
    expect(models.map((m) => [m.name, m.modelType, m.framework, m.stage])).toEqual([
      ['credit-risk', 'mlflow_model', 'sklearn', 'Staging'],
      ['sentiment', 'custom_model', null, 'Production'],
    ]);
    expect(seen.every((r) => r.url.startsWith('https://arm.test:8443/') && r.method === 'GET')).toBe(true);
  });

  it('still lists the models when a version cannot be read (for example no versions/read permission)', async () => {
    const seen: HttpsRequest[] = [];
    const names = Array.from({ length: 20 }, (_, i) => `m${String(i).padStart(2, '0')}`);
    const models = await service((req) => {
      if (new URL(req.url).pathname.endsWith('/models')) return body({ value: names.map((n) => container(n)) });
      return { status: 403, text: JSON.stringify({ error: { code: 'AuthorizationFailed' } }) };
    }, seen).models('oid.tid', WS);
    expect(models.map((m) => [m.name, m.latestVersion, m.stage])).toEqual(names.map((n) => [n, '3', null]));
    // A refusal is not asked again for every other model: at most the few reads already under way.
    expect(seen.filter((r) => r.url.includes('/versions/')).length).toBeLessThanOrEqual(4);
  });
});
