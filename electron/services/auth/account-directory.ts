// The accounts the auth service knows, across environments: those in each environment's MSAL cache (the
// vault) and those WAM holds for it. Finds an account's environment and MSAL instance, lists the accounts, and
// signs them out. Where an account was found is remembered, because silent token calls (the hot path) would
// otherwise read every cache and scan every account. Never hands out tokens: the list is AccountSummary, and
// AccountInfo stays inside auth.
import type { AccountInfo, PublicClientApplication } from '@azure/msal-node';
import { AirlockError } from '../../../shared/errors/airlock-error';
import type { Environment, EnvironmentsService } from '../environments';
import type { Logger } from '../ports';
import { summarizeAccount, type AccountSummary } from './account-summary';
import { brokerAccounts, isBrokerAccount } from './broker';
import { toAuthError } from './msal-errors';
import type { MsalInstances } from './msal-instances';

export interface FoundAccount {
  readonly environment: Environment;
  /** The instance that holds the account: the environment's own, or its broker twin for a WAM account. */
  readonly app: PublicClientApplication;
  readonly account: AccountInfo;
}

export interface AccountDirectory {
  /** The account and where it lives; E_AUTH_REQUIRED if no environment holds it. */
  find(accountId: string): Promise<FoundAccount>;
  /** Every account of every environment with a client id; a locked vault refuses (E_AUTH_REQUIRED). */
  list(): Promise<AccountSummary[]>;
  signOut(accountId: string): Promise<void>;
  /** Every account of one environment: WAM's whether or not the vault is locked; rejects with the first failure. */
  signOutAll(environmentId: string): Promise<void>;
  /** Forgets where this environment's accounts were found (its MSAL instance was evicted). */
  forget(environmentId: string): void;
}

export function createAccountDirectory(deps: { readonly environments: EnvironmentsService; readonly msal: MsalInstances; readonly logger: Logger }): AccountDirectory {
  const { msal, logger } = deps;
  // accountId → where it was found; dropped when the account signs out or its environment's instance is evicted.
  const found = new Map<string, { environment: Environment; account: AccountInfo }>();

  const forget = (environmentId: string): void => {
    for (const [id, entry] of found) if (entry.environment.id === environmentId) found.delete(id);
  };

  async function find(accountId: string): Promise<FoundAccount> {
    const known = found.get(accountId);
    const knownApp = known && (await msal.loaded(known.environment.id, isBrokerAccount(known.account)));
    if (known && knownApp) return { ...known, app: knownApp };
    for (const environment of deps.environments.list()) {
      if (!environment.clientId) continue; // built-in clouds without a configured client id cannot hold accounts
      const app = await msal.application(environment);
      const account = await app.getTokenCache().getAccountByHomeId(accountId);
      if (account) {
        found.set(accountId, { environment, account });
        return { environment, app, account };
      }
      const broker = await msal.broker(environment);
      const brokered = (await brokerAccounts(broker, logger, environment.id)).find((a) => a.homeAccountId === accountId);
      if (broker && brokered) {
        found.set(accountId, { environment, account: brokered });
        return { environment, app: broker, account: brokered };
      }
    }
    throw new AirlockError('E_AUTH_REQUIRED', { message: 'That account is not signed in on this device.', hint: 'Sign in again.' });
  }

  return {
    find,
    forget,

    async list() {
      const all: AccountSummary[] = [];
      for (const environment of deps.environments.list()) {
        if (!environment.clientId) continue;
        const app = await msal.application(environment);
        for (const account of await app.getAllAccounts()) all.push(summarizeAccount(account, environment.id));
        const listed = new Set(all.map((a) => `${a.environmentId} ${a.accountId}`));
        for (const account of await brokerAccounts(await msal.broker(environment), logger, environment.id)) {
          if (!listed.has(`${environment.id} ${account.homeAccountId}`)) all.push(summarizeAccount(account, environment.id));
        }
      }
      return all;
    },

    async signOut(accountId) {
      const { app, account, environment } = await find(accountId);
      found.delete(accountId);
      await app.signOut({ account });
      await msal.save(environment.id, app);
      logger.log('info', 'auth.signed_out', { environmentId: environment.id });
    },

    async signOutAll(environmentId) {
      const environment = deps.environments.list().find((e) => e.id === environmentId);
      if (!environment?.clientId) return; // no client id, no accounts
      forget(environmentId);
      const failures: unknown[] = [];
      const broker = await msal.broker(environment);
      for (const account of await brokerAccounts(broker, logger, environment.id)) await broker?.signOut({ account }).catch((thrown: unknown) => failures.push(thrown));
      try {
        const app = await msal.application(environment); // a locked vault refuses here
        for (const account of await app.getAllAccounts()) await app.signOut({ account });
        await msal.save(environment.id, app);
      } catch (thrown) {
        failures.push(thrown);
      }
      logger.log('info', 'auth.signed_out_all', { environmentId: environment.id, failures: failures.length });
      if (failures.length > 0) throw toAuthError(failures[0]);
    },
  };
}
