// The Session panel in Settings: the active account, its tenant and sign-in methods (information only: the
// server decides when MFA is needed), token lifetimes, and where tokens are kept. Never a token value.
import { Badge, Body1, Button, Caption1, makeStyles, Spinner, Subtitle1, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { SessionInfo } from '../../../shared/contract/schemas/auth';
import type { AirlockError } from '../../../shared/errors/airlock-error';
import { detailsOf } from '../../../shared/errors/details';
import { ErrorPanel } from '../../components/ErrorPanel';
import { timeWithZone } from '../../components/time-text';
import { asAirlockError, unwrap } from '../../ipc/airlock-client';
import { useSession } from './session-context';
import { methodsWords } from './session-words';

const useStyles = makeStyles({
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalXS },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

const when = (iso: string | null) => timeWithZone(iso, 'not available');


export function SessionPanel() {
  const styles = useStyles();
  const { version, refresh } = useSession();
  const [signingOut, setSigningOut] = useState(false);
  const [info, setInfo] = useState<SessionInfo | null>(null);
  const [error, setError] = useState<AirlockError | null>(null);

  useEffect(() => {
    let live = true;
    unwrap(window.airlock.auth.session()).then(
      (value) => live && setInfo(value),
      (thrown: unknown) => live && setError(asAirlockError(thrown)),
    );
    return () => {
      live = false;
    };
  }, [version]);

  const locked = info?.vault?.locked === true || detailsOf('E_AUTH_REQUIRED', error)?.vault === 'locked';
  const signOut = (accountId: string) => {
    setSigningOut(true);
    setError(null);
    unwrap(window.airlock.auth.signOut({ accountId }))
      .then(
        () => undefined,
        (thrown: unknown) => setError(asAirlockError(thrown)),
      )
      .finally(() => {
        setSigningOut(false);
        void refresh();
      });
  };
  const unlock = () => {
    setError(null);
    unwrap(window.airlock.auth.unlock()).then(setInfo, (thrown: unknown) => setError(asAirlockError(thrown)));
  };

  return (
    <section className={styles.section} aria-labelledby="session-heading">
      <Subtitle1 as="h2" id="session-heading">
        Session
      </Subtitle1>
      {error ? <ErrorPanel error={error.toShape()} /> : null}
      {locked ? (
        <div>
          <Button appearance="primary" onClick={unlock}>
            Unlock
          </Button>
        </div>
      ) : null}
      {!info && !error ? <Spinner size="tiny" label="Loading…" /> : null}
      {info && !info.account ? <Body1>Not signed in.</Body1> : null}
      {info?.account ? (
        <div className={styles.facts} data-session>
          <Caption1>Account</Caption1>
          <Body1 data-fact="session-account">
            {info.account.name} ({info.account.username})
          </Body1>
          <Caption1>Tenant</Caption1>
          <Body1>{info.account.tenantId}</Body1>
          <Caption1>Sign-in methods</Caption1>
          <Body1 data-fact="session-methods">
            {methodsWords(info.account.authMethods)}{' '}
            {info.account.authMethods.includes('mfa') ? <Badge color="success">MFA</Badge> : null}
          </Body1>
          {info.tokens.map((t) => (
            <FactPair key={t.resource} label={t.resource === 'arm' ? 'Azure Resource Manager access until' : 'Azure ML access until'} value={when(t.expiresAt)} />
          ))}
          <Caption1>Tokens kept in</Caption1>
          <Body1 data-fact="session-vault">
            {info.vault ? `${info.vault.backend}${info.vault.mode === 'memory-only' ? ' — memory only, not saved on this device' : ', encrypted on this device'}${info.vault.locked ? ' (locked)' : ''}` : 'not available'}
          </Body1>
          {info.vault?.reason ? (
            <>
              <Caption1>Why memory only</Caption1>
              <Body1>{info.vault.reason}</Body1>
            </>
          ) : null}
        </div>
      ) : null}
      {info?.account ? (
        <div>
          {/* Also in the account menu (status bar); here where Settings users look for it. */}
          <Button onClick={() => info.account && signOut(info.account.accountId)} disabled={signingOut} icon={signingOut ? <Spinner size="extra-tiny" /> : undefined} data-session-sign-out>
            {`Sign out ${info.account.username}`}
          </Button>
        </div>
      ) : null}
    </section>
  );
}

function FactPair(props: { label: string; value: string }) {
  return (
    <>
      <Caption1>{props.label}</Caption1>
      <Body1>{props.value}</Body1>
    </>
  );
}
