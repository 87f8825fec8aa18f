// Each CLI command asks through the guarded in-process door (the same guard as the app), never a handler or
// a service directly: the door sees the command's channel, and a refusal comes back as the typed error.
import { describe, expect, it } from 'vitest';
import { COMMANDS, type CliCommand } from '../../../../electron/cli/commands';
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

describe('CLI commands go through the guarded door', () => {
  it.each([
    ['info', 'app.info', INFO],
    ['health', 'app.health', HEALTH],
    ['diagnostics', 'app.exportDiagnostics', DIAGNOSTICS],
  ] as const)('%s asks %s', async (command, channel, answer) => {
    const { gateway, calls } = door({ [channel]: answer });
    const result = await (COMMANDS[command] as CliCommand).run(gateway, {});
    expect(calls).toEqual([[channel, undefined]]);
    expect(result.value).toEqual(answer);
  });

  it('turns a refusal into the typed error, with the rule and the reason in its words', async () => {
    const denied = AirlockError.fromShape(deniedShape({ effect: 'deny', rule: 'no-cli', reason: 'The command line is turned off here.', auditRequired: false }));
    const { gateway } = door({ 'app.info': denied });
    const error = (await (COMMANDS.info as CliCommand).run(gateway, {}).catch((e: unknown) => e)) as AirlockError;
    expect(error).toBeInstanceOf(AirlockError);
    expect(error).toMatchObject({ code: 'E_POLICY_DENIED' });
    expect(error.message).toContain('The command line is turned off here.');
    expect(error.hint).toContain("'no-cli'");
  });
});
