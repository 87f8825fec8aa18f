// `airlock workspaces | models | endpoints | deployments | logs | invoke` against a fake guarded door (the
// endpoint handlers are built in parallel): which channel each asks with what request, -w as
// <resourceGroup>/<name>, the tables with hostile ARM strings made inert, and invoke's exit code and body.
/* eslint-disable no-control-regex -- these tests look for control characters */
import { describe, expect, it } from 'vitest';
import type { CliCommand, CliIo } from '../../../../electron/cli/cli-command';
import { COMMANDS } from '../../../../electron/cli/commands';
import { jsonInert } from '../../../../electron/cli/inert';
import type { InProcessGateway } from '../../../../electron/services';
import { failed, ok } from '../../../../shared/contract/result';
import { AirlockError } from '../../../../shared/errors/airlock-error';

const SUB = '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const WS = `/subscriptions/${SUB}/resourceGroups/rg-ml-private/providers/Microsoft.MachineLearningServices/workspaces/ws-credit`;
const AT = '2026-12-03T23:00:00.000Z';
const ALICE = { accountId: 'acc-1', environmentId: 'Sandbox', username: 'alice@contoso.test', name: 'Alice', tenantId: 't', authMethods: ['pwd'], signedInAt: AT };
const ws = (name: string, rg: string, id = WS) => ({ id, name, displayName: name, subscriptionId: SUB, resourceGroup: rg, location: 'westeurope', publicNetworkAccess: 'Disabled', privateEndpoints: 1 });
const route = (via: 'vpn' | 'jump' | 'bastion', state: 'up' | 'off', allowed = true) => ({
  environmentId: 'Sandbox', via, state, since: AT, target: via, bytesIn: 0, bytesOut: 0, rttMs: null, lastError: null, reconnect: null, allowed, why: allowed ? null : 'The policy forbids it.',
});
const ROUTES_UP = [route('vpn', 'up'), route('jump', 'up'), route('bastion', 'up')];
const HOSTILE = 'evil\u001b[31mred\u202eTXT.exe\u0007\u009b';

function door(answers: Record<string, unknown>) {
  const calls: Array<[string, unknown]> = [];
  const gateway: InProcessGateway = {
    async call(channel, payload) {
      calls.push([String(channel), payload]);
      if (channel === 'auth.accounts' && !('auth.accounts' in answers)) return ok({ accounts: [ALICE], activeAccountId: ALICE.accountId });
      if (channel === 'route.list' && !('route.list' in answers)) return ok({ environmentId: 'Sandbox', routes: ROUTES_UP });
      if (channel === 'workspace.list' && !('workspace.list' in answers)) return ok({ workspaces: [ws('ws-credit', 'rg-ml-private'), ws('ws-credit', 'rg-other', WS.replace('rg-ml-private', 'rg-other'))] });
      const given = answers[String(channel)];
      let answer: unknown;
      try {
        answer = typeof given === 'function' ? await (given as (p: unknown) => unknown)(payload) : given;
      } catch (thrown) {
        answer = thrown;
      }
      return answer instanceof AirlockError ? failed(answer.toShape()) : ok(answer);
    },
  };
  return { gateway, calls, asked: (channel: string) => calls.filter(([c]) => c === channel).map(([, p]) => p) };
}

const command = (name: string) => COMMANDS[name] as CliCommand;
const fail = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AirlockError);
const endpoint = { id: `${WS}/onlineEndpoints/credit-ep`, name: 'credit-ep', authMode: 'AMLToken', scoringHost: 'credit-ep.westeurope.inference.ml.azure.com', publicNetworkAccess: 'Disabled', traffic: [{ deployment: 'blue', percent: 90 }, { deployment: 'green', percent: 10 }], provisioningState: 'Succeeded', description: HOSTILE, createdAt: AT, modifiedAt: AT };

