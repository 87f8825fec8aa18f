// `airlock route …` and `airlock tunnel` against a fake guarded door: which channels they ask, in what order,
// the host-key question (terminal y/N, --trust-host-key for scripts, refusal with the fingerprint otherwise),
// the passphrase asked through the route.prompt event, a workspace named by name or ARM id, and the tunnel
// closing what it opened (and only that) when stopped.
import { describe, expect, it } from 'vitest';
import type { CliCommand, CliIo, CommandGroup } from '../../../../electron/cli/cli-command';
import { COMMANDS } from '../../../../electron/cli/commands';
import type { InProcessGateway } from '../../../../electron/services';
import { failed, ok } from '../../../../shared/contract/result';
import { AirlockError } from '../../../../shared/errors/airlock-error';

const SUB = '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const WS = `/subscriptions/${SUB}/resourceGroups/rg-ml-private/providers/Microsoft.MachineLearningServices/workspaces/ws-credit-private`;
const FP = 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU';
const OTHER = 'SHA256:AAAAQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU';
const AT = '2026-12-03T23:00:00.000Z';
const status = (via: string, state: string) => ({ environmentId: 'Sandbox', via, state, since: AT, target: `${via} target`, bytesIn: 0, bytesOut: 0, rttMs: state === 'up' ? 3 : null, lastError: null, reconnect: null });
const LIST = { environmentId: 'Sandbox', routes: [{ ...status('vpn', 'off'), allowed: true, why: null }, { ...status('jump', 'off'), allowed: true, why: null }, { ...status('bastion', 'off'), allowed: false, why: 'The environment has no Azure Bastion.' }] };
const WORKSPACES = { workspaces: [{ id: WS, name: 'ws-credit-private', displayName: 'Credit (private)', subscriptionId: SUB, resourceGroup: 'rg-ml-private', location: 'westeurope', publicNetworkAccess: 'Disabled', privateEndpoints: 1 }] };
const FORWARD = { id: 'fw-1', address: '127.0.0.1:48123', target: 'credit-ep.westeurope.inference.ml.azure.com:443', via: 'jump', openedAt: AT, bytesIn: 0, bytesOut: 0 };
const unknownKey = () => new AirlockError('E_HOST_KEY_UNKNOWN', { message: `Airlock has not seen the jump host before. Its key is ${FP}.`, details: { presented: FP } });
const step = (name: string, ok: boolean, ms: number, cause?: string, code?: string) => ({ name, ok, ms, ...(cause ? { cause } : {}), ...(code ? { code } : {}) });

type Answer = unknown; // a value, or (payload, n) => value
const ALICE = { accountId: 'acc-1', environmentId: 'Sandbox', username: 'alice@contoso.test', name: 'Alice', tenantId: 't', authMethods: ['pwd'], signedInAt: AT };

/** A fake door; auth.accounts (asked first by every route command, to find the signed-in account) is answered and kept apart. */
function door(answers: Record<string, Answer>) {
  const calls: Array<[string, unknown]> = [];
  const counts = new Map<string, number>();
  const gateway: InProcessGateway = {
    async call(channel, payload) {
      if (channel === 'auth.accounts' && !('auth.accounts' in answers)) return ok({ accounts: [ALICE], activeAccountId: ALICE.accountId });
      calls.push([String(channel), payload]);
      const n = (counts.get(String(channel)) ?? 0) + 1;
      counts.set(String(channel), n);
      const given = answers[String(channel)];
      let answer: unknown;
      try {
        answer = typeof given === 'function' ? await (given as (p: unknown, n: number) => unknown)(payload, n) : given;
      } catch (thrown) {
        answer = thrown;
      }
      return answer instanceof AirlockError ? failed(answer.toShape()) : ok(answer);
    },
  };
  return { gateway, calls, channels: () => calls.map(([c]) => c) };
}

const route = (name: string): CliCommand => (COMMANDS['route'] as CommandGroup).subcommands[name]!;
const tunnel = (): CliCommand => COMMANDS['tunnel'] as CliCommand;
const fail = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AirlockError);

