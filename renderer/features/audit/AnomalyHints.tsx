// Anomaly hints (seed 002), computed locally: shown as hints to look at, not as errors; a warning when the
// organization's policy makes one block actions (the detector's summary says so in words).
import { makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens } from '@fluentui/react-components';
import { LightbulbRegular } from '@fluentui/react-icons';
import type { AnomalyHintView } from './audit-types';
import { hintDetailWords } from './anomaly-hint-words';

const KIND_TITLES: Readonly<Record<AnomalyHintView['kind'], string>> = {
  'unusual-hours': 'Activity outside usual hours',
  'volume-spike': 'More activity than usual',
  'repeated-failures': 'Repeated failed sign-ins or step-ups',
  'new-network': 'A new network or route',
};

const useStyles = makeStyles({ list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS } });

export function AnomalyHints(props: { hints: readonly AnomalyHintView[] }) {
  const styles = useStyles();
  if (props.hints.length === 0) return null;
  return (
    <section className={styles.list} aria-label="Hints">
      {props.hints.map((h) => (
        <MessageBar key={`${h.kind}-${h.accountId ?? ''}-${h.since}`} intent={h.blocking ? 'warning' : 'info'} icon={<LightbulbRegular />} layout="multiline" data-anomaly={h.kind}>
          <MessageBarBody>
            <MessageBarTitle>{`Hint: ${KIND_TITLES[h.kind]}`}</MessageBarTitle>
            {h.summary}
            {hintDetailWords(h)}
          </MessageBarBody>
        </MessageBar>
      ))}
    </section>
  );
}
