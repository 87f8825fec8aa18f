// Step-up as a conversation: a token call that needs a stronger sign-in records the challenge (registry:
// step-up-registry.ts) and throws E_STEP_UP_REQUIRED; the UI answers with the stepUpId, and the answer is an
// interactive prompt for that same account and resource, asking for the recorded claims. Whoever signs in at
// the prompt must be that account: anyone else is refused and does not stay signed in.
// Never logs the claims or account names.
import type { AccountInfo } from '@azure/msal-node';
import { AirlockError } from '../../../shared/errors/airlock-error';
import type { Environment } from '../environments';
import type { Logger } from '../ports';
import type { AccountSummary } from './account-summary';
import type { AccountDirectory } from './account-directory';
import { isBrokerAccount } from './broker';
import { authContextOf } from './claims-challenge';
import type { StepUpReason, StepUpRegistry, StepUpResource } from './step-up-registry';

export interface StepUpPromptOptions {
  readonly loginHint: string;
  readonly tenant: string;
  readonly resource: StepUpResource;
  readonly viaBroker: boolean;
  readonly claims?: string;
}

export interface StepUpConversation {
  /** Records a step-up for this account and resource (logged without the claims) and returns the error to throw. */
  required(account: AccountInfo, environment: Environment, resource: StepUpResource, claims: string, reason: StepUpReason): AirlockError;
  /** Answers a recorded step-up with the prompt; the account signed in must be the one the step-up is for. */
  answer(stepUpId: string): Promise<AccountSummary>;
}

export function createStepUpConversation(deps: {
  readonly registry: StepUpRegistry;
  readonly directory: AccountDirectory;
  readonly logger: Logger;
  /** The interactive sign-in (through the gate, so it can be cancelled like any other). */
  readonly prompt: (environmentId: string, options: StepUpPromptOptions) => Promise<AccountSummary>;
}): StepUpConversation {
  const { registry, directory, logger } = deps;
  return {
    required(account, environment, resource, claims, reason) {
      const authContextId = authContextOf(claims);
      logger.log('info', reason === 'mfa-required' ? 'auth.mfa_required' : 'auth.step_up_required', {
        environmentId: environment.id,
        resource,
        reason,
        ...(authContextId ? { authContext: authContextId } : {}),
      });
      return registry.require({
        accountId: account.homeAccountId,
        username: account.username,
        environmentId: environment.id,
        resource,
        claims,
        reason,
        ...(authContextId ? { authContextId } : {}),
      });
    },

    async answer(stepUpId) {
      const challenge = registry.take(stepUpId);
      if (!challenge) {
        throw new AirlockError('E_NOT_FOUND', {
          message: 'That sign-in request has expired or was already answered.',
          hint: 'Try the action again; Airlock asks again if it still needs a stronger sign-in.',
        });
      }
      const { account } = await directory.find(challenge.accountId);
      const signedInBefore = new Set((await directory.list()).map((a) => a.accountId));
      logger.log('info', 'auth.step_up_started', { environmentId: challenge.environmentId, resource: challenge.resource, reason: challenge.reason });
      const summary = await deps.prompt(challenge.environmentId, {
        loginHint: account.username,
        tenant: account.tenantId,
        resource: challenge.resource,
        viaBroker: isBrokerAccount(account),
        ...(challenge.claims ? { claims: challenge.claims } : {}),
      });
      if (summary.accountId !== challenge.accountId) {
        // Someone else signed in at the prompt: not what was asked, so that account does not stay behind.
        if (!signedInBefore.has(summary.accountId)) await directory.signOut(summary.accountId).catch(() => undefined);
        throw new AirlockError('E_AUTH_REQUIRED', {
          message: `You signed in as ${summary.username}, but the action needs ${account.username}.`,
          hint: `Try the action again and sign in as ${account.username}.`,
        });
      }
      return summary;
    },
  };
}
