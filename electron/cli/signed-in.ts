// The signed-in account for commands that act as the user (routes, tunnels): a fresh CLI process knows no
// active account until it reads the account list (auth.accounts, through the guarded door, as the app does
// at start), which restores the one the app signed in with in the same user-data folder and keychain. The
// CLI never signs in itself; with no account it says so in words.
import type { InProcessGateway } from '../services';
import { AirlockError } from '../../shared/errors/airlock-error';
import { callChannel } from './contract-call';

export async function useSignedInAccount(gateway: InProcessGateway): Promise<void> {
  const { accounts } = await callChannel(gateway, 'auth.accounts', undefined);
  if (accounts.length > 0) return;
  throw new AirlockError('E_AUTH_REQUIRED', {
    message: 'No account is signed in to Airlock on this machine, so there is no route to use.',
    hint: 'Sign in with the Airlock app first (the command uses the same account, from AIRLOCK_USER_DATA and the keychain).',
  });
}
