// Audit: the local audit trail — its state, anomaly hints, filters, a virtualized list of records with a detail
// pane, Verify and Export. Everything comes through window.airlock (audit.*); errors are typed and shown by
// ErrorPanel. "No records match" is said only when a query truly answered empty — never while loading or
// after a failure.
import { Body1, Button, makeStyles, Spinner, Subtitle1, tokens } from '@fluentui/react-components';
import { ArrowDownRegular, ArrowUpRegular, DismissRegular, FilterDismissRegular } from '@fluentui/react-icons';
import { useCallback, useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorPanel } from '../../components/ErrorPanel';
import { useAirlockQuery } from '../../ipc/use-airlock-query';
import { AnomalyHints } from './AnomalyHints';
import { AuditDetail } from './AuditDetail';
import { EMPTY_FORM, isFiltered, type FilterForm } from './audit-filter';
import { AuditFilters } from './AuditFilters';
import { AuditList } from './AuditList';
import type { AuditRecordView } from './audit-types';
import { ExportControls, ExportOutcome, useExport } from './ExportPanel';
import { TrailStatus } from './TrailStatus';
import { useAuditRecords } from './use-audit-records';
import { useDebouncedFilter } from './use-debounced-filter';
import { useVerify } from './use-verify';
import { VerifyButton, VerifyStatus } from './VerifyPanel';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}`, flex: 1, minHeight: 0 },
  heading: { margin: 0 },
  toolbar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end' },
  spacer: { flex: 1 },
  body: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(260px, 320px)', gap: tokens.spacingHorizontalM, flex: 1, minHeight: '320px' },
  listArea: { display: 'flex', flexDirection: 'column', minHeight: 0, gap: tokens.spacingVerticalS },
});

export function AuditView() {
  const styles = useStyles();
  const status = useAirlockQuery(() => window.airlock.audit.status());
  const anomalies = useAirlockQuery(() => window.airlock.audit.anomalies());
  const [form, setForm] = useState<FilterForm>(EMPTY_FORM);
  const filter = useDebouncedFilter(form);
  const records = useAuditRecords(filter);
  const [selected, setSelected] = useState<AuditRecordView | null>(null);
  const [listFocused, setListFocused] = useState(false);
  const exporter = useExport(filter);
  const { reload: reloadStatus } = status;
  const verify = useVerify(useCallback(() => reloadStatus(), [reloadStatus]));
  const { state } = records;

  return (
    <div className={styles.root}>
      <Subtitle1 as="h2" className={styles.heading}>
        Audit trail
      </Subtitle1>
      {status.status === 'ready' ? <TrailStatus status={status.value} /> : null}
      {status.status === 'error' ? <ErrorPanel error={status.error.toShape()} onRetry={status.reload} /> : null}
      {anomalies.status === 'ready' ? <AnomalyHints hints={anomalies.value.hints} /> : null}
      {anomalies.status === 'error' ? <ErrorPanel error={anomalies.error.toShape()} onRetry={anomalies.reload} /> : null}
      <AuditFilters form={form} onChange={setForm} />
      <div className={styles.toolbar}>
        <VerifyButton verify={verify} />
        <ExportControls exporter={exporter} />
        <span className={styles.spacer} />
        <Button icon={<DismissRegular />} disabled={!isFiltered(filter) && JSON.stringify(form) === JSON.stringify(EMPTY_FORM)} onClick={() => setForm(EMPTY_FORM)}>
          Clear filters
        </Button>
        <Button icon={<ArrowUpRegular />} onClick={() => records.jump('newest')}>
          Newest
        </Button>
        <Button icon={<ArrowDownRegular />} onClick={() => records.jump('oldest')}>
          Oldest
        </Button>
      </div>
      <VerifyStatus verify={verify} />
      <ExportOutcome exporter={exporter} />
      <div className={styles.body}>
        <div className={styles.listArea}>
          {state.status === 'loading' ? <Spinner size="small" label="Loading records…" /> : null}
          {state.status === 'error' ? <ErrorPanel error={state.error.toShape()} onRetry={() => records.jump('newest')} /> : null}
          {state.status === 'ready' && state.window.rows.length === 0 ? (
            isFiltered(filter) ? (
              <EmptyState
                icon={<FilterDismissRegular />}
                title="No records match these filters"
                action={<Button onClick={() => setForm(EMPTY_FORM)}>Clear filters</Button>}
              >
                Change or clear the filters to see more of the trail.
              </EmptyState>
            ) : (
              <EmptyState icon={<FilterDismissRegular />} title="No records yet">
                Airlock records every action here as you use it.
              </EmptyState>
            )
          ) : null}
          {state.status === 'ready' && state.window.rows.length > 0 ? (
            <AuditList
              window={state.window}
              shift={records.shift}
              busy={records.busy}
              selected={selected}
              focused={listFocused}
              onSelect={setSelected}
              onNearOlder={records.loadOlder}
              onNearNewer={records.loadNewer}
              onFocusChange={setListFocused}
            />
          ) : null}
          {records.moreError ? <ErrorPanel error={records.moreError.toShape()} /> : null}
          {state.status === 'ready' && state.window.rows.length > 0 ? (
            <Body1 role="status" aria-live="polite">{`${state.window.rows.length.toLocaleString()} records loaded${state.window.hasOlder || state.window.hasNewer ? '; more load as you scroll' : ''}.`}</Body1>
          ) : null}
        </div>
        <AuditDetail record={selected} />
      </div>
    </div>
  );
}
