// After a sign-in completes, the policy decides again with the account it produced: only now are its tenant
// (and environment, as the IdP answered) known. An account the policy does not allow — a tenant outside its
// list, say — is signed out again at once, before the denial is recorded (a slow trail must not keep it
// active meanwhile); when that sign-out fails, the environment's vault is wiped instead, so no token of it
// stays usable either way. The call answers E_POLICY_DENIED naming the rule; the denial is recorded with that
// account. Never keeps a denied account, never decides anything the guard did not already allow for the call.
import type { AccountSummary } from '../auth';
import { deniedShape, type AuditAppender, type AuditEvent, type PolicyDecisionPoint, type RequestContext } from '../guard';
import type { Logger } from '../ports';
import { AirlockError } from '../../../shared/errors/airlock-error';

export interface SignInPolicyCheckDeps {
  readonly policy: Promise<PolicyDecisionPoint> | PolicyDecisionPoint;
  readonly audit: Promise<AuditAppender> | AuditAppender;
  readonly signOut: (accountId: string) => Promise<unknown>;
  /**
   * When signOut failed: drops every token of that environment (its vault wiped, MSAL's memory evicted, the
   * session's account list read again). Costs the environment's other accounts their sign-in; a denied
   * account that stays usable would cost more.
   */
  readonly wipeEnvironment: (environmentId: string) => Promise<unknown>;
  readonly logger: Logger;
}

/** Returns the account when the policy allows it; otherwise signs it out and throws E_POLICY_DENIED. */
export function createSignInPolicyCheck(deps: SignInPolicyCheckDeps): (account: AccountSummary, ctx: RequestContext) => Promise<AccountSummary> {
  return async (account, ctx) => {
    const signedIn: RequestContext = {
      ...ctx,
      account: { accountId: account.accountId, username: account.username, tenantId: account.tenantId, environmentId: account.environmentId },
      environmentId: account.environmentId,
      mfa: { amr: [...account.authMethods], acrs: [], satisfied: account.authMethods.includes('mfa') },
    };
    let decision;
    try {
      decision = (await deps.policy).decide(signedIn);
    } catch {
      decision = { effect: 'deny' as const, rule: null, reason: 'Airlock could not evaluate its policy for this account, so it signed it out again.', auditRequired: false };
    }
    if (decision.effect === 'allow') return account;

    const event: AuditEvent = {
      kind: 'decision',
      correlationId: ctx.correlationId,
      action: ctx.channel,
      resource: `environment:${account.environmentId}`,
      accountId: account.accountId,
      username: account.username,
      tenantId: account.tenantId,
      environmentId: account.environmentId,
      decision: 'deny',
      rule: decision.rule,
      reason: decision.reason,
      route: ctx.route,
      host: ctx.host,
      addresses: ctx.machine.addresses.slice(0, 32),
    };
    // Out first, recorded after: a denied account must not stay while the trail is slow, or cannot write.
    await deps.signOut(account.accountId).catch(async () => {
      deps.logger.log('warn', 'guard.sign_in_denied_sign_out_failed', { rule: decision.rule, environmentId: account.environmentId });
      await deps.wipeEnvironment(account.environmentId).catch(() => deps.logger.log('error', 'guard.sign_in_denied_wipe_failed', { rule: decision.rule, environmentId: account.environmentId }));
    });
    await (async () => (await deps.audit).append(event))().catch(() => deps.logger.log('warn', 'guard.sign_in_denial_unrecorded', { rule: decision.rule }));
    deps.logger.log('info', 'guard.sign_in_denied', { rule: decision.rule, environmentId: account.environmentId });
    throw AirlockError.fromShape(deniedShape(decision));
  };
}
