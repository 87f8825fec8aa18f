// The sign-in and token-storage part of a diagnostics file, in display terms: how many accounts, in which
// environments, and how each environment keeps its tokens (keychain-encrypted or memory only, locked or not).
// No usernames, tenant ids or account ids, and it never unlocks anything or asks the network: a locked
// session is reported as locked.
import { AirlockError } from '../../../shared/errors/airlock-error';
import type { EnvironmentsService } from '../environments';
import type { SessionService } from '../session';
import type { VaultStatus } from '../vault';

export interface SignInState {
  readonly signedInAccounts: number | null;
  /** Display names of the environments with a signed-in account. */
  readonly signedInEnvironments: readonly string[];
  readonly activeEnvironment: string | null;
  readonly tokenStorage: ReadonlyArray<{ readonly environment: string; readonly storage: string; readonly locked: boolean }>;
  /** Why the accounts could not be read, when they could not (for example the idle lock). */
  readonly note: string | null;
}

export interface SignInStateSources {
  readonly session: Pick<SessionService, 'accounts'>;
  readonly environments: EnvironmentsService;
  /** The status of each environment's vault that exists so far (none is created for this). */
  readonly vaultStatuses: () => readonly VaultStatus[];
}

export async function readSignInState(sources: SignInStateSources): Promise<SignInState> {
  const names = new Map(sources.environments.summaries().map((e) => [e.id, e.displayName]));
  const nameOf = (id: string) => names.get(id) ?? id;
  const tokenStorage = sources.vaultStatuses().map((s) => ({
    environment: nameOf(s.environmentId),
    storage: s.mode === 'keychain' ? `${s.backend}, encrypted on this device` : `memory only, not saved on this device${s.reason ? ` (${s.reason})` : ''}`,
    locked: s.locked,
  }));
  try {
    const { accounts, activeAccountId } = await sources.session.accounts();
    const active = accounts.find((a) => a.accountId === activeAccountId);
    return {
      signedInAccounts: accounts.length,
      signedInEnvironments: [...new Set(accounts.map((a) => nameOf(a.environmentId)))],
      activeEnvironment: active ? nameOf(active.environmentId) : null,
      tokenStorage,
      note: null,
    };
  } catch (thrown) {
    const code = thrown instanceof AirlockError ? thrown.code : 'E_INTERNAL';
    return { signedInAccounts: null, signedInEnvironments: [], activeEnvironment: null, tokenStorage, note: `The accounts could not be read (${code}).` };
  }
}
