// An endpoint's scoring host comes from ARM (properties.scoringUri) and only an https name under the
// environment's inference suffix is accepted: anything else is refused in words, never dialled.
import { describe, expect, it } from 'vitest';
import type { Environment } from '../../../../../electron/services/environments';
import { readEndpointHost } from '../../../../../electron/services/workspace/endpoint-host';

const WS = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws-1';
const env = { inferenceDnsSuffix: 'inference.ml.azure.com' } as Environment;
const armAnswering = (scoringUri: unknown) => {
  const read: string[] = [];
  return { read, arm: { list: async () => [], read: async (p: string) => (read.push(p), { properties: { scoringUri } }) } };
};

describe('endpoint scoring host from ARM', () => {
  it("reads {workspace}/onlineEndpoints/{name} and returns the scoringUri's host", async () => {
    const { arm, read } = armAnswering('https://credit-ep.eastus.inference.ml.azure.com/score');
    expect(await readEndpointHost(arm, env, WS, 'credit-ep', '2024-04-01')).toBe('credit-ep.eastus.inference.ml.azure.com');
    expect(read).toEqual([`${WS}/onlineEndpoints/credit-ep`]);
  });

  it.each([
    ['http://credit-ep.eastus.inference.ml.azure.com/score'],
    ['https://evil.example.com/score'],
    ['https://10.0.1.4/score'],
    ['https://credit-ep.eastus.inference.ml.azure.com:8443/score'],
    [42],
    [undefined],
  ])('refuses %s', async (uri) => {
    await expect(readEndpointHost(armAnswering(uri).arm, env, WS, 'credit-ep', '2024-04-01')).rejects.toMatchObject({ code: 'E_UNAVAILABLE' });
  });

  it('refuses a name that is not an endpoint name before asking ARM', async () => {
    const { arm, read } = armAnswering('https://x.inference.ml.azure.com/score');
    await expect(readEndpointHost(arm, env, WS, '../models', '2024-04-01')).rejects.toMatchObject({ code: 'E_BAD_REQUEST' });
    expect(read).toEqual([]);
  });
});
