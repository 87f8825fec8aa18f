// `airlock history [list] | show | rerun | rm` against a fake guarded door: the command line (a bare `history`
// lists; rm takes an ID or --all, not both, not neither: exit 2), which channel each asks with what request,
// rerun as history.get → endpoint.score with the same target, payload and route, and the text: a table, the
// payload and response inert (they are someone else's data), never a credential.
/* eslint-disable no-control-regex -- these tests look for control characters */
import { describe, expect, it } from 'vitest';
import type { CliCommand, CommandGroup } from '../../../../electron/cli/cli-command';
import { parseCommandLine } from '../../../../electron/cli/command-line';
import { COMMANDS } from '../../../../electron/cli/commands';
import type { InProcessGateway } from '../../../../electron/services';
import { HistoryEntryView, HistoryList } from '../../../../shared/contract/schemas/history';
import { failed, ok } from '../../../../shared/contract/result';
import { AirlockError } from '../../../../shared/errors/airlock-error';
import { newHistoryId } from '../../../../electron/services/history/history-entry';

const WS = '/subscriptions/5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourceGroups/rg-ml-private/providers/Microsoft.MachineLearningServices/workspaces/ws-credit';
const AT = '2026-12-03T23:00:00.000Z';
const ALICE = { accountId: 'acc-1', environmentId: 'Sandbox', username: 'alice@contoso.test', name: 'Alice', tenantId: 't', authMethods: ['pwd'], signedInAt: AT };
const HOSTILE = 'evil\u001b[31mred\u202eTXT\u0007';
const ID = 'h1a2b3c4d5e6f7g8h9i0jk';

const summary = {
  id: ID, at: AT, environmentId: 'Sandbox', workspaceId: WS, endpointName: 'credit-ep', deploymentName: 'green', answeredBy: 'green',
  status: 200, ok: true, failureTitle: null, totalMs: 41.2, requestBytes: 17, responseBytes: 30, requestSha256: 'a'.repeat(64), authMode: 'Key', via: 'jump',
} as const;
const result = (status: number, historyId: string | null) => ({
  status, ok: status < 300, requestId: 'req-9', modelDeployment: 'green', runFunctionFailure: null, contentType: 'application/json', body: `{"answer":"${HOSTILE}"}`, bodyBytes: 30, bodyTruncated: false,
  failure: null, timings: { dnsMs: null, connectMs: 1, tlsMs: 2, ttfbMs: 30, downloadMs: 1, totalMs: 41.2 }, authMode: 'Key', route: { via: 'jump', id: 'Sandbox/jump' }, historyId,
});
const entry = HistoryEntryView.parse({ summary, payload: `{"q":"${HOSTILE}"}`, result: result(200, ID) });
const list = HistoryList.parse({ entries: [summary], nextBefore: ID, keeping: true, retentionDays: 30, notKeptReason: null });

const route = (via: 'vpn' | 'jump' | 'bastion', state: 'up' | 'off') => ({
  environmentId: 'Sandbox', via, state, since: AT, target: via, bytesIn: 0, bytesOut: 0, rttMs: null, lastError: null, reconnect: null, allowed: true, why: null,
});

function door(answers: Record<string, unknown>) {
  const calls: Array<[string, unknown]> = [];
  const gateway: InProcessGateway = {
    async call(channel, payload) {
      calls.push([String(channel), payload]);
      if (channel === 'auth.accounts') return ok({ accounts: [ALICE], activeAccountId: ALICE.accountId });
      if (channel === 'route.list' && !('route.list' in answers)) return ok({ environmentId: 'Sandbox', routes: [route('vpn', 'up'), route('jump', 'up'), route('bastion', 'off')] });
      const given = answers[String(channel)];
      const answer = typeof given === 'function' ? (given as (p: unknown) => unknown)(payload) : given;
      return answer instanceof AirlockError ? failed(answer.toShape()) : ok(answer);
    },
  };
  return { gateway, calls, asked: (channel: string) => calls.filter(([c]) => c === channel).map(([, p]) => p) };
}

