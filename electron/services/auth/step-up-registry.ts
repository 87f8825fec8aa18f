// Pending step-ups: a call that needs a stronger sign-in fails with E_STEP_UP_REQUIRED carrying only an
// opaque `stepUpId`; the UI names the resource and reason, and answers with that id. The claims to ask for
// stay here in main, so the renderer cannot choose what the prompt requests. One-shot and short-lived.
import { randomUUID } from 'node:crypto';
import { AirlockError } from '../../../shared/errors/airlock-error';
import { STEP_UP_HINT, STEP_UP_RESOURCE_NAMES, stepUpMessage, type StepUpReason, type StepUpResource } from '../../../shared/errors/step-up-words';
import type { Clock } from '../ports';

// The reasons, resource names and words live in shared/, where the renderer's dialog reads them too.
export type { StepUpReason, StepUpResource } from '../../../shared/errors/step-up-words';

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

export const RESOURCE_NAMES: Readonly<Record<StepUpResource, string>> = STEP_UP_RESOURCE_NAMES;

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
      return new AirlockError('E_STEP_UP_REQUIRED', {
        message: stepUpMessage(challenge.resource, challenge.reason),
        hint: STEP_UP_HINT,
        // Exactly shared/errors/details.ts's StepUpDetails; `account` is always there (empty when unknown).
        details: {
          stepUpId: id,
          resource: STEP_UP_RESOURCE_NAMES[challenge.resource],
          reason: challenge.reason,
          account: (challenge.username ?? '').slice(0, 256),
          ...(challenge.authContextId ? { authContext: challenge.authContextId } : {}),
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
