// What a screen that needs an account shows before sign-in: what it will hold, and one button to where the
// sign-in is (Workspaces), so the screen never looks like "no data".
import { Button } from '@fluentui/react-components';
import { PlugDisconnectedRegular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import { EmptyState } from './EmptyState';

export function SignInFirst(props: { title: string; children: ReactNode; onSignIn?: () => void }) {
  return (
    <EmptyState
      icon={<PlugDisconnectedRegular />}
      title={props.title}
      action={
        props.onSignIn ? (
          <Button appearance="primary" onClick={props.onSignIn} data-go-sign-in>
            Go to sign-in
          </Button>
        ) : undefined
      }
    >
      {props.children}
    </EmptyState>
  );
}
