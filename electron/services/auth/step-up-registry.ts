// Pending step-ups: a call that needs a stronger sign-in fails with E_STEP_UP_REQUIRED carrying only an
// opaque `stepUpId`; the UI names the resource and reason, and answers with that id. The claims to ask for
// stay here in main, so the renderer cannot choose what the prompt requests. One-shot and short-lived.
import { randomUUID } from 'node:crypto';
import { AirlockError } from '../../../shared/errors/airlock-error';
import type { Clock } from '../ports';

export type StepUpResource = 'arm' | 'ml';

/** Why a stronger sign-in is needed: the resource sent a claims challenge, the IdP refused a silent token
 * for one, or Airlock's configuration requires MFA and the token does not show it. */
export type StepUpReason = 'claims-challenge' | 'token-refused' | 'mfa-required';

export interface StepUpChallenge {
  readonly accountId: string;
  readonly environmentId: string;
  readonly resource: StepUpResource;
  /** The claims request for the interactive prompt (JSON, as MSAL takes it). */
  readonly claims: string;
  readonly reason: StepUpReason;
  readonly authContextId?: string;
  /** Shown in the dialog: the account the prompt is for (it may not be the active one). */
  readonly username?: string;
}

export const RESOURCE_NAMES: Record<StepUpResource, string> = { arm: 'Azure Resource Manager', ml: 'Azure Machine Learning' };

const REASON_WORDS: Record<StepUpReason, string> = {
  'claims-challenge': 'asked for a stronger sign-in',
  'token-refused': 'needs a stronger sign-in than your current session',
  'mfa-required': 'requires multi-factor authentication for this action',
};

const LIFETIME_MS = 10 * 60_000;
const MAX_PENDING = 16;

export interface StepUpRegistry {
  /** Records the challenge and returns the typed error the caller throws. */
  require(challenge: StepUpChallenge): AirlockError;
  /** Takes (and forgets) a pending challenge; undefined when unknown or expired. */
  take(stepUpId: string): StepUpChallenge | undefined;
}

export function createStepUpRegistry(clock: Clock): StepUpRegistry {
  const pending = new Map<string, { challenge: StepUpChallenge; expiresAt: number }>();

  function prune(now: number): void {
    for (const [id, entry] of pending) if (entry.expiresAt <= now) pending.delete(id);
    // Oldest first: a burst of failing calls cannot grow this without bound.
    while (pending.size >= MAX_PENDING) pending.delete(pending.keys().next().value!);
  }

  return {
    require(challenge) {
      const now = clock.now().getTime();
      prune(now);
      // The same account, resource and claims already waiting: hand out the same id (parallel calls).
      let id = [...pending].find(([, e]) => sameChallenge(e.challenge, challenge))?.[0];
      if (!id) {
        id = randomUUID();
        pending.set(id, { challenge, expiresAt: now + LIFETIME_MS });
      }
      const resource = RESOURCE_NAMES[challenge.resource];
      return new AirlockError('E_STEP_UP_REQUIRED', {
        message: `${resource} ${REASON_WORDS[challenge.reason]}.`,
        hint: 'Choose Continue and complete the sign-in prompt (for example with your authenticator app); Airlock then tries the action once more.',
        details: {
          stepUpId: id,
          resource,
          reason: challenge.reason,
          ...(challenge.authContextId ? { authContext: challenge.authContextId } : {}),
          ...(challenge.username ? { account: challenge.username.slice(0, 256) } : {}),
        },
      });
    },
    take(stepUpId) {
      prune(clock.now().getTime());
      const entry = pending.get(stepUpId);
      pending.delete(stepUpId);
      return entry?.challenge;
    },
  };
}

function sameChallenge(a: StepUpChallenge, b: StepUpChallenge): boolean {
  return a.accountId === b.accountId && a.resource === b.resource && a.claims === b.claims;
}
