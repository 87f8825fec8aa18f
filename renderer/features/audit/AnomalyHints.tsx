// Anomaly hints (seed 002), computed locally: shown as hints to look at, not as errors. One says so when the
// organization's policy makes it block actions.
import { makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens } from '@fluentui/react-components';
import { LightbulbRegular } from '@fluentui/react-icons';
import type { AnomalyHintView } from './audit-types';
import { recordTime } from './record-display';

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
            {` (${h.username ?? h.accountId ?? 'no account'}, since ${recordTime(h.since)}${h.evidenceSeqs.length ? `; records ${h.evidenceSeqs.slice(0, 5).join(', ')}${h.evidenceSeqs.length > 5 ? '…' : ''}` : ''}).`}
            {h.blocking ? " Your organization's policy refuses actions while this holds." : ' This is a hint only; nothing is blocked.'}
          </MessageBarBody>
        </MessageBar>
      ))}
    </section>
  );
}