describe('airlock route', () => {
  it('every route command first finds the signed-in account (auth.accounts); none is E_AUTH_REQUIRED in words, nothing else asked', async () => {
    for (const [command, options] of [[route('list'), {}], [route('connect'), { via: 'jump' }], [route('check'), { workspace: WS, endpoint: 'credit-ep' }], [tunnel(), { workspace: WS, endpoint: 'credit-ep' }]] as const) {
      const { gateway, channels } = door({ 'auth.accounts': { accounts: [], activeAccountId: null } });
      const error = (await fail(command.run(gateway, options, {}))) as AirlockError;
      expect(error.code).toBe('E_AUTH_REQUIRED');
      expect(error.message).toMatch(/No account is signed in/);
      expect(channels()).toEqual(['auth.accounts']);
    }
  });

  it('list asks route.list and prints each route, allowed or why not', async () => {
    const { gateway, calls } = door({ 'route.list': LIST });
    const result = await route('list').run(gateway, {}, {});
    expect(calls).toEqual([['route.list', undefined]]);
    expect(result.value).toEqual(LIST);
    expect(result.exitCode).toBe(0);
    expect(result.text).toMatch(/^vpn\s+off/m);
    expect(result.text).toContain('not allowed: The environment has no Azure Bastion.');
  });

  it('connect asks route.connect with --via (default vpn) and exits 0 when up', async () => {
    const { gateway, calls } = door({ 'route.connect': status('jump', 'up') });
    const result = await route('connect').run(gateway, { via: 'jump' }, {});
    expect(calls).toEqual([['route.connect', { via: 'jump' }]]);
    expect(result.exitCode).toBe(0);
    expect(result.text).toMatch(/jump.*up/);
    await route('connect').run(gateway, {}, {});
    expect(calls[1]).toEqual(['route.connect', { via: 'vpn' }]);
  });

  it('disconnect asks route.disconnect', async () => {
    const { gateway, calls } = door({ 'route.disconnect': status('bastion', 'off') });
    expect((await route('disconnect').run(gateway, { via: 'bastion' }, {})).exitCode).toBe(0);
    expect(calls).toEqual([['route.disconnect', { via: 'bastion' }]]);
  });

  it('an unknown host key at a terminal: shows the fingerprint, asks y/N, trusts that fingerprint on yes and connects again', async () => {
    const { gateway, calls } = door({ 'route.connect': (_p: unknown, n: number) => (n === 1 ? unknownKey() : status('jump', 'up')), 'route.trustHostKey': { trusted: true } });
    const questions: string[] = [];
    const io: CliIo = { ask: async (q) => (questions.push(q), 'y') };
    const result = await route('connect').run(gateway, { via: 'jump' }, io);
    expect(questions.join('\n')).toContain(FP);
    expect(calls).toEqual([['route.connect', { via: 'jump' }], ['route.trustHostKey', { via: 'jump', fingerprint: FP }], ['route.connect', { via: 'jump' }]]);
    expect(result.exitCode).toBe(0);
  });

  it('an unknown host key at a terminal answered no (or nothing) is refused, nothing trusted', async () => {
    for (const answer of ['n', '', null]) {
      const { gateway, channels } = door({ 'route.connect': () => unknownKey() });
      const error = await fail(route('connect').run(gateway, { via: 'jump' }, { ask: async () => answer }));
      expect(error).toMatchObject({ code: 'E_HOST_KEY_UNKNOWN' });
      expect(channels()).toEqual(['route.connect']);
    }
  });

  it('an unknown host key without a terminal is refused with the fingerprint and the flag to trust it', async () => {
    const { gateway, channels } = door({ 'route.connect': () => unknownKey() });
    const error = (await fail(route('connect').run(gateway, { via: 'jump' }, {}))) as AirlockError;
    expect(error.code).toBe('E_HOST_KEY_UNKNOWN');
    expect(error.message).toContain(FP);
    expect(error.hint).toContain(`--trust-host-key ${FP}`);
    expect(channels()).toEqual(['route.connect']);
  });

  it('--trust-host-key trusts only that exact fingerprint', async () => {
    const good = door({ 'route.connect': (_p: unknown, n: number) => (n === 1 ? unknownKey() : status('jump', 'up')), 'route.trustHostKey': { trusted: true } });
    expect((await route('connect').run(good.gateway, { via: 'jump', 'trust-host-key': FP }, {})).exitCode).toBe(0);
    expect(good.calls[1]).toEqual(['route.trustHostKey', { via: 'jump', fingerprint: FP }]);

    const bad = door({ 'route.connect': () => unknownKey(), 'route.trustHostKey': { trusted: true } });
    const error = (await fail(route('connect').run(bad.gateway, { via: 'jump', 'trust-host-key': OTHER }, { ask: async () => 'y' }))) as AirlockError;
    expect(error.code).toBe('E_HOST_KEY_UNKNOWN');
    expect(error.message).toContain(FP);
    expect(error.message).toContain(OTHER);
    expect(bad.channels()).toEqual(['route.connect']);
  });

  it('a passphrase asked by main (route.prompt) is read without echo at a terminal and answered; cancelled with words otherwise', async () => {
    const listeners = new Set<(e: { name: string; payload: unknown }) => void>();
    const events = { subscribe: (l: (e: { name: string; payload: unknown }) => void) => (listeners.add(l), () => void listeners.delete(l)) };
    const promptId = '0b0a2f4e-6a57-4d1e-9a43-3f1f1c3c8c11';
    const connect = async () => {
      for (const l of listeners) l({ name: 'route.prompt', payload: { promptId, kind: 'passphrase', key: 'id_ed25519', attempt: 1 } });
      await new Promise((r) => setTimeout(r, 0));
      return status('jump', 'up');
    };
    const asked: string[] = [];
    const t = door({ 'route.connect': connect, 'route.answerPrompt': { done: true } });
    await route('connect').run(t.gateway, { via: 'jump' }, { events, askSecret: async (q) => (asked.push(q), 'correct horse') });
    expect(asked[0]).toContain('id_ed25519');
    expect(t.calls).toContainEqual(['route.answerPrompt', { promptId, answer: 'correct horse' }]);
    expect(listeners.size).toBe(0);

    const n = door({ 'route.connect': async () => (await connect(), new AirlockError('E_SSH_AUTH')), 'route.answerPrompt': { done: true } });
    const error = (await fail(route('connect').run(n.gateway, { via: 'jump' }, { events }))) as AirlockError;
    expect(n.calls).toContainEqual(['route.answerPrompt', { promptId, answer: null }]);
    expect(error.code).toBe('E_SSH_AUTH');
    expect(error.message).toContain('id_ed25519');
    expect(error.message).toMatch(/passphrase/);
  });

  it('check resolves the workspace by name, prints each step with ms and the cause, exit 1 when a step failed', async () => {
    const view = { via: 'vpn', host: 'credit-ep.westeurope.inference.ml.azure.com', ok: false, at: AT, totalMs: 12, steps: [step('dns', false, 12, 'private DNS is not answering: connect to the VPN', 'E_NOT_PRIVATE'), { ...step('tcp', false, 0), skipped: true }] };
    const { gateway, calls } = door({ 'workspace.list': WORKSPACES, 'route.check': view });
    const result = await route('check').run(gateway, { workspace: 'ws-credit-private', endpoint: 'credit-ep' }, {});
    expect(calls).toEqual([['workspace.list', undefined], ['route.check', { via: 'vpn', workspaceId: WS, endpointName: 'credit-ep' }]]);
    expect(result.exitCode).toBe(1);
    expect(result.text).toMatch(/dns\s+failed\s+12 ms\s+private DNS is not answering: connect to the VPN/);
    expect(result.text).toMatch(/tcp\s+skipped/);
  });

  it('check takes an ARM id as is, exits 0 when every step passed', async () => {
    const view = { via: 'jump', host: 'h.example', ok: true, at: AT, totalMs: 30, steps: [step('route', true, 20), step('channel', true, 2), step('tls', true, 5), { ...step('http', true, 3), detail: 'answers and asks for credentials (401)', status: 401 }] };
    const { gateway, channels } = door({ 'route.check': view });
    const result = await route('check').run(gateway, { workspace: WS, endpoint: 'credit-ep', via: 'jump' }, {});
    expect(channels()).toEqual(['route.check']);
    expect(result.exitCode).toBe(0);
    expect(result.text).toContain('answers and asks for credentials (401)');
  });

  it('check asks the host-key question when the route step stopped at an unknown key, then checks again', async () => {
    const stopped = { via: 'jump', host: 'h.example', ok: false, at: AT, totalMs: 5, steps: [step('route', false, 5, 'unknown key', 'E_HOST_KEY_UNKNOWN')] };
    const passed = { ...stopped, ok: true, steps: [step('route', true, 5)] };
    const { gateway, channels } = door({ 'route.check': (_p: unknown, n: number) => (n === 1 ? stopped : passed), 'route.connect': (_p: unknown, n: number) => (n === 1 ? unknownKey() : status('jump', 'up')), 'route.trustHostKey': { trusted: true } });
    const result = await route('check').run(gateway, { workspace: WS, endpoint: 'credit-ep', via: 'jump' }, { ask: async () => 'yes' });
    expect(channels()).toEqual(['route.check', 'route.connect', 'route.trustHostKey', 'route.connect', 'route.check']);
    expect(result.exitCode).toBe(0);
  });

  it('a workspace name nobody knows is E_NOT_FOUND in words', async () => {
    const { gateway } = door({ 'workspace.list': WORKSPACES });
    const error = (await fail(route('check').run(gateway, { workspace: 'nope', endpoint: 'credit-ep' }, {}))) as AirlockError;
    expect(error.code).toBe('E_NOT_FOUND');
    expect(error.message).toContain('nope');
  });
});

