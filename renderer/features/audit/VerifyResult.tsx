// What verify found, in words: intact; or the first bad record and what happened to it (edited, deleted,
// reordered, truncated, an older copy, a key missing) with any further findings; or the stretches that
// cannot be verified (keys kept in memory only). A finding is the trail's state, not a failed call.
import { MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import type { VerifyReportView } from './audit-types';

const SHOWN = 5;

const useStyles = makeStyles({ list: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalXL } });

const TITLES: Readonly<Record<VerifyReportView['result'], string>> = {
  intact: 'The audit trail is intact',
  tampered: 'The audit trail was changed',
  unverifiable: 'Part of the audit trail cannot be verified',
  aborted: 'Verify was cancelled',
};
const INTENTS = { intact: 'success', tampered: 'error', unverifiable: 'warning', aborted: 'info' } as const;

export function VerifyResult(props: { report: VerifyReportView }) {
  const styles = useStyles();
  const { report } = props;
  const more = report.findings.filter((f) => f !== report.first && f.seq !== report.first?.seq);
  return (
    <MessageBar intent={INTENTS[report.result]} layout="multiline" data-verify-result={report.result}>
      <MessageBarBody>
        <MessageBarTitle>{TITLES[report.result]}</MessageBarTitle>
        <div data-verify-words>{report.words}</div>
        {report.first ? <div data-verify-first={report.first.seq}>{`First bad record: ${report.first.words}`}</div> : null}
        {more.length > 0 ? (
          <ul className={styles.list}>
            {more.slice(0, SHOWN).map((f) => (
              <li key={`${f.seq}-${f.what}`}>{f.words}</li>
            ))}
            {more.length > SHOWN ? <li>{`and ${more.length - SHOWN} more`}</li> : null}
          </ul>
        ) : null}
        {report.unverifiable.length > 0 ? (
          <>
            <div>Cannot be verified:</div>
            <ul className={styles.list} data-verify-unverifiable>
              {report.unverifiable.slice(0, SHOWN).map((s) => (
                <li key={s.fromSeq}>{s.words}</li>
              ))}
              {report.unverifiable.length > SHOWN ? <li>{`and ${report.unverifiable.length - SHOWN} more stretches`}</li> : null}
            </ul>
          </>
        ) : null}
        <div>{`${report.checked.toLocaleString()} of ${report.total.toLocaleString()} records checked.`}</div>
      </MessageBarBody>
    </MessageBar>
  );
}
