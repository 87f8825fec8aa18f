// The browse handlers act as the guard's account (never one of their own choosing), answer in the contract's
// shapes, and refuse plainly when nobody is signed in — also through the real gateway and guard.
import { describe, expect, it } from 'vitest';
import { browseHandlers } from '../../../../../electron/services/composition/browse-handlers';
import type { RequestContext } from '../../../../../electron/services/guard';
import type { WorkspaceService } from '../../../../../electron/services/workspace';
import { contract } from '../../../../../shared/contract/contract';
import { testAirlock, through } from '../../../../support/test-airlock';

const WS = '/subscriptions/5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws-1';
const endpoint = { id: `${WS}/onlineEndpoints/ep-1`, name: 'ep-1', authMode: 'AMLToken' as const, scoringHost: 'ep-1.westeurope.inference.ml.azure.com', publicNetworkAccess: 'Disabled' as const, traffic: [{ deployment: 'blue', percent: 100 }], provisioningState: 'Succeeded', description: null, createdAt: null, modifiedAt: null };
const deployment = { name: 'blue', provisioningState: 'Succeeded', sku: 'Default', instanceType: 'Standard_DS3_v2', instanceCount: 1, trafficPercent: 100, model: 'm:1', createdAt: null };

function fakeWorkspace(calls: unknown[][]): WorkspaceService {
  const record =
    <T>(name: string, value: T) =>
    async (...args: unknown[]) => (calls.push([name, ...args]), value);
  return {
    list: record('list', []),
    modelList: record('modelList', { models: [], complete: true }),
    modelVersions: record('modelVersions', [{ version: '2', modelType: null, framework: null, stage: null, tags: [], description: null, path: null, createdAt: null, modifiedAt: null }]),
    endpointList: record('endpointList', { endpoints: [endpoint], complete: false }),
    endpointDetail: record('endpointDetail', { endpoint, deployments: [deployment] }),
    deploymentLogs: record('deploymentLogs', { content: 'a\n', lines: 1, truncated: false }),
  } as unknown as WorkspaceService;
}

const ctx = (accountId: string | null) => ({ account: accountId ? { accountId } : null }) as unknown as RequestContext;

describe('browse handlers', () => {
  it("call the service as the context's account and answer in the contract's shapes", async () => {
    const calls: unknown[][] = [];
    const h = browseHandlers({ workspace: fakeWorkspace(calls) });
    const c = ctx('oid.tid');
    const answers = {
      'workspace.modelVersions': await h.workspace.modelVersions({ workspaceId: WS, modelName: 'm' }, c),
      'endpoint.list': await h.endpoint.list({ workspaceId: WS, first: 100 }, c),
      'endpoint.detail': await h.endpoint.detail({ workspaceId: WS, endpointName: 'ep-1' }, c),
      'endpoint.logs': await h.endpoint.logs({ workspaceId: WS, endpointName: 'ep-1', deploymentName: 'blue', tail: 50 }, c),
      'workspace.list': await h.workspace.list(undefined, c),
      'workspace.models': await h.workspace.models({ workspaceId: WS }, c),
    };
    for (const [channel, value] of Object.entries(answers)) expect(() => contract[channel as keyof typeof answers].output.parse(value)).not.toThrow();
    expect(calls).toEqual([
      ['modelVersions', 'oid.tid', WS, 'm'],
      ['endpointList', 'oid.tid', WS, 100],
      ['endpointDetail', 'oid.tid', WS, 'ep-1'],
      ['deploymentLogs', 'oid.tid', WS, 'ep-1', 'blue', 50],
      ['list', 'oid.tid'],
      ['modelList', 'oid.tid', WS, undefined],
    ]);
    // Whether Azure has more is the service's word, passed on as is.
    expect(answers['endpoint.list']).toMatchObject({ complete: false });
    expect(answers['workspace.models']).toMatchObject({ complete: true });
  });

  it('refuse with E_AUTH_REQUIRED when nobody is signed in, without calling the service', async () => {
    const calls: unknown[][] = [];
    const h = browseHandlers({ workspace: fakeWorkspace(calls) });
    await expect(h.endpoint.list({ workspaceId: WS }, ctx(null))).rejects.toMatchObject({ code: 'E_AUTH_REQUIRED' });
    const airlock = testAirlock({ replacements: browseHandlers({ workspace: fakeWorkspace(calls) }) });
    try {
      await expect(through(airlock).endpoint.detail({ workspaceId: WS, endpointName: 'ep-1' })).rejects.toMatchObject({ code: 'E_AUTH_REQUIRED' });
    } finally {
      await airlock.dispose();
    }
    expect(calls).toEqual([]);
  });
});
