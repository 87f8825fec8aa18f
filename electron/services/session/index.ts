// The session service: what the UI's sign-in screen, account menu and Session panel talk to. It keeps which
// account is active and what a sign-in in progress waits for, and combines the auth service (MSAL) with the
// vault of each environment. It returns display data only; tokens stay inside auth and the vault.
import type { z } from 'zod';
import type { Accounts, SessionInfo, SignInProgress, SignInRequest } from '../../../shared/contract/schemas/auth';
import { AirlockError } from '../../../shared/errors/airlock-error';
import type { AccountSummary, AuthService, Resource } from '../auth';
import type { EnvironmentsService } from '../environments';
import type { Clock, Logger } from '../ports';
import type { Vault } from '../vault';

type Progress = z.infer<typeof SignInProgress>;
type AccountList = z.infer<typeof Accounts>;

export interface SessionService {
  signIn(request: z.infer<typeof SignInRequest>): Promise<AccountSummary>;
  signInProgress(): Promise<Progress>;
  cancelSignIn(): Promise<{ cancelled: boolean }>;
  accounts(): Promise<AccountList>;
  switchAccount(accountId: string): Promise<AccountList>;
  signOut(accountId: string): Promise<AccountList>;
  forgetDevice(): Promise<{ done: true }>;
  session(): Promise<SessionInfo>;
  /** Answers a step-up (E_STEP_UP_REQUIRED's stepUpId): the prompt runs like a sign-in, with progress and cancel. */
  stepUp(stepUpId: string): Promise<AccountSummary>;
  /** Reloads the active environment's vault after an idle lock. */
  unlock(): Promise<SessionInfo>;
  /**
   * The active account's summary as last seen (sign-in, account list, switch, step-up), from memory: the
   * guard's request context reads it on every call, so it never reads the vault (locked or not).
   */
  activeAccount(): AccountSummary | null;
}

export interface SessionDeps {
  readonly auth: AuthService;
  readonly environments: EnvironmentsService;
  readonly vaultFor: (environmentId: string) => Vault;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Told every change of the sign-in progress (the auth.signInProgress push event), so no one has to poll. */
  readonly onSignInProgress?: (progress: Progress) => void;
}

const IDLE: Progress = { state: 'idle', environmentId: null, deviceCode: null };