const sub = (name: string) => (COMMANDS['history'] as CommandGroup).subcommands[name] as CliCommand;
const clean = (text: string) => expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);

describe('airlock history: the command line', () => {
  it('a bare `airlock history` lists (with its flags); --help on the group shows the group', () => {
    expect(parseCommandLine(['history'])).toMatchObject({ kind: 'run', command: ['history', 'list'] });
    expect(parseCommandLine(['history', '-e', 'credit-ep', '--limit', '5', '--json'])).toMatchObject({ kind: 'run', command: ['history', 'list'], json: true, options: { endpoint: 'credit-ep', limit: '5' } });
    expect(parseCommandLine(['history', '--help'])).toMatchObject({ kind: 'help', text: expect.stringContaining('rerun') as unknown });
    expect(parseCommandLine(['history', 'rm', '--help'])).toMatchObject({ kind: 'help', text: expect.stringContaining('Usage: airlock history rm [ID] [--all]') as unknown });
  });

  it('usage mistakes are exit-2 sentences: rm needs an ID or --all (not both), IDs are checked, limits bounded', () => {
    expect(parseCommandLine(['history', 'rm'])).toMatchObject({ kind: 'usage-error', message: 'history rm needs an entry ID, or --all' });
    expect(parseCommandLine(['history', 'rm', ID, '--all'])).toMatchObject({ kind: 'usage-error', message: 'give an entry ID or --all, not both' });
    expect(parseCommandLine(['history', 'rm', '--all'])).toMatchObject({ kind: 'run', options: { all: 'true' } });
    expect(parseCommandLine(['history', 'show'])).toMatchObject({ kind: 'usage-error', message: 'history show needs ID' });
    expect(parseCommandLine(['history', 'show', 'no/such'])).toMatchObject({ kind: 'usage-error', message: expect.stringMatching(/^ID must be a history entry id/) as unknown });
    expect(parseCommandLine(['history', 'list', '--limit', '501'])).toMatchObject({ kind: 'usage-error' });
    expect(parseCommandLine(['history', 'list', 'extra'])).toMatchObject({ kind: 'usage-error', message: 'unexpected argument extra' });
    expect(parseCommandLine(['history', '--json', '--json'])).toMatchObject({ kind: 'usage-error', message: '--json is given twice' });
  });

  it('an ID that starts with - (kept by earlier versions) is taken after --; new IDs never start with it', () => {
    expect(parseCommandLine(['history', 'rerun', '-YxoQip7tnKVhL6GIxdeQA'])).toMatchObject({ kind: 'usage-error', message: 'unknown option -YxoQip7tnKVhL6GIxdeQA' });
    expect(parseCommandLine(['history', 'rerun', '--json', '--', '-YxoQip7tnKVhL6GIxdeQA'])).toMatchObject({ kind: 'run', command: ['history', 'rerun'], json: true, options: { id: '-YxoQip7tnKVhL6GIxdeQA' } });
    for (let i = 0; i < 200; i++) expect(newHistoryId()).toMatch(/^h[A-Za-z0-9_-]{22}$/);
  });
});

