// Which accounts are signed in and which is active, shared by the status bar, the workspaces screen and
// Settings. Holds display data only (names, ids); tokens never reach the renderer.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { z } from 'zod';
import type { Accounts } from '../../../shared/contract/schemas/auth';
import { unwrap } from '../../ipc/airlock-client';

type AccountList = z.infer<typeof Accounts>;

interface SessionContextValue {
  readonly accounts: AccountList;
  readonly active: AccountList['accounts'][number] | null;
  /** Re-reads the accounts from main (after sign-in, sign-out, switch). */
  readonly refresh: () => Promise<void>;
  /** Bumped whenever the account state changed, so panels can reload what depends on it. */
  readonly version: number;
}

const EMPTY: AccountList = { accounts: [], activeAccountId: null };
const SessionContext = createContext<SessionContextValue>({ accounts: EMPTY, active: null, refresh: async () => undefined, version: 0 });

export function SessionProvider(props: { children: ReactNode }) {
  const [accounts, setAccounts] = useState<AccountList>(EMPTY);
  const [version, setVersion] = useState(0);
  const refresh = useCallback(async () => {
    try {
      setAccounts(await unwrap(window.airlock.auth.accounts()));
    } catch {
      setAccounts(EMPTY);
    }
    setVersion((v) => v + 1);
  }, []);
  useEffect(() => {
    let live = true;
    unwrap(window.airlock.auth.accounts()).then(
      (list) => live && setAccounts(list),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  const active = accounts.accounts.find((a) => a.accountId === accounts.activeAccountId) ?? null;
  return <SessionContext.Provider value={{ accounts, active, refresh, version }}>{props.children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  return useContext(SessionContext);
}
