// The Verify button, its progress (records checked of total) with a Cancel, and the result in words.
import { Button, makeStyles, ProgressBar, tokens, Field } from '@fluentui/react-components';
import { ShieldCheckmarkRegular } from '@fluentui/react-icons';
import { ErrorPanel } from '../../components/ErrorPanel';
import type { Verify } from './use-verify';
import { VerifyResult } from './VerifyResult';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  progress: { minWidth: '240px', flex: 1 },
});

export function VerifyButton(props: { verify: Verify }) {
  const running = props.verify.state.phase === 'running';
  return (
    <Button icon={<ShieldCheckmarkRegular />} onClick={props.verify.start} disabled={running}>
      Verify
    </Button>
  );
}

export function VerifyStatus(props: { verify: Verify }) {
  const styles = useStyles();
  const { state, start, cancel } = props.verify;
  if (state.phase === 'idle') return null;
  return (
    <div className={styles.root}>
      {state.phase === 'running' ? (
        <div className={styles.row}>
          <Field
            className={styles.progress}
            label="Verifying the audit trail"
            validationState="none"
            validationMessage={state.total > 0 ? `${state.checked.toLocaleString()} of ${state.total.toLocaleString()} records checked` : 'Starting…'}
          >
            <ProgressBar value={state.total > 0 ? state.checked / state.total : undefined} data-verify-progress />
          </Field>
          <Button onClick={cancel} disabled={state.cancelling}>
            {state.cancelling ? 'Cancelling…' : 'Cancel'}
          </Button>
        </div>
      ) : null}
      {state.phase === 'done' ? <VerifyResult report={state.report} /> : null}
      {state.phase === 'error' ? <ErrorPanel error={state.error.toShape()} onRetry={start} /> : null}
    </div>
  );
}
