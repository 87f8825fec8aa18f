// The guard's view of who is signed in: the session's active account with the MFA facts of that account's
// tokens and the environment's step-up context. Read from memory only, never from the vault; no token or
// claim beyond these display-safe facts leaves here.
import type { AuthService } from '../auth';
import type { EnvironmentsService } from '../environments';
import type { ActiveIdentity } from '../guard';
import type { SessionService } from '../session';

export function activeIdentity(session: SessionService, auth: AuthService, environments: EnvironmentsService): () => Promise<ActiveIdentity | null> {
  return async () => {
    const account = session.activeAccount();
    if (!account) return null;
    const facts = auth.mfaFacts(account.accountId);
    const environment = environments.list().find((e) => e.id === account.environmentId);
    return {
      account: { accountId: account.accountId, username: account.username, tenantId: account.tenantId, environmentId: account.environmentId },
      amr: [...new Set([...account.authMethods, ...(facts?.amr ?? [])])],
      acrs: facts?.acrs ?? [],
      mfaAuthContextId: environment?.requireMfa?.authContextId ?? null,
    };
  };
}