describe('airlock tunnel', () => {
  it('connects the route it needs, opens the forward, announces the address, and on stop closes the forward and the route it connected', async () => {
    const { gateway, channels, calls } = door({ 'route.list': LIST, 'route.connect': status('jump', 'up'), 'forward.open': FORWARD, 'forward.close': { closed: true }, 'route.disconnect': status('jump', 'off') });
    const announced: unknown[] = [];
    let stop = () => {};
    const io: CliIo = { announce: (value, text) => void announced.push([value, text]), waitForStop: () => new Promise<void>((resolve) => (stop = resolve)) };
    const running = tunnel().run(gateway, { workspace: WS, endpoint: 'credit-ep', via: 'jump', 'local-port': '48123' }, io);
    await new Promise((r) => setTimeout(r, 10));
    expect(channels()).toEqual(['route.list', 'route.connect', 'forward.open']);
    expect(calls[2]).toEqual(['forward.open', { workspaceId: WS, endpointName: 'credit-ep', via: 'jump', localPort: 48123 }]);
    expect(announced).toHaveLength(1);
    expect((announced[0] as [unknown, string])[0]).toEqual(FORWARD);
    expect((announced[0] as [unknown, string])[1]).toContain('127.0.0.1:48123');
    stop();
    const result = await running;
    expect(channels().slice(3)).toEqual(['forward.close', 'route.disconnect']);
    expect(calls[3]).toEqual(['forward.close', { id: 'fw-1' }]);
    expect(result.exitCode).toBe(0);
  });

  it('uses a route already up without connecting or disconnecting it; without --via picks the allowed one that is up', async () => {
    const up = { ...LIST, routes: LIST.routes.map((r) => (r.via === 'jump' ? { ...r, state: 'up' } : r)) };
    const { gateway, channels, calls } = door({ 'route.list': up, 'forward.open': FORWARD, 'forward.close': { closed: true } });
    const result = await tunnel().run(gateway, { workspace: WS, endpoint: 'credit-ep' }, { waitForStop: async () => undefined });
    expect(channels()).toEqual(['route.list', 'forward.open', 'forward.close']);
    expect(calls[1]![1]).toMatchObject({ via: 'jump' });
    expect(result.exitCode).toBe(0);
  });

  it('a route the environment or policy does not allow is refused in words before connecting', async () => {
    const { gateway, channels } = door({ 'route.list': LIST });
    const error = (await fail(tunnel().run(gateway, { workspace: WS, endpoint: 'credit-ep', via: 'bastion' }, { waitForStop: async () => undefined }))) as AirlockError;
    expect(error.message).toContain('The environment has no Azure Bastion.');
    expect(channels()).toEqual(['route.list']);
  });

  it('ends, saying why, when Airlock closes the forward (the policy changed): E_POLICY_DENIED, the route it connected disconnected', async () => {
    const { gateway, channels } = door({ 'route.list': LIST, 'route.connect': status('jump', 'up'), 'forward.open': FORWARD, 'forward.close': new AirlockError('E_NOT_FOUND', { message: 'That local forward is not open any more.' }), 'route.disconnect': status('jump', 'off') });
    const listeners = new Set<(e: { name: string; payload: unknown }) => void>();
    const events = { subscribe: (l: (e: { name: string; payload: unknown }) => void) => (listeners.add(l), () => void listeners.delete(l)) };
    const running = fail(tunnel().run(gateway, { workspace: WS, endpoint: 'credit-ep', via: 'jump' }, { events, waitForStop: () => new Promise<void>(() => undefined) }));
    await new Promise((r) => setTimeout(r, 10));
    // Another forward closing, or this one closed without a reason (the user, elsewhere), does not end it.
    for (const l of listeners) l({ name: 'forward.state', payload: { kind: 'closed', forward: { ...FORWARD, id: 'fw-other' }, closedBecause: 'x' } });
    for (const l of listeners) l({ name: 'forward.state', payload: { kind: 'updated', forward: FORWARD } });
    for (const l of listeners) l({ name: 'forward.state', payload: { kind: 'closed', forward: FORWARD, closedBecause: "Your organization's policy changed: local port forwards are not allowed." } });
    const error = (await running) as AirlockError;
    expect(error).toMatchObject({ code: 'E_POLICY_DENIED' });
    expect(error.message).toBe(`Airlock closed the forward on ${FORWARD.address}. Your organization's policy changed: local port forwards are not allowed.`);
    expect(channels()).toEqual(['route.list', 'route.connect', 'forward.open', 'forward.close', 'route.disconnect']);
    expect(listeners.size).toBe(0);
  });

  it('a forward that cannot open disconnects the route it connected and fails typed', async () => {
    const { gateway, channels } = door({ 'route.list': LIST, 'route.connect': status('vpn', 'up'), 'forward.open': new AirlockError('E_PORT_IN_USE', { message: 'Port 48123 is in use.' }), 'route.disconnect': status('vpn', 'off') });
    const error = await fail(tunnel().run(gateway, { workspace: WS, endpoint: 'credit-ep' }, { waitForStop: async () => undefined }));
    expect(error).toMatchObject({ code: 'E_PORT_IN_USE' });
    expect(channels()).toEqual(['route.list', 'route.connect', 'forward.open', 'route.disconnect']);
  });
});
