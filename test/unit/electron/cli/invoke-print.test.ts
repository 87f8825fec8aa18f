// `airlock invoke --print curl|python`: reads the endpoint (endpoint.detail) and prints the request as a snippet
// with the credential a placeholder variable; it never calls endpoint.score nor connects a route.
import { describe, expect, it } from 'vitest';
import type { CliCommand, CliIo } from '../../../../electron/cli/cli-command';
import { COMMANDS } from '../../../../electron/cli/commands';
import type { InProcessGateway } from '../../../../electron/services';
import { ok } from '../../../../shared/contract/result';
import { curlCommand, pythonSnippet } from '../../../../shared/format/copy-as';
import { AirlockError } from '../../../../shared/errors/airlock-error';

const SUB = '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const WS = `/subscriptions/${SUB}/resourceGroups/rg-ml-private/providers/Microsoft.MachineLearningServices/workspaces/ws-credit`;
const ALICE = { accountId: 'acc-1', environmentId: 'Sandbox', username: 'alice@contoso.test', name: 'Alice', tenantId: 't', authMethods: ['pwd'], signedInAt: null };
const WORKSPACE = { id: WS, name: 'ws-credit', displayName: 'ws-credit', subscriptionId: SUB, resourceGroup: 'rg-ml-private', location: 'westeurope', publicNetworkAccess: 'Disabled', privateEndpoints: 1 };
const endpoint = (scoringHost: string | null) => ({ id: `${WS}/onlineEndpoints/credit-ep`, name: 'credit-ep', authMode: 'Key', scoringHost, publicNetworkAccess: 'Disabled', traffic: [], provisioningState: 'Succeeded', description: null, createdAt: null, modifiedAt: null });

function door(scoringHost: string | null) {
  const calls: string[] = [];
  const gateway: InProcessGateway = {
    async call(channel) {
      calls.push(String(channel));
      if (channel === 'auth.accounts') return ok({ accounts: [ALICE], activeAccountId: ALICE.accountId });
      if (channel === 'workspace.list') return ok({ workspaces: [WORKSPACE] });
      if (channel === 'endpoint.detail') return ok({ workspaceId: WS, endpoint: endpoint(scoringHost), deployments: [] });
      throw new Error(`unexpected channel ${String(channel)}`);
    },
  };
  return { gateway, calls };
}

const invoke = COMMANDS['invoke'] as CliCommand;
const io: CliIo = { readData: async () => '{"data":[1]}' };

describe('airlock invoke --print', () => {
  it('prints the curl command (Key: $ENDPOINT_KEY) for the deployment and sends nothing', async () => {
    const { gateway, calls } = door('credit-ep.westeurope.inference.ml.azure.com');
    const r = await invoke.run(gateway, { workspace: 'rg-ml-private/ws-credit', endpoint: 'credit-ep', deployment: 'blue', data: 'b.json', print: 'curl' }, io);
    const expected = curlCommand({ scoringHost: 'credit-ep.westeurope.inference.ml.azure.com', authMode: 'Key', deploymentName: 'blue', payload: '{"data":[1]}', endpointName: 'credit-ep', workspaceId: WS });
    expect(r).toEqual({ value: { format: 'curl', snippet: expected }, text: expected, exitCode: 0 });
    expect(r.text).toContain('${ENDPOINT_KEY}');
    expect(calls).not.toContain('endpoint.score');
    expect(calls.some((c) => c.startsWith('route.'))).toBe(false);
  });

  it('prints the Python script', async () => {
    const r = await invoke.run(door('h.example').gateway, { workspace: WS, endpoint: 'credit-ep', data: 'b.json', print: 'python' }, io);
    expect(r.text).toBe(pythonSnippet({ scoringHost: 'h.example', authMode: 'Key', deploymentName: undefined, payload: '{"data":[1]}', endpointName: 'credit-ep', workspaceId: WS }));
    expect(r.text).toContain('os.environ["ENDPOINT_KEY"]');
  });

  it('a body that is not JSON is printed as given, with a note that Airlock would refuse to send it', async () => {
    const notes: string[] = [];
    const r = await invoke.run(door('h.example').gateway, { workspace: WS, endpoint: 'credit-ep', data: 'b.json', print: 'curl' }, { readData: async () => '{"data": [1,', note: (line) => notes.push(line) });
    expect(r.exitCode).toBe(0);
    expect(notes).toEqual([expect.stringContaining('not valid JSON') as unknown]);
    notes.length = 0;
    await invoke.run(door('h.example').gateway, { workspace: WS, endpoint: 'credit-ep', data: 'b.json', print: 'curl' }, { ...io, note: (line) => notes.push(line) });
    expect(notes).toEqual([]);
  });

  it('an endpoint without a scoring host is E_UNAVAILABLE; an unknown format is refused by the flag check', async () => {
    const error = await invoke.run(door(null).gateway, { workspace: WS, endpoint: 'credit-ep', data: 'b.json', print: 'curl' }, io).then(() => null, (e: unknown) => e as AirlockError);
    expect(error?.code).toBe('E_UNAVAILABLE');
    expect(invoke.flags?.['print']?.check?.('powershell')).toMatch(/curl|python/);
    expect(invoke.flags?.['print']?.check?.('python')).toBeNull();
  });
});