describe('airlock history: the commands', () => {
  it('list asks history.list (workspace ARM id as is, endpoint, limit) and prints a table with the retention line', async () => {
    const { gateway, asked } = door({ 'history.list': list });
    const r = await sub('list').run(gateway, { workspace: WS, endpoint: 'credit-ep', limit: '5' }, {});
    expect(asked('history.list')).toEqual([{ workspaceId: WS, endpointName: 'credit-ep', limit: 5 }]);
    expect(r.exitCode).toBe(0);
    expect(r.value).toBe(list);
    expect(r.text).toMatch(/^ID\s+TIME\s+ENDPOINT\s+STATUS/);
    expect(r.text).toContain(`${ID}  2026-12-03 23:00:00Z  credit-ep/green  200`);
    expect(r.text).toContain(`Older entries: airlock history list --before ${ID}`);
    expect(r.text).toContain('kept for 30 days, encrypted on this device');
  });

  it('list when nothing is kept says why', async () => {
    const off = { ...list, entries: [], nextBefore: null, keeping: false, notKeptReason: 'No keychain service is running, so Airlock keeps no history.' };
    const r = await sub('list').run(door({ 'history.list': off }).gateway, {}, {});
    expect(r.text).toContain('No test requests in your history on this device.');
    expect(r.text).toContain('Not keeping new test requests: No keychain service is running');
  });

  it('show prints the entry with payload and response inert', async () => {
    const { gateway, asked } = door({ 'history.get': entry });
    const r = await sub('show').run(gateway, { id: ID }, {});
    expect(asked('history.get')).toEqual([{ id: ID }]);
    expect(r.text).toContain(`Sent: 17 bytes, SHA-256 ${'a'.repeat(64)}`);
    expect(r.text).toContain('{"q":"evil[31mredTXT"}');
    expect(r.text).toContain('Auth: Key (the credential stays in Airlock)');
    clean(r.text);
  });

  it('rerun: history.get, then endpoint.score with the same workspace, endpoint, deployment, payload and route; exit by status', async () => {
    const { gateway, asked } = door({ 'history.get': entry, 'endpoint.score': result(200, 'newid-0000000000000000') });
    const r = await sub('rerun').run(gateway, { id: ID }, {});
    expect(asked('endpoint.score')).toEqual([{ workspaceId: WS, endpointName: 'credit-ep', deploymentName: 'green', payload: entry.payload, via: 'jump' }]);
    expect(r.exitCode).toBe(0);
    expect(r.text).toContain('Saved to history as newid-0000000000000000');
    const failing = await sub('rerun').run(door({ 'history.get': entry, 'endpoint.score': result(503, null) }).gateway, { id: ID }, {});
    expect(failing.exitCode).toBe(1);
    expect(failing.text).toContain('Not saved to history');
  });

  it('rerun over a kept route that is down: connected for the request, then disconnected (a fresh CLI process has none up)', async () => {
    const down = { environmentId: 'Sandbox', routes: [route('vpn', 'up'), route('jump', 'off'), route('bastion', 'off')] };
    const { gateway, calls } = door({ 'history.get': entry, 'route.list': down, 'route.connect': route('jump', 'up'), 'route.disconnect': { ...route('jump', 'off') }, 'endpoint.score': result(200, 'newid-0000000000000000') });
    expect((await sub('rerun').run(gateway, { id: ID }, {})).exitCode).toBe(0);
    expect(calls.map(([c, p]) => (c.startsWith('route.') || c === 'endpoint.score' ? `${c} ${(p as { via?: string } | undefined)?.via ?? ''}`.trim() : null)).filter(Boolean)).toEqual([
      'route.list',
      'route.connect jump',
      'endpoint.score jump',
      'route.disconnect jump',
    ]);
  });

  it('an entry that is gone is the typed error (exit 1 in main), nothing sent', async () => {
    const { gateway, asked } = door({ 'history.get': new AirlockError('E_NOT_FOUND', { message: 'There is no such entry in your history on this device.' }) });
    await expect(sub('rerun').run(gateway, { id: ID }, {})).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    expect(asked('endpoint.score')).toEqual([]);
  });

  it('rm: one by ID, or all', async () => {
    const one = door({ 'history.remove': { deleted: 1 } });
    expect((await sub('rm').run(one.gateway, { id: ID }, {})).text).toBe('Deleted 1 entry from your history.\n');
    expect(one.asked('history.remove')).toEqual([{ id: ID }]);
    const all = door({ 'history.remove': { deleted: 7 } });
    expect((await sub('rm').run(all.gateway, { all: 'true' }, {})).text).toBe('Deleted 7 entries from your history.\n');
    expect(all.asked('history.remove')).toEqual([{ all: true }]);
  });
});
