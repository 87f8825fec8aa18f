// Each CLI command asks through the guarded in-process door (the same guard as the app), never a handler or
// a service directly: the door sees the command's channel, and a refusal comes back as the typed error.
import { describe, expect, it } from 'vitest';
import { COMMANDS, type CliCommand, type CommandGroup } from '../../../../electron/cli/commands';
import type { InProcessGateway } from '../../../../electron/services';
import { failed, ok } from '../../../../shared/contract/result';
import { AirlockError } from '../../../../shared/errors/airlock-error';
import { deniedShape } from '../../../../electron/services/guard';

const INFO = { name: 'Airlock', version: '0.1.0', build: 'development', runtime: 'cli', platform: 'linux', arch: 'x64', environments: [] };
const HEALTH = { status: 'ok', checkedAt: '2026-11-23T12:00:00.000Z', checks: [] };
const DIAGNOSTICS = { saved: true, path: '/tmp/x.json', contains: ['versions'] };

function door(answers: Record<string, unknown>) {
  const calls: Array<[unknown, unknown]> = [];
  const gateway: InProcessGateway = {
    async call(channel, payload) {
      calls.push([channel, payload]);
      const answer = answers[String(channel)];
      return answer instanceof AirlockError ? failed(answer.toShape()) : ok(answer);
    },
  };
  return { gateway, calls };
}

const REPORT = { result: 'intact', checked: 4, total: 4, first: null, findings: [], unverifiable: [], words: 'Intact: all 4 records verified.' };
const EXPLANATION = { effect: 'deny', rule: 'no-models', reason: "Rule 'no-models' denies it.", matched: ['no-models'], auditRequired: false, source: 'Policy file /etc/airlock/policy.yaml' };

function sub(group: 'policy' | 'audit', name: string): CliCommand {
  const entry = COMMANDS[group] as CommandGroup;
  return entry.subcommands[name]!;
}

describe('CLI commands go through the guarded door', () => {
  it.each([
    ['info', 'app.info', INFO],
    ['health', 'app.health', HEALTH],
    ['diagnostics', 'app.exportDiagnostics', DIAGNOSTICS],
  ] as const)('%s asks %s', async (command, channel, answer) => {
    const { gateway, calls } = door({ [channel]: answer });
    const result = await (COMMANDS[command] as CliCommand).run(gateway, {}, {});
    expect(calls).toEqual([[channel, undefined]]);
    expect(result.value).toEqual(answer);
  });

  it('turns a refusal into the typed error, with the rule and the reason in its words', async () => {
    const denied = AirlockError.fromShape(deniedShape({ effect: 'deny', rule: 'no-cli', reason: 'The command line is turned off here.', auditRequired: false }));
    const { gateway } = door({ 'app.info': denied });
    const error = (await (COMMANDS['info'] as CliCommand).run(gateway, {}, {}).catch((e: unknown) => e)) as AirlockError;
    expect(error).toBeInstanceOf(AirlockError);
    expect(error).toMatchObject({ code: 'E_POLICY_DENIED' });
    expect(error.message).toContain('The command line is turned off here.');
    expect(error.hint).toContain("'no-cli'");
  });

  it('policy explain asks policy.explain with the action and resource of its flags', async () => {
    const { gateway, calls } = door({ 'policy.explain': EXPLANATION });
    const result = await sub('policy', 'explain').run(gateway, { action: 'workspace.models', resource: 'workspace:ws-1' }, {});
    expect(calls).toEqual([['policy.explain', { action: 'workspace.models', resource: 'workspace:ws-1' }]]);
    expect(result.text).toContain('Decision: denied');
    expect(result.text).toContain('Rule: no-models');
  });

  it('audit list turns its flags into the filter, the limit and the page', async () => {
    const { gateway, calls } = door({ 'audit.list': { records: [], hasOlder: false, hasNewer: false } });
    const result = await sub('audit', 'list').run(gateway, { from: '2026-12-01T08:00:00Z', outcome: 'deny', account: 'alice', limit: '20', before: '900' }, {});
    expect(calls).toEqual([['audit.list', { filter: { from: '2026-12-01T08:00:00Z', outcome: 'deny', account: 'alice' }, limit: 20, before: 900 }]]);
    expect(result).toMatchObject({ exitCode: 0, text: 'No audit records match.\n' });
  });

  it.each([
    ['intact', 0],
    ['tampered', 1],
    ['unverifiable', 1],
    ['aborted', 1],
  ] as const)('audit verify: %s exits %i', async (verdict, exitCode) => {
    const { gateway } = door({ 'audit.verify': { ...REPORT, result: verdict } });
    expect(await sub('audit', 'verify').run(gateway, {}, {})).toMatchObject({ exitCode });
  });

  it('audit verify on a terminal polls audit.verifyProgress while the verify runs and clears the line after', async () => {
    const lines: string[] = [];
    let release: (value: unknown) => void = () => undefined;
    const calls: unknown[] = [];
    const gateway: InProcessGateway = {
      async call(channel) {
        calls.push(channel);
        if (channel === 'audit.verify') return ok(await new Promise((resolve) => (release = resolve)));
        release(REPORT);
        return ok({ state: 'running', checked: 2, total: 4, report: null });
      },
    };
    const result = await sub('audit', 'verify').run(gateway, {}, { progress: (line) => lines.push(line), pollMs: 1 });
    expect(result.exitCode).toBe(0);
    expect(calls).toEqual(['audit.verify', 'audit.verifyProgress']);
    expect(lines).toEqual(['Verifying: 2 of 4 records', '']);
  });

  it('audit export asks with the format and filter only (never a path) and says where the file went', async () => {
    const { gateway, calls } = door({ 'audit.export': { saved: true, file: '/tmp/a.csv', format: 'csv', records: 3, checkpointSeq: 2 } });
    const result = await sub('audit', 'export').run(gateway, { format: 'csv', out: '/tmp/a.csv', action: 'auth.*' }, {});
    expect(calls).toEqual([['audit.export', { format: 'csv', filter: { action: 'auth.*' } }]]);
    expect(result.text).toBe('Exported 3 records (CSV) to /tmp/a.csv, with signed checkpoint at record 2.\n');
  });

  it.each([
    ['policy', 'show', 'policy.show'],
    ['audit', 'status', 'audit.status'],
    ['audit', 'anomalies', 'audit.anomalies'],
  ] as const)('%s %s asks %s and a refusal comes back typed', async (group, name, channel) => {
    const { gateway, calls } = door({ [channel]: new AirlockError('E_UNAVAILABLE') });
    await expect(sub(group, name).run(gateway, {}, {})).rejects.toMatchObject({ code: 'E_UNAVAILABLE' });
    expect(calls).toEqual([[channel, undefined]]);
  });
});
