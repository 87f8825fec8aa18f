// After a sign-in completes, the policy decides again with the account it produced: only now are its tenant
// (and environment, as the IdP answered) known. An account the policy does not allow — a tenant outside its
// list, say — is signed out again at once, so no token of it stays in the vault, and the call answers
// E_POLICY_DENIED naming the rule; the denial is recorded with that account. Never keeps a denied account,
// never decides anything the guard did not already allow for the call itself.
import type { AccountSummary } from '../auth';
import { deniedShape, type AuditAppender, type AuditEvent, type PolicyDecisionPoint, type RequestContext } from '../guard';
import type { Logger } from '../ports';
import { AirlockError } from '../../../shared/errors/airlock-error';

export interface SignInPolicyCheckDeps {
  readonly policy: Promise<PolicyDecisionPoint> | PolicyDecisionPoint;
  readonly audit: Promise<AuditAppender> | AuditAppender;
  readonly signOut: (accountId: string) => Promise<unknown>;
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
    // The sign-out happens whether or not the record can be written: a denied account must not stay.
    await (async () => (await deps.audit).append(event))().catch(() => deps.logger.log('warn', 'guard.sign_in_denial_unrecorded', { rule: decision.rule }));
    await deps.signOut(account.accountId).catch(() => deps.logger.log('error', 'guard.sign_in_denied_sign_out_failed', { rule: decision.rule }));
    deps.logger.log('info', 'guard.sign_in_denied', { rule: decision.rule, environmentId: account.environmentId });
    throw AirlockError.fromShape(deniedShape(decision));
  };
}
