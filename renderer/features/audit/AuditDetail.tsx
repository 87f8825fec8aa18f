// The detail pane: every field of the selected audit record, in words. A payload shows only its SHA-256 and
// size — the trail never holds a payload body, and this pane must never suggest it could show one.
import { Body1, Caption1, makeStyles, mergeClasses, Subtitle2, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { AuditRecordView } from './audit-types';
import { timeWithZone } from '../../components/time-text';
import { byteSize, KIND_LABELS, recordResult } from './record-display';

const useStyles = makeStyles({
  pane: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    overflowY: 'auto',
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
    minHeight: 0,
  },
  facts: { display: 'grid', gridTemplateColumns: 'max-content minmax(0, 1fr)', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXS, margin: 0 },
  term: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase300 },
  value: { margin: 0, overflowWrap: 'anywhere', fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300 },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  hint: { color: tokens.colorNeutralForeground3 },
  heading: { margin: 0 },
});

function Fact(props: { term: string; children: ReactNode; mono?: boolean; name: string }) {
  const styles = useStyles();
  return (
    <>
      <dt className={styles.term}>{props.term}</dt>
      <dd className={mergeClasses(styles.value, props.mono && styles.mono)} data-detail={props.name}>
        {props.children}
      </dd>
    </>
  );
}

export function AuditDetail(props: { record: AuditRecordView | null }) {
  const styles = useStyles();
  const r = props.record;
  return (
    // tabIndex: the pane scrolls on its own, so keyboard users must be able to focus it to scroll it (axe
    // scrollable-region-focusable).
    <aside className={styles.pane} aria-labelledby="audit-detail-heading" data-audit-detail tabIndex={0}>
      <Subtitle2 as="h3" id="audit-detail-heading" className={styles.heading}>
        {r ? `Record ${r.seq}` : 'Record details'}
      </Subtitle2>
      {!r ? <Body1 className={styles.hint}>Select a record in the list to see all of its fields.</Body1> : null}
      {r ? (
        <dl className={styles.facts}>
          <Fact term="Record" name="seq">{String(r.seq)}</Fact>
          <Fact term="Time" name="time">{timeWithZone(r.time, r.time)}</Fact>
          <Fact term="Time (UTC)" name="time-utc" mono>{r.time}</Fact>
          <Fact term="Kind" name="kind">{KIND_LABELS[r.kind]}</Fact>
          <Fact term="Action" name="action" mono>{r.action}</Fact>
          <Fact term="Resource" name="resource" mono>{r.resource}</Fact>
          <Fact term="Result" name="result">{recordResult(r).text}</Fact>
          {r.rule !== undefined ? <Fact term="Rule" name="rule">{r.rule ?? 'none (default deny)'}</Fact> : null}
          {r.reason ? <Fact term="Reason" name="reason">{r.reason}</Fact> : null}
          {r.errorCode ? <Fact term="Error code" name="errorCode" mono>{r.errorCode}</Fact> : null}
          {r.durationMs !== undefined ? <Fact term="Took" name="durationMs">{`${r.durationMs.toLocaleString()} ms`}</Fact> : null}
          <Fact term="Account" name="username">{r.username ?? '—'}</Fact>
          <Fact term="Account id" name="accountId" mono>{r.accountId ?? '—'}</Fact>
          <Fact term="Tenant" name="tenantId" mono>{r.tenantId ?? '—'}</Fact>
          <Fact term="Environment" name="environmentId">{r.environmentId ?? '—'}</Fact>
          {r.route ? <Fact term="Route" name="route">{r.route}</Fact> : null}
          {r.host ? <Fact term="Called from" name="host">{r.host}</Fact> : null}
          {r.addresses ? <Fact term="Machine addresses" name="addresses" mono>{r.addresses.length ? r.addresses.join(', ') : 'none'}</Fact> : null}
          {r.payload ? (
            <>
              <Fact term="Payload SHA-256" name="payload-sha256" mono>{r.payload.sha256}</Fact>
              <Fact term="Payload size" name="payload-bytes">{byteSize(r.payload.bytes)}</Fact>
            </>
          ) : null}
          {r.response ? (
            <>
              <Fact term="Response status" name="response-status">{String(r.response.status)}</Fact>
              <Fact term="Response size" name="response-bytes">{byteSize(r.response.bytes)}</Fact>
            </>
          ) : null}
          <Fact term="Correlation id" name="correlationId" mono>{r.correlationId}</Fact>
        </dl>
      ) : null}
      {r?.payload ? <Caption1 className={styles.hint}>The trail keeps only a payload’s hash and size, never its content.</Caption1> : null}
    </aside>
  );
}
