// The account menu in the status bar: who is signed in, switch between accounts, sign out, forget this device.
import { Button, Menu, MenuDivider, MenuItem, MenuItemRadio, MenuList, MenuPopover, MenuTrigger } from '@fluentui/react-components';
import { PersonRegular } from '@fluentui/react-icons';
import { unwrap } from '../../ipc/airlock-client';
import { useSession } from './session-context';

export function AccountMenu() {
  const { accounts, active, refresh } = useSession();
  if (!active) return <span data-status="account">Account: Not signed in</span>;
  const run = (action: () => Promise<unknown>) => void action().finally(() => void refresh());
  return (
    <Menu checkedValues={{ account: [active.accountId] }}>
      <MenuTrigger disableButtonEnhancement>
        <Button appearance="subtle" size="small" icon={<PersonRegular />} data-status="account" aria-label={`Account: ${active.username}`}>
          {active.username}
        </Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {accounts.accounts.map((a) => (
            <MenuItemRadio key={a.accountId} name="account" value={a.accountId} onClick={() => run(() => unwrap(window.airlock.auth.switchAccount({ accountId: a.accountId })))}>
              {a.name} ({a.username})
            </MenuItemRadio>
          ))}
          <MenuDivider />
          <MenuItem onClick={() => run(() => unwrap(window.airlock.auth.signOut({ accountId: active.accountId })))}>Sign out {active.username}</MenuItem>
          <MenuItem onClick={() => run(() => unwrap(window.airlock.auth.forgetDevice()))}>Forget this device</MenuItem>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
