// The CLI's answer to a step-up, as the app's dialog is: a call that fails with E_STEP_UP_REQUIRED (a claims
// challenge from ARM or a scoring host, or MFA that policy requires) says so on stderr, runs the sign-in prompt
// main holds for it (auth.stepUp: the system browser, with the claims asked for, for the same account), and
// then makes the same call once more. Only the stepUpId crosses here; the claims stay in main. A call can meet
// more than one challenge (the workspace's ARM read, then its scoring host): each new one is answered, at most
// MAX_STEP_UPS per call; the same challenge twice, a failed prompt or one more are returned as they are.
// Only for a person at a terminal: a script (cron, CI) has nobody to finish a sign-in in a browser, so there the
// step-up is the command's error at once, with a hint that says where it can be answered.
import type { InProcessGateway } from '../services';
import type { IpcResult } from '../../shared/contract/result';

const MAX_STEP_UPS = 3;

/** The step-up a result asks for (its opaque id, the account, the message), or null when it asks for none. */
function stepUpOf(result: IpcResult<unknown>): { stepUpId: string; account: string; message: string } | null {
  if (result.ok || result.error.code !== 'E_STEP_UP_REQUIRED') return null;
  const details = result.error.details as { stepUpId?: unknown; account?: unknown } | undefined;
  if (typeof details?.stepUpId !== 'string') return null;
  return { stepUpId: details.stepUpId, account: typeof details.account === 'string' ? details.account : '', message: result.error.message };
}

/** `door`, answering the step-ups its calls meet; `say` gets one line per prompt (stderr: stdout stays the result). */
export function answeringStepUps(door: InProcessGateway, say: (line: string) => void): InProcessGateway {
  return {
    async call(channel, payload) {
      let result = await door.call(channel, payload);
      if (channel === 'auth.stepUp') return result;
      const answered = new Set<string>();
      for (let step = stepUpOf(result); step && answered.size < MAX_STEP_UPS && !answered.has(step.stepUpId); step = stepUpOf(result)) {
        answered.add(step.stepUpId);
        say(`${step.message} Sign in again${step.account ? ` as ${step.account}` : ''} to go on.`);
        const prompt = await door.call('auth.stepUp', { stepUpId: step.stepUpId });
        if (!prompt.ok) return prompt;
        result = await door.call(channel, payload);
      }
      return result;
    },
  };
}

/** The door a CLI command calls through: step-ups answered where a person can finish them, else returned as they are. */
export function cliDoor(door: InProcessGateway, options: { readonly person: boolean; readonly say: (line: string) => void }): InProcessGateway {
  return options.person ? answeringStepUps(door, options.say) : door;
}

/** What to do about a step-up the command could not answer (it was left over, or nobody was at a terminal). */
export function stepUpHint(person: boolean): string {
  return person
    ? 'Run the command again and complete the sign-in that opens in your browser (for example with your authenticator app), as the same account.'
    : 'Airlock answers a stronger sign-in only for a person at a terminal: run the command there and complete the sign-in that opens in your browser, as the same account.';
}
