// The words of a step-up (E_STEP_UP_REQUIRED), in one place: main builds the error's message from them and
// the renderer's dialog explains the reason with them, so the two can never drift apart.
// Pure data: no wording here may quote claims, tokens or anything the server sent.

/** Why a stronger sign-in is needed: the resource sent a claims challenge, the IdP refused a silent token
 * for one, or Airlock's configuration requires MFA and the token does not show it. */
export const STEP_UP_REASONS = ['claims-challenge', 'token-refused', 'mfa-required'] as const;
export type StepUpReason = (typeof STEP_UP_REASONS)[number];

/** The resources a step-up can be for, by the names people know them by. */
export const STEP_UP_RESOURCE_NAMES = { arm: 'Azure Resource Manager', ml: 'Azure Machine Learning' } as const;
export type StepUpResource = keyof typeof STEP_UP_RESOURCE_NAMES;
export type StepUpResourceName = (typeof STEP_UP_RESOURCE_NAMES)[StepUpResource];

interface ReasonWords {
  /** Follows the resource's name in the error message: "Azure Resource Manager asked for a stronger sign-in." */
  readonly short: string;
  /** The dialog's explanation, a whole sentence. */
  readonly explanation: string;
}

export const STEP_UP_REASON_WORDS: Readonly<Record<StepUpReason, ReasonWords>> = {
  'claims-challenge': {
    short: 'asked for a stronger sign-in',
    explanation: 'The service asked for a stronger sign-in than your current one, for example because the workspace is protected by a Conditional Access policy.',
  },
  'token-refused': {
    short: 'needs a stronger sign-in than your current session',
    explanation: 'Your current sign-in is not strong enough for this resource any more.',
  },
  'mfa-required': {
    short: 'requires multi-factor authentication for this action',
    explanation: 'Airlock is configured to require multi-factor authentication for this action, and your current sign-in does not show it.',
  },
};

export const STEP_UP_HINT = 'Choose Continue and complete the sign-in prompt (for example with your authenticator app); Airlock then tries the action once more.';

/** The error message: "<resource> <short reason>." */
export function stepUpMessage(resource: StepUpResource, reason: StepUpReason): string {
  return `${STEP_UP_RESOURCE_NAMES[resource]} ${STEP_UP_REASON_WORDS[reason].short}.`;
}
