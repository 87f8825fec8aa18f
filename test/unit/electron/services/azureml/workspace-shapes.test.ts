// ARM's workspace and model JSON → display rows: malformed or path-climbing ids dropped, fields of the wrong
// type left out, counts bounded (moved here with the hand-written ARM reader's removal).
import { describe, expect, it } from 'vitest';
import { toModelSummary, toWorkspaceSummary } from '../../../../../electron/services/workspace/shapes';

const WS = '/subscriptions/5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourceGroups/rg-ml-private/providers/Microsoft.MachineLearningServices/workspaces/ws-1';

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
