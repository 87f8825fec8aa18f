// A finished run (completed, cancelled or stopped): how it ended in words, the percentiles table, error rate,
// throughput, status counts, the two charts, and Export CSV (main writes the file where the user chooses and
// answers with the path, shown here). The report's numbers are main's; nothing is recomputed here.
import { Button, makeStyles, MessageBar, MessageBarBody, tokens } from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import { useEffect, useRef, useState } from 'react';
import type { TestRunReport } from '../../../shared/contract/schemas/test-run';
import type { AirlockError } from '../../../shared/errors/airlock-error';
import { ErrorPanel } from '../../components/ErrorPanel';
import { InertText } from '../../components/InertText';
import { asAirlockError, unwrap } from '../../ipc/airlock-client';
import { LatencyCharts } from './LatencyCharts';
import { endWords, errorRateWords, percentileRows, statusRows, throughputWords } from './report-display';
import { count } from './run-state';
import type { ExportView as TestRunExportView } from './test-run-types';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold, ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' } },
  tables: { display: 'flex', gap: tokens.spacingHorizontalXXL, flexWrap: 'wrap', alignItems: 'flex-start' },
  table: {
    borderCollapse: 'collapse',
    fontVariantNumeric: 'tabular-nums',
    '& caption': { textAlign: 'left', fontWeight: tokens.fontWeightSemibold, paddingBottom: tokens.spacingVerticalXS },
    '& th, & td': { textAlign: 'right', padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalM}`, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
    '& th[scope="row"]': { textAlign: 'left', fontWeight: tokens.fontWeightRegular },
  },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
  path: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere' },
});

type Exported = { kind: 'busy' } | { kind: 'done'; view: TestRunExportView } | { kind: 'error'; error: AirlockError } | null;

export function RunReport(props: { report: TestRunReport }) {
  const styles = useStyles();
  const r = props.report;
  const heading = useRef<HTMLHeadingElement>(null);
  const [exported, setExported] = useState<Exported>(null);
  // Cancel (or Start, via the progress view) had the focus and is gone: the report's heading takes it.
  useEffect(() => heading.current?.focus(), []);

  const exportCsv = () => {
    setExported({ kind: 'busy' });
    unwrap(window.airlock.testRun.export({ workspaceId: r.workspaceId, endpointName: r.endpointName, runId: r.runId })).then(
      (view) => setExported({ kind: 'done', view }),
      (thrown: unknown) => setExported({ kind: 'error', error: asAirlockError(thrown) }),
    );
  };

  return (
    <section className={styles.root} aria-labelledby="test-run-report" data-test-run-report={r.state}>
      <h4 id="test-run-report" className={styles.heading} ref={heading} tabIndex={-1}>
        Load test report
      </h4>
      <MessageBar intent={r.state === 'completed' ? 'success' : r.state === 'cancelled' ? 'info' : 'warning'} layout="multiline" data-test-run-end={r.state}>
        <MessageBarBody>
          <InertText value={endWords(r)} max={800} />
        </MessageBarBody>
      </MessageBar>
      <div className={styles.tables}>
        <table className={styles.table} data-test-run-table="summary">
          <caption>Summary</caption>
          <tbody>
            {(
              [
                ['Sent', count(r.sent), 'sent'],
                ['Answered (2xx)', count(r.succeeded), 'succeeded'],
                ['Error rate', errorRateWords(r), 'errorRate'],
                ['Throughput', throughputWords(r.throughput), 'throughput'],
              ] as const
            ).map(([label, value, name]) => (
              <tr key={name}>
                <th scope="row">{label}</th>
                <td data-test-run-fact={name}>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className={styles.table} data-test-run-table="percentiles">
          <caption>Latency</caption>
          <tbody>
            {percentileRows(r).map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                <td data-test-run-percentile={row.key}>{row.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className={styles.table} data-test-run-table="status">
          <caption>Answers by status</caption>
          <tbody>
            {statusRows(r).map((row) => (
              <tr key={row.status}>
                <th scope="row">{row.label}</th>
                <td data-test-run-status={row.status}>{count(row.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <LatencyCharts samples={r.samples} />
      <div className={styles.row}>
        <Button icon={<ArrowDownloadRegular />} onClick={exportCsv} disabled={exported?.kind === 'busy'} data-test-run-export>
          Export CSV…
        </Button>
        <span role="status" data-test-run-exported={exported?.kind === 'done' ? 'done' : undefined}>
          {exported?.kind === 'busy' ? 'Waiting for the file to be written…' : null}
          {exported?.kind === 'done' ? (
            <>
              {`Saved ${count(exported.view.rows)} rows to `}
              <span className={styles.path} data-test-run-export-path>
                <InertText value={exported.view.path} max={4096} />
              </span>
            </>
          ) : null}
        </span>
      </div>
      {exported?.kind === 'error' ? <ErrorPanel error={exported.error} onRetry={exportCsv} /> : null}
    </section>
  );
}
