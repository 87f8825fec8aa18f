// Settings → Policy: the admin policy in force on this machine — where it came from (file, registry, managed
// preferences or Airlock's bundled default), whether it is ok or broken (then every action but the basics is
// refused, and the problem line says file and line), when it was loaded, each setting it manages (with
// "Managed by your organization") and the document itself. Read-only: users cannot change a machine policy.
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Body1,
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle1,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { ErrorPanel } from '../../components/ErrorPanel';
import { ManagedBadge } from '../../components/ManagedBadge';
import { timeWithZone } from '../../components/time-text';
import { useAirlockQuery } from '../../ipc/use-airlock-query';
import type { PolicyView } from '../../../shared/contract/schemas/policy';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalXS, alignItems: 'baseline' },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  table: { maxWidth: '880px' },
  value: { overflowWrap: 'anywhere' },
  document: {
    margin: 0,
    padding: tokens.spacingHorizontalM,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    maxHeight: '360px',
    maxWidth: '880px',
    overflow: 'auto',
    whiteSpace: 'pre',
  },
});

function PolicyFacts(props: { policy: PolicyView }) {
  const styles = useStyles();
  const p = props.policy;
  return (
    <>
      {p.status === 'broken' ? (
        <MessageBar intent="error" layout="multiline" data-policy-broken>
          <MessageBarBody>
            <MessageBarTitle>The policy is broken, so Airlock refuses every action except the basics</MessageBarTitle>
            <div className={styles.mono} data-policy-problem>{p.problem ?? 'The policy could not be read.'}</div>
            <div>Ask your IT administrator to fix the policy. Airlock picks up the fixed policy while it runs.</div>
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={styles.facts}>
        <Caption1>Source</Caption1>
        <Body1 data-fact="policy-source">
          {p.source.label}
        </Body1>
        <Caption1>Location</Caption1>
        <span className={styles.mono} data-fact="policy-location">{p.source.location}</span>
        <Caption1>Status</Caption1>
        <span data-fact="policy-status">
          {p.status === 'ok' ? <Badge color="success" appearance="tint">In force</Badge> : <Badge color="danger" appearance="tint">Broken</Badge>}
        </span>
        <Caption1>Loaded</Caption1>
        <Body1>{timeWithZone(p.loadedAt)}</Body1>
        {p.engine ? (
          <>
            <Caption1>Decided by</Caption1>
            <Body1>{p.engine}</Body1>
          </>
        ) : null}
      </div>
    </>
  );
}

function PolicySettings(props: { policy: PolicyView }) {
  const styles = useStyles();
  return (
    <Table className={styles.table} size="small" aria-label="Policy settings" data-policy-settings>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Setting</TableHeaderCell>
          <TableHeaderCell>Value</TableHeaderCell>
          <TableHeaderCell>Set by</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {props.policy.settings.map((s) => (
          <TableRow key={s.name} data-policy-setting={s.name}>
            <TableCell>{s.label}</TableCell>
            <TableCell className={styles.value}>{s.value}</TableCell>
            <TableCell>
              <ManagedBadge managed={s.managed} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function PolicyPanel() {
  const styles = useStyles();
  const policy = useAirlockQuery(() => window.airlock.policy.show());
  return (
    <section className={styles.section} aria-labelledby="policy-heading" data-policy>
      <Subtitle1 as="h2" id="policy-heading">
        Policy
      </Subtitle1>
      <Body1>Your organization’s rules for Airlock on this machine. They are set by an administrator and cannot be changed here.</Body1>
      {policy.status === 'loading' ? <Spinner size="tiny" label="Loading…" /> : null}
      {policy.status === 'error' ? <ErrorPanel error={policy.error.toShape()} onRetry={policy.reload} /> : null}
      {policy.status === 'ready' ? (
        <>
          <PolicyFacts policy={policy.value} />
          <PolicySettings policy={policy.value} />
          {policy.value.documentText !== null ? (
            <Accordion collapsible>
              <AccordionItem value="document">
                <AccordionHeader>Policy document</AccordionHeader>
                <AccordionPanel>
                  <pre className={styles.document} tabIndex={0} aria-label="Policy document" data-policy-document>
                    {policy.value.documentText}
                  </pre>
                </AccordionPanel>
              </AccordionItem>
            </Accordion>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
