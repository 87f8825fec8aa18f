// The signed-in account for commands that act as the user (browse, invoke, routes, tunnels): a fresh CLI
// process knows no active account until it reads the account list (auth.accounts, through the guarded door, as
// the app does at start), which restores the accounts signed in before (`airlock login`, or the app) in the same
// user-data folder and keychain. With --environment, the account of that environment is made the active one
// (auth.switchAccount). With no account it says so in words (E_AUTH_REQUIRED, exit 1).
import type { InProcessGateway } from '../services';
import type { AccountSummary } from '../../shared/contract/schemas/auth';
import { AirlockError } from '../../shared/errors/airlock-error';
import { callChannel } from './contract-call';
import { matchEnvironment } from './environment-choice';

export async function useSignedInAccount(gateway: InProcessGateway, environment?: string): Promise<AccountSummary> {
  const { accounts, activeAccountId } = await callChannel(gateway, 'auth.accounts', undefined);
  if (environment === undefined) {
    const active = accounts.find((a) => a.accountId === activeAccountId) ?? accounts[0];
    if (active) return active;
    throw new AirlockError('E_AUTH_REQUIRED', {
      message: 'No account is signed in to Airlock on this machine, so there is no one to act as.',
      hint: 'Sign in with airlock login (or the Airlock app; the command uses the same account, from AIRLOCK_USER_DATA and the keychain).',
    });
  }
  const { environments } = await callChannel(gateway, 'app.info', undefined);
  const chosen = matchEnvironment(environments, environment);
  const account = accounts.find((a) => a.accountId === activeAccountId && a.environmentId === chosen.id) ?? accounts.find((a) => a.environmentId === chosen.id);
  if (!account) {
    throw new AirlockError('E_AUTH_REQUIRED', {
      message: `No account is signed in to the environment ${chosen.id} on this machine.`,
      hint: `Sign in with airlock login --environment ${chosen.id}`,
    });
  }
  if (account.accountId !== activeAccountId) await callChannel(gateway, 'auth.switchAccount', { accountId: account.accountId });
  return account;
}
