// The CLI's step-up door (electron/cli/step-up-door.ts) against a scripted gateway: a step-up is answered with
// its own id and the call made again; other answers pass through untouched; a failed prompt is what the caller
// gets; the number of prompts per call is bounded; auth.stepUp itself is never wrapped; without a person at a
// terminal (a script) no prompt is started and the step-up is the answer, with a hint that says where to run it.
import { describe, expect, it } from 'vitest';
import { answeringStepUps, cliDoor, stepUpHint } from '../../../../electron/cli/step-up-door';
import type { IpcResult } from '../../../../shared/contract/result';
import type { ErrorCode } from '../../../../shared/errors/codes';

const stepUp = (id: string): IpcResult<unknown> => ({
  ok: false,
  error: { code: 'E_STEP_UP_REQUIRED', message: 'Azure Machine Learning asked for a stronger sign-in.', retryable: true, details: { stepUpId: id, resource: 'Azure Machine Learning', reason: 'claims-challenge', account: 'bob@contoso.test' } },
});
const refused = (code: ErrorCode): IpcResult<unknown> => ({ ok: false, error: { code, message: 'No.', retryable: false } });

/** A gateway that answers each call from `script` in turn and records what it was asked. */
function scripted(script: Array<IpcResult<unknown>>) {
  const calls: Array<[unknown, unknown]> = [];
  return {
    calls,
    door: {
      async call(channel: unknown, payload: unknown) {
        calls.push([channel, payload]);
        const next = script.shift();
        if (!next) throw new Error(`unscripted call ${String(channel)}`);
        return next;
      },
    },
  };
}

describe('answeringStepUps', () => {
  it('answers a step-up with its id, says so once, and makes the same call again', async () => {
    const { door, calls } = scripted([stepUp('11111111-1111-4111-8111-111111111111'), { ok: true, value: {} }, { ok: true, value: { status: 200 } }]);
    const said: string[] = [];
    const result = await answeringStepUps(door, (line) => said.push(line)).call('endpoint.score', { payload: '{}' });
    expect(result).toEqual({ ok: true, value: { status: 200 } });
    expect(calls).toEqual([
      ['endpoint.score', { payload: '{}' }],
      ['auth.stepUp', { stepUpId: '11111111-1111-4111-8111-111111111111' }],
      ['endpoint.score', { payload: '{}' }],
    ]);
    expect(said).toEqual(['Azure Machine Learning asked for a stronger sign-in. Sign in again as bob@contoso.test to go on.']);
  });

  it('passes other answers through untouched, without a prompt', async () => {
    const { door, calls } = scripted([refused('E_POLICY_DENIED')]);
    expect(await answeringStepUps(door, () => undefined).call('workspace.list', undefined)).toEqual(refused('E_POLICY_DENIED'));
    expect(calls).toHaveLength(1);
  });

  it('returns a prompt that did not go through as it is, without calling again', async () => {
    const { door, calls } = scripted([stepUp('22222222-2222-4222-8222-222222222222'), refused('E_TIMEOUT')]);
    expect(await answeringStepUps(door, () => undefined).call('workspace.list', undefined)).toEqual(refused('E_TIMEOUT'));
    expect(calls.map(([c]) => c)).toEqual(['workspace.list', 'auth.stepUp']);
  });

  it('answers at most three step-ups per call, then hands back the fourth', async () => {
    const ids = ['a', 'b', 'c', 'd'].map((x) => `${x.repeat(8)}-0000-4000-8000-000000000000`);
    const { door, calls } = scripted([stepUp(ids[0]!), { ok: true, value: {} }, stepUp(ids[1]!), { ok: true, value: {} }, stepUp(ids[2]!), { ok: true, value: {} }, stepUp(ids[3]!)]);
    expect(await answeringStepUps(door, () => undefined).call('workspace.models', {})).toEqual(stepUp(ids[3]!));
    expect(calls.filter(([c]) => c === 'auth.stepUp')).toHaveLength(3);
  });

  it('does not wrap auth.stepUp itself (its own step-up is the caller\'s answer)', async () => {
    const { door, calls } = scripted([stepUp('33333333-3333-4333-8333-333333333333')]);
    expect(await answeringStepUps(door, () => undefined).call('auth.stepUp', { stepUpId: 'x' })).toEqual(stepUp('33333333-3333-4333-8333-333333333333'));
    expect(calls).toHaveLength(1);
  });
});

describe('cliDoor', () => {
  it('answers a step-up for a person at a terminal', async () => {
    const { door, calls } = scripted([stepUp('11111111-1111-4111-8111-111111111111'), { ok: true, value: {} }, { ok: true, value: { rows: 1 } }]);
    const said: string[] = [];
    expect(await cliDoor(door, { person: true, say: (line) => said.push(line) }).call('workspace.models', {})).toEqual({ ok: true, value: { rows: 1 } });
    expect(calls.map(([channel]) => channel)).toEqual(['workspace.models', 'auth.stepUp', 'workspace.models']);
    expect(said).toHaveLength(1);
  });

  it('in a script, returns the step-up as it is: no browser prompt left waiting for nobody', async () => {
    const { door, calls } = scripted([stepUp('11111111-1111-4111-8111-111111111111')]);
    const said: string[] = [];
    expect(await cliDoor(door, { person: false, say: (line) => said.push(line) }).call('workspace.models', {})).toEqual(stepUp('11111111-1111-4111-8111-111111111111'));
    expect(calls.map(([channel]) => channel)).toEqual(['workspace.models']);
    expect(said).toEqual([]);
  });

  it("hints at what to do: complete the browser sign-in, and in a script, run the command at a terminal (the app's 'Choose Continue' names no CLI button)", () => {
    expect(stepUpHint(true)).toMatch(/^Run the command again and complete the sign-in that opens in your browser/);
    expect(stepUpHint(false)).toMatch(/only for a person at a terminal: run the command there/);
    for (const hint of [stepUpHint(true), stepUpHint(false)]) expect(hint).not.toMatch(/Continue/);
  });
});
