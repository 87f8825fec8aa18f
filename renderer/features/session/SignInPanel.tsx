// Sign-in: choose the environment and the method (system browser, or a device code for remote desktops),
// then wait — with progress, the device code when there is one, and Cancel. Typed errors in plain words.
import { Button, Card, Field, Input, Link, makeStyles, Radio, RadioGroup, Select, Spinner, Subtitle1, Body1, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { AppInfo } from '../../../shared/contract/schemas/app';
import type { SignInProgress } from '../../../shared/contract/schemas/auth';
import type { AirlockError } from '../../../shared/errors/airlock-error';
import { ErrorPanel } from '../../components/ErrorPanel';
import { asAirlockError, unwrap } from '../../ipc/airlock-client';
import { useEnvironmentChoice } from './environment-choice';
import { useSession } from './session-context';

type Progress = z.infer<typeof SignInProgress>;

const useStyles = makeStyles({
  card: { maxWidth: '520px', width: '100%', padding: tokens.spacingHorizontalXL, gap: tokens.spacingVerticalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeHero700, letterSpacing: '0.1em' },
});

export function SignInPanel(props: { info: AppInfo }) {
  const styles = useStyles();
  const { refresh } = useSession();
  // Shared with the status bar (environment-choice.tsx), so both always name the same environment.
  const { chosenId: environmentId, choose: setEnvironmentId } = useEnvironmentChoice();
  const [method, setMethod] = useState<'browser' | 'device-code'>('browser');
  const [tenant, setTenant] = useState('');
  const pinnedTenant = props.info.environments.find((e) => e.id === environmentId)?.pinnedTenant ?? null;
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<AirlockError | null>(null);

  // Main pushes what a sign-in waits for (the device code appears here once issued); nothing polls. Subscribed
  // for the panel's whole life, so a push that comes before this render's effects cannot be missed.
  useEffect(() => window.airlock.auth.onSignInProgress(setProgress), []);

  const signIn = async () => {
    setBusy(true);
    setError(null);
    setProgress(null);
    try {
      const named = tenant.trim();
      await unwrap(window.airlock.auth.signIn({ environmentId, method, ...(named && !pinnedTenant ? { tenant: named } : {}) }));
      await refresh();
    } catch (thrown) {
      setError(asAirlockError(thrown));
    } finally {
      setBusy(false);
    }
  };

  const deviceCode = progress?.deviceCode ?? null;
  const openLink = async (url: string) => {
    try {
      await unwrap(window.airlock.app.openLink({ url }));
    } catch (thrown) {
      setError(asAirlockError(thrown));
    }
  };

  return (
    <Card className={styles.card} aria-label="Sign in">
      <Subtitle1 as="h2">Sign in</Subtitle1>
      <Field label="Environment">
        <Select value={environmentId} onChange={(_e, data) => setEnvironmentId(data.value)} disabled={busy}>
          {props.info.environments.map((e) => (
            <option key={e.id} value={e.id}>
              {e.displayName}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label="Tenant"
        hint={pinnedTenant ? 'Set by this environment.' : 'Your organization’s domain or tenant ID. Leave empty to use any work account.'}
      >
        <Input
          value={pinnedTenant ?? tenant}
          onChange={(_e, data) => setTenant(data.value)}
          disabled={busy || pinnedTenant !== null}
          placeholder="contoso.com"
          spellCheck={false}
          autoComplete="off"
        />
      </Field>
      <Field label="How to sign in">
        <RadioGroup value={method} onChange={(_e, data) => setMethod(data.value as 'browser' | 'device-code')} disabled={busy}>
          <Radio value="browser" label="In my browser (recommended)" />
          <Radio value="device-code" label="With a code on another device (remote desktops)" />
        </RadioGroup>
      </Field>
      {busy ? (
        <div className={styles.row} role="status" aria-live="polite">
          <Spinner size="tiny" />
          {deviceCode ? (
            <Body1>
              Open{' '}
              {/* No href: a click asks main (app.openLink), which checks the page and opens it outside Airlock. */}
              <Link data-device-link onClick={() => void openLink(deviceCode.verificationUri)}>
                {deviceCode.verificationUri}
              </Link>{' '}
              on any device and enter{' '}
              <span className={styles.code} data-device-code>
                {deviceCode.userCode}
              </span>
            </Body1>
          ) : (
            <Body1>{method === 'browser' ? 'Finish signing in in your browser. This window updates when you are done.' : 'Getting a sign-in code…'}</Body1>
          )}
          <Button onClick={() => void window.airlock.auth.cancelSignIn()}>Cancel</Button>
        </div>
      ) : (
        <div className={styles.row}>
          <Button appearance="primary" onClick={() => void signIn()} disabled={!environmentId}>
            Sign in
          </Button>
        </div>
      )}
      {error ? <ErrorPanel error={error.toShape()} /> : null}
    </Card>
  );
}
