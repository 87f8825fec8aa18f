// The audit trail's state in words: where it is kept, whether its keys are in the OS keychain or in memory only
// (and why), how long records are kept, forwarding to the organization's collector, and — loudly — when
// actions are not being recorded at all.
import { Badge, Caption1, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens } from '@fluentui/react-components';
import type { AuditStatusView } from './audit-types';
import { forwardingWords, keysWords, newestRecordWords, retentionWords } from './trail-status-words';

const useStyles = makeStyles({
  facts: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalXL, rowGap: tokens.spacingVerticalXXS, alignItems: 'baseline' },
  fact: { display: 'inline-flex', gap: tokens.spacingHorizontalXS, alignItems: 'baseline', minWidth: 0 },
  term: { color: tokens.colorNeutralForeground3 },
  path: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
});

export function TrailStatus(props: { status: AuditStatusView }) {
  const styles = useStyles();
  const s = props.status;
  const newest = newestRecordWords(s);
  return (
    <>
      {!s.writable ? (
        <MessageBar intent="warning" layout="multiline" data-trail-unwritable>
          <MessageBarBody>
            <MessageBarTitle>Actions are not being recorded</MessageBarTitle>
            {s.reason ?? 'The audit trail cannot be written.'} Actions your organization requires to be recorded are refused until it can.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={styles.facts} data-trail-status>
        <span className={styles.fact}>
          <Caption1 className={styles.term}>Kept in</Caption1>
          <span className={styles.path} data-trail-location>{s.location}</span>
        </span>
        <span className={styles.fact}>
          <Caption1 className={styles.term}>Keys</Caption1>
          <span data-trail-keys={s.keychain}>
            {keysWords(s)} {s.keychain === 'memory' ? <Badge color="warning" appearance="tint">Memory only</Badge> : null}
          </span>
        </span>
        <span className={styles.fact}>
          <Caption1 className={styles.term}>{newest.term}</Caption1>
          <span data-trail-newest>{newest.value}</span>
        </span>
        <span className={styles.fact}>
          <Caption1 className={styles.term}>Kept for</Caption1>
          <span data-trail-retention>{retentionWords(s)}</span>
        </span>
        <span className={styles.fact}>
          <Caption1 className={styles.term}>Forwarding</Caption1>
          <span data-trail-forwarding={s.forwarding?.state ?? 'off'}>{forwardingWords(s)}</span>
        </span>
      </div>
    </>
  );
}
