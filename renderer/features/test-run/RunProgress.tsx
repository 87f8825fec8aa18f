// A run in progress: a done/total bar, failed so far, elapsed, live p50/p95 (main's pushes), and Cancel. A polite
// live region announces every tenth of the way (progressAnnouncement), not every push, so a screen reader is not
// flooded; the numbers themselves are on screen for whoever looks.
import { Button, Field, makeStyles, ProgressBar, tokens } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { useEffect, useRef } from 'react';
import { count, progressAnnouncement, progressView, type RunState } from './run-state';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  facts: { display: 'flex', gap: tokens.spacingHorizontalXL, flexWrap: 'wrap', margin: 0 },
  fact: { display: 'flex', flexDirection: 'column' },
  term: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  value: { margin: 0, fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: 'tabular-nums' },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center' },
});

export function RunProgress(props: { state: Extract<RunState, { phase: 'running' }>; onCancel: () => void }) {
  const styles = useStyles();
  const v = progressView(props.state);
  const cancelButton = useRef<HTMLButtonElement>(null);
  // Start is disabled while a run goes: keyboard focus moves to Cancel rather than falling to the page.
  useEffect(() => cancelButton.current?.focus(), []);
  return (
    <div className={styles.root} data-test-run-progress={props.state.progress?.state ?? 'starting'}>
      <Field label="Requests done">
        <ProgressBar value={v.fraction} max={1} thickness="large" aria-valuetext={`${count(v.done)} of ${count(v.total)}`} data-test-run-bar />
      </Field>
      <dl className={styles.facts}>
        {(
          [
            ['Done', `${count(v.done)} / ${count(v.total)}`, 'done'],
            ['Failed', count(v.failed), 'failed'],
            ['Elapsed', v.elapsed, 'elapsed'],
            ['p50 so far', v.p50, 'p50'],
            ['p95 so far', v.p95, 'p95'],
          ] as const
        ).map(([term, value, name]) => (
          <div key={name} className={styles.fact}>
            <dt className={styles.term}>{term}</dt>
            <dd className={styles.value} data-test-run-live={name}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <div className={styles.row}>
        <Button ref={cancelButton} icon={<DismissRegular />} onClick={props.onCancel} disabled={props.state.cancelling} data-test-run-cancel>
          {props.state.cancelling ? 'Stopping…' : 'Cancel'}
        </Button>
        <span role="status" aria-live="polite" data-test-run-announce>
          {props.state.cancelling ? 'Stopping: no new requests start; the ones on their way finish first.' : progressAnnouncement(v)}
        </span>
      </div>
    </div>
  );
}