export function createSessionService(deps: SessionDeps): SessionService {
  let active: string | null = null;
  // The summaries last seen, so activeAccount() answers from memory; replaced whenever a list is read.
  let known: readonly AccountSummary[] = [];
  // Kept apart from the account list: after an idle lock the list cannot be read until the vault is unlocked.
  let activeEnvironment: string | null = null;
  let progress: Progress = IDLE;
  function setProgress(next: Progress): void {
    progress = next;
    deps.onSignInProgress?.(next);
  }

  function refuseWhileSigningIn(): void {
    if (progress.state !== 'idle') throw new AirlockError('E_BAD_REQUEST', { message: 'A sign-in is already in progress.', hint: 'Finish or cancel it first.' });
  }

  async function accounts(): Promise<AccountList> {
    const list = await deps.auth.accounts();
    known = list;
    if (!list.some((a) => a.accountId === active)) active = list[0]?.accountId ?? null;
    activeEnvironment = list.find((a) => a.accountId === active)?.environmentId ?? activeEnvironment;
    return { accounts: list, activeAccountId: active };
  }

  async function session(): Promise<SessionInfo> {
    const { accounts: list } = await accounts();
    const account = list.find((a) => a.accountId === active) ?? null;
    if (!account) return { account: null, tokens: [], vault: null };
    const status = deps.vaultFor(account.environmentId).status();
    return {
      account,
      tokens: [
        { resource: 'arm', expiresAt: await tokenExpiry(account.accountId, 'arm') },
        { resource: 'ml', expiresAt: await tokenExpiry(account.accountId, 'ml') },
      ],
      vault: { backend: status.backend.slice(0, 128), mode: status.mode, locked: status.locked, reason: status.reason },
    };
  }

  async function tokenExpiry(accountId: string, resource: Resource): Promise<string | null> {
    try {
      const { expiresOn } = await deps.auth.accessToken(accountId, resource, { display: true });
      return expiresOn ? expiresOn.toISOString() : null;
    } catch {
      return null; // the panel shows "not available"; the action that needs the token reports why
    }
  }

  return {
    activeAccount: () => known.find((a) => a.accountId === active) ?? null,

    async signIn({ environmentId, method, tenant }) {
      refuseWhileSigningIn();
      setProgress({ state: method, environmentId, deviceCode: null });
      try {
        const account =
          method === 'browser'
            ? await deps.auth.signInInteractive(environmentId, tenant ? { tenant } : {})
            : await deps.auth.signInWithDeviceCode(environmentId, (prompt) => {
                const expiresAt = new Date(deps.clock.now().getTime() + prompt.expiresInSeconds * 1000).toISOString();
                setProgress({ ...progress, deviceCode: { userCode: prompt.userCode, verificationUri: prompt.verificationUri, message: prompt.message, expiresAt } });
              }, tenant ? { tenant } : {});
        active = account.accountId;
        activeEnvironment = account.environmentId;
        known = [...known.filter((a) => a.accountId !== account.accountId), account];
        return account;
      } finally {
        setProgress(IDLE);
      }
    },

    async stepUp(stepUpId) {
      refuseWhileSigningIn();
      setProgress({ state: 'browser', environmentId: activeEnvironment, deviceCode: null });
      try {
        const account = await deps.auth.stepUp(stepUpId);
        // The prompt's new facts (amr now with mfa) replace what was known of that account.
        if (known.some((a) => a.accountId === account.accountId)) known = known.map((a) => (a.accountId === account.accountId ? account : a));
        return account;
      } finally {
        setProgress(IDLE);
      }
    },

    signInProgress: async () => progress,
    cancelSignIn: async () => ({ cancelled: deps.auth.cancelSignIn() }),
    accounts,

    async switchAccount(accountId) {
      const list = await deps.auth.accounts();
      if (!list.some((a) => a.accountId === accountId)) throw new AirlockError('E_AUTH_REQUIRED', { message: 'That account is not signed in on this device.', hint: 'Sign in again.' });
      known = list;
      active = accountId;
      activeEnvironment = list.find((a) => a.accountId === accountId)?.environmentId ?? activeEnvironment;
      return { accounts: list, activeAccountId: active };
    },

    async signOut(accountId) {
      const before = await deps.auth.accounts();
      const environmentId = before.find((a) => a.accountId === accountId)?.environmentId;
      await deps.auth.signOut(accountId);
      if (environmentId && !(await deps.auth.accounts()).some((a) => a.environmentId === environmentId)) {
        // Last account of that environment: wipe its cache file and keychain entry too.
        await deps.vaultFor(environmentId).signOut();
      }
      return accounts();
    },

    async forgetDevice() {
      // A sign-in still in progress is given up first: finished afterwards, it would make a new key and file.
      deps.auth.cancelSignIn();
      // MSAL's and WAM's own sign-out, one environment at a time, so a vault the idle lock closed (its cache
      // cannot be read) keeps neither the other environments nor its own WAM accounts signed in. The wipe
      // below removes the rest, whatever this managed.
      const ids = deps.environments.list().map((e) => e.id);
      for (const id of ids) {
        await deps.auth.signOutAll(id).catch((thrown: unknown) => {
          deps.logger.log('info', 'session.sign_out_incomplete', { environmentId: id, code: thrown instanceof AirlockError ? thrown.code : 'unknown' });
        });
      }
      // Every configured environment, open or not, with a file or only a key: the first wipe removes every
      // file in the folder and every configured environment's key; each vault then drops its own memory
      // (its 'wiped' event also drops auth's MSAL instance of that environment).
      for (const [index, id] of ids.entries()) await deps.vaultFor(id).forgetDevice(index === 0 ? ids : []);
      active = null;
      activeEnvironment = null;
      known = [];
      deps.logger.log('info', 'session.device_forgotten', {});
      return { done: true };
    },

    async unlock() {
      const environmentId = activeEnvironment ?? deps.environments.defaultId();
      if (environmentId) await deps.vaultFor(environmentId).unlock();
      deps.logger.log('info', 'session.unlocked', { environmentId: environmentId ?? 'none' });
      return session();
    },

    session,
  };
}