describe('airlock browse commands', () => {
  it('workspaces: a table of <resourceGroup>/<name>; hostile strings inert', async () => {
    const { gateway } = door({ 'workspace.list': { workspaces: [{ ...ws('ws-credit', 'rg-ml-private'), displayName: HOSTILE }] } });
    const r = await command('workspaces').run(gateway, {}, {});
    expect(r.exitCode).toBe(0);
    expect(r.text).toMatch(/^WORKSPACE\s+DISPLAY NAME/);
    expect(r.text).toContain('rg-ml-private/ws-credit');
    expect(r.text).toContain('evil[31mredTXT.exe');
    expect(r.text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  });

  it('-w as <resourceGroup>/<name> picks that workspace; a bare name naming two is refused listing them', async () => {
    const { gateway, asked } = door({ 'workspace.models': { workspaceId: WS, models: [], complete: true } });
    const r = await command('models').run(gateway, { workspace: 'RG-ML-PRIVATE/ws-credit' }, {});
    expect(asked('workspace.models')).toEqual([{ workspaceId: WS }]);
    expect(r.text).toBe('No models are registered in this workspace.\n');
    const error = (await fail(command('models').run(door({}).gateway, { workspace: 'ws-credit' }, {})))!;
    expect(error.code).toBe('E_BAD_REQUEST');
    expect(error.message).toContain('rg-ml-private/ws-credit, rg-other/ws-credit');
  });

  it('models --model asks workspace.modelVersions; versions listed', async () => {
    const version = { version: '3', modelType: 'mlflow_model', framework: 'sklearn', stage: 'Production', tags: [{ key: 'k', value: 'v' }], description: null, path: 'azureml://x', createdAt: AT, modifiedAt: null };
    const { gateway, asked } = door({ 'workspace.modelVersions': { workspaceId: WS, modelName: 'credit', versions: [version] } });
    const r = await command('models').run(gateway, { workspace: WS, model: 'credit' }, {});
    expect(asked('workspace.modelVersions')).toEqual([{ workspaceId: WS, modelName: 'credit' }]);
    expect(r.text).toMatch(/^Model credit: 1 version\nVERSION/);
    expect(r.text).toMatch(/^3\s+mlflow_model\s+sklearn\s+Production\s+2026-12-03\s+k=v/m);
  });

  it('endpoints, deployments (endpoint.detail) and logs ask their channel with the resolved workspace', async () => {
    const deployment = { name: 'blue', provisioningState: 'Succeeded', sku: 'Default', instanceType: 'Standard_DS3_v2', instanceCount: 2, trafficPercent: 90, model: 'credit:3', createdAt: AT };
    const { gateway, asked } = door({
      'endpoint.list': { workspaceId: WS, endpoints: [endpoint], complete: false },
      'endpoint.detail': { workspaceId: WS, endpoint, deployments: [deployment] },
      'endpoint.logs': { content: `line 1\n\u001b]8;;http://x\u0007click\u001b]8;;\u0007\nline 3\n`, lines: 3, truncated: false },
    });
    const list = await command('endpoints').run(gateway, { workspace: WS, first: '1' }, {});
    expect(asked('endpoint.list')).toEqual([{ workspaceId: WS, first: 1 }]);
    expect(list.text).toMatch(/^credit-ep\s+AMLToken\s+Succeeded\s+Disabled\s+blue 90%, green 10%\s+credit-ep\.westeurope/m);
    // A list Azure has more of says so, so one row is not read as all of them.
    expect(list.text).toMatch(/\nAzure has more endpoints than this one\.\n$/);
    const detail = await command('deployments').run(gateway, { workspace: WS, endpoint: 'credit-ep' }, {});
    expect(asked('endpoint.detail')).toEqual([{ workspaceId: WS, endpointName: 'credit-ep' }]);
    expect(detail.text).toMatch(/^blue\s+Succeeded\s+Default\s+Standard_DS3_v2\s+2\s+90%\s+credit:3/m);
    expect(detail.text).not.toMatch(/[\u001b\u0007\u202e]/);
    const logs = await command('logs').run(gateway, { workspace: WS, endpoint: 'credit-ep', deployment: 'blue', tail: '50' }, {});
    expect(asked('endpoint.logs')).toEqual([{ workspaceId: WS, endpointName: 'credit-ep', deploymentName: 'blue', tail: 50 }]);
    expect(logs.text).toBe('line 1\n]8;;http://xclick]8;;\nline 3\n');
  });

  it('a channel not built yet answers in words (E_UNAVAILABLE), never an empty table', async () => {
    const { gateway } = door({ 'endpoint.list': new AirlockError('E_UNAVAILABLE', { message: 'This part of Airlock is not built yet.' }) });
    expect((await fail(command('endpoints').run(gateway, { workspace: WS }, {})))?.code).toBe('E_UNAVAILABLE');
  });

  it('JSON output keeps values exact but escapes control and bidi characters', () => {
    const text = jsonInert({ name: HOSTILE }, 2);
    expect(text).not.toMatch(/[\u001b\u0007\u009b\u202e]/);
    expect((JSON.parse(text) as { name: string }).name).toBe(HOSTILE);
  });
});

describe('airlock invoke', () => {
  const result = (status: number) => ({
    status,
    ok: status < 300,
    requestId: 'req-1',
    modelDeployment: 'blue',
    runFunctionFailure: null,
    contentType: 'application/json',
    body: status < 300 ? '{"result":[1]}' : '{"error":"bad"}',
    bodyBytes: 14,
    bodyTruncated: false,
    failure: status < 300 ? null : { title: 'Bad request', words: 'The scoring script refused the body.' },
    timings: { dnsMs: 1, connectMs: 2, tlsMs: 3, ttfbMs: 4.25, downloadMs: 0.5, totalMs: 11 },
    authMode: 'AMLToken',
    route: { via: 'jump', id: 'r1' },
    historyId: null,
  });
  const io = (body: string): CliIo => ({ readData: (source) => (source === 'body.json' ? Promise.resolve(body) : Promise.reject(new AirlockError('E_NOT_FOUND'))) });

  it('sends the body read from --data to endpoint.score with deployment and route; prints status, request id, timings, body; exit 0 on 2xx', async () => {
    const { gateway, asked } = door({ 'endpoint.score': { ...result(200), historyId: 'h-20261204-1' } });
    const r = await command('invoke').run(gateway, { workspace: 'rg-ml-private/ws-credit', endpoint: 'credit-ep', deployment: 'blue', data: 'body.json', via: 'jump' }, io('{"data":[1]}'));
    expect(asked('endpoint.score')).toEqual([{ workspaceId: WS, endpointName: 'credit-ep', deploymentName: 'blue', payload: '{"data":[1]}', via: 'jump' }]);
    expect(r.exitCode).toBe(0);
    expect(r.text).toMatch(/^Status: 200 ok\nRequest id: req-1\nDeployment: blue\n/);
    expect(r.text).toContain('first byte 4.3 ms');
    // The history id closes the text, so `airlock history show|rerun <id>` can follow.
    expect(r.text.endsWith('{"result":[1]}\nSaved to history as h-20261204-1\n')).toBe(true);
  });

  it('no route up (each run is a fresh process): connects the allowed one, sends over it, then disconnects it', async () => {
    const { gateway, calls } = door({
      'route.list': { environmentId: 'Sandbox', routes: [route('vpn', 'off', false), route('jump', 'off'), route('bastion', 'off')] },
      'route.connect': ({ via }: { via: string }) => ({ ...route(via as 'jump', 'up'), allowed: undefined, why: undefined }),
      'route.disconnect': ({ via }: { via: string }) => ({ ...route(via as 'jump', 'off'), allowed: undefined, why: undefined }),
      'endpoint.score': result(200),
    });
    const r = await command('invoke').run(gateway, { workspace: WS, endpoint: 'credit-ep', data: 'body.json' }, io('{}'));
    expect(r.exitCode).toBe(0);
    expect(calls.map(([c, p]) => (c.startsWith('route.') || c === 'endpoint.score' ? `${c} ${(p as { via?: string } | undefined)?.via ?? ''}`.trim() : null)).filter(Boolean)).toEqual([
      'route.list',
      'route.connect jump',
      'endpoint.score jump',
      'route.disconnect jump',
    ]);
  });

  it('a route already up is used and left up; a --via the policy forbids is refused before anything is sent', async () => {
    const { gateway, asked } = door({ 'endpoint.score': result(200) });
    await command('invoke').run(gateway, { workspace: WS, endpoint: 'credit-ep', data: 'body.json' }, io('{}'));
    expect(asked('route.connect')).toEqual([]);
    expect(asked('route.disconnect')).toEqual([]);
    expect(asked('endpoint.score')).toMatchObject([{ via: 'vpn' }]);
    const forbidden = door({ 'route.list': { environmentId: 'Sandbox', routes: [route('vpn', 'up'), route('jump', 'off'), route('bastion', 'off', false)] } });
    const error = (await fail(command('invoke').run(forbidden.gateway, { workspace: WS, endpoint: 'credit-ep', data: 'body.json', via: 'bastion' }, io('{}'))))!;
    expect(error.code).toBe('E_ROUTE_DOWN');
    expect(error.message).toBe('The bastion route cannot carry this request: The policy forbids it.');
    expect(forbidden.asked('endpoint.score')).toEqual([]);
  });

  it('exit 1 when the scoring answer is not 2xx, with Azure’s failure in words', async () => {
    const r = await command('invoke').run(door({ 'endpoint.score': result(400) }).gateway, { workspace: WS, endpoint: 'credit-ep', data: 'body.json' }, io('{}'));
    expect(r.exitCode).toBe(1);
    expect(r.text).toMatch(/^Status: 400 Bad request\n {2}The scoring script refused the body\./);
  });

  it('a refused payload is the typed error with its pointer and keyword; a missing file asks nothing of Azure', async () => {
    const invalid = new AirlockError('E_PAYLOAD_INVALID', { details: { pointer: '/data/0', keyword: 'type', problems: 2 } });
    const error = (await fail(command('invoke').run(door({ 'endpoint.score': invalid }).gateway, { workspace: WS, endpoint: 'credit-ep', data: 'body.json' }, io('{"data":["x"]}'))))!;
    expect(error.code).toBe('E_PAYLOAD_INVALID');
    expect(error.details).toMatchObject({ pointer: '/data/0', keyword: 'type' });
    const { gateway, calls } = door({});
    expect((await fail(command('invoke').run(gateway, { workspace: WS, endpoint: 'credit-ep', data: 'nope.json' }, io(''))))?.code).toBe('E_NOT_FOUND');
    expect(calls).toEqual([]);
  });
});
