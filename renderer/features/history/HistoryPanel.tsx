// The endpoint's history in the Test section: its recent invocations (newest first, from history.list), and for
// the selected one View (request and response as they were), Re-run (the same request sent again), Delete; pick
// two for Compare. Every action is a button (the table itself: arrows select, Enter views). When new invocations
// are not kept, the reason is said plainly — never an empty list that looks like "nothing sent yet".
import { Button, Caption1, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Subtitle2, tokens } from '@fluentui/react-components';
import { ArrowClockwiseRegular, DeleteRegular, DocumentSearchRegular, SplitVerticalRegular } from '@fluentui/react-icons';
import { useCallback, useRef, useState } from 'react';
import type { HistoryEntrySummary } from '../../../shared/contract/schemas/history';
import { cleanLine } from '../../components/inert-text';
import { ErrorPanel } from '../../components/ErrorPanel';
import { asAirlockError, unwrap } from '../../ipc/airlock-client';
import { useStepUp } from '../session/step-up';
import { CompareView } from './CompareView';
import { HistoryEntryDetails } from './HistoryEntryDetails';
import { whenText } from './history-display';
import { HistoryTable } from './HistoryTable';
import { RerunView } from './RerunView';
import { useHistoryList } from './use-history-list';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
  caption: { color: tokens.colorNeutralForeground2 },
  title: { margin: 0 },
});

type Detail = { kind: 'view'; id: string } | { kind: 'rerun'; id: string; run: number } | { kind: 'compare'; ids: [string, string] } | null;

export function HistoryPanel(props: { workspaceId: string; endpointName: string; refreshKey: unknown }) {
  const styles = useStyles();
  const withStepUp = useStepUp();
  const [saved, setSaved] = useState<string | null>(null);
  const { state, loadOlder, forget, reload } = useHistoryList(props.workspaceId, props.endpointName, `${String(props.refreshKey)}|${saved ?? ''}`);
  const [selected, setSelected] = useState<string | null>(null);
  const [compare, setCompare] = useState<string[]>([]);
  const [detail, setDetail] = useState<Detail>(null);
  const [notice, setNotice] = useState('');
  const [deleteError, setDeleteError] = useState<ReturnType<typeof asAirlockError> | null>(null);
  const runs = useRef(0);
  const tableBox = useRef<HTMLDivElement>(null);
  const name = cleanLine(props.endpointName);

  const entries = state.status === 'ready' ? state.entries : [];
  const chosen = entries.find((e) => e.id === selected) ?? null;
  const onSaved = useCallback((id: string) => setSaved(id), []);

  const view = (e: HistoryEntrySummary) => setDetail({ kind: 'view', id: e.id });
  const rerun = (e: HistoryEntrySummary) => setDetail({ kind: 'rerun', id: e.id, run: ++runs.current });
  const toggleCompare = (e: HistoryEntrySummary) => {
    setCompare((c) => (c.includes(e.id) ? c.filter((id) => id !== e.id) : [...c, e.id].slice(-2)));
  };
  const remove = (e: HistoryEntrySummary) => {
    setDeleteError(null);
    unwrap(withStepUp(() => window.airlock.history.remove({ id: e.id }))).then(
      () => {
        forget(e.id);
        setSelected(null);
        setCompare((c) => c.filter((id) => id !== e.id));
        setDetail((d) => (d === null || (d.kind === 'compare' ? d.ids.includes(e.id) : d.id === e.id) ? null : d));
        setNotice(`Deleted the entry sent at ${whenText(e.at)}.`);
        // The focused button is now disabled: give focus back to the list.
        tableBox.current?.querySelector<HTMLElement>('[role="grid"]')?.focus();
      },
      (thrown: unknown) => setDeleteError(asAirlockError(thrown)),
    );
  };

  return (
    <section className={styles.root} aria-labelledby="endpoint-history" data-history-panel={props.endpointName}>
      <div className={styles.row}>
        <Subtitle2 as="h4" id="endpoint-history" className={styles.title}>
          History
        </Subtitle2>
        <Button appearance="subtle" icon={<ArrowClockwiseRegular />} onClick={reload} aria-label={`Refresh the history of ${name}`} data-history-refresh>
          Refresh
        </Button>
      </div>
      {state.status === 'loading' ? <Spinner size="tiny" label="Reading the history…" /> : null}
      {state.status === 'error' ? <ErrorPanel error={state.error} onRetry={reload} /> : null}
      {state.status === 'ready' && !state.meta.keeping ? (
        <MessageBar intent="warning" layout="multiline" data-history-not-kept>
          <MessageBarBody>
            <MessageBarTitle>New requests are not kept in history</MessageBarTitle>
            {cleanLine(state.meta.notKeptReason ?? 'Airlock did not say why.')}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {state.status === 'ready' && state.meta.keeping && entries.length === 0 ? (
        <div data-history-empty>{`Nothing sent to ${name} is in the history yet. Each request you send is kept here for ${state.meta.retentionDays} ${state.meta.retentionDays === 1 ? 'day' : 'days'}.`}</div>
      ) : null}
      {entries.length > 0 ? (
        <>
          <Caption1 className={styles.caption}>
            {`${entries.length} ${entries.length === 1 ? 'request' : 'requests'}, newest first${state.status === 'ready' && state.meta.keeping ? `; kept for ${state.meta.retentionDays} ${state.meta.retentionDays === 1 ? 'day' : 'days'}` : ''}. Arrow keys select, Enter views; the buttons below act on the selected one.`}
          </Caption1>
          <div ref={tableBox}>
            <HistoryTable label={`History of ${name}`} entries={entries} selected={selected} compare={compare} onSelect={(e) => setSelected(e.id)} onOpen={view} />
          </div>
          <div className={styles.row} role="group" aria-label="History entry actions">
            <Button icon={<DocumentSearchRegular />} disabled={!chosen} onClick={() => chosen && view(chosen)} data-history-action="view">
              View
            </Button>
            <Button icon={<ArrowClockwiseRegular />} disabled={!chosen} onClick={() => chosen && rerun(chosen)} data-history-action="rerun">
              Re-run
            </Button>
            <Button icon={<DeleteRegular />} disabled={!chosen} onClick={() => chosen && remove(chosen)} data-history-action="delete">
              Delete
            </Button>
            <Button disabled={!chosen} onClick={() => chosen && toggleCompare(chosen)} aria-pressed={chosen ? compare.includes(chosen.id) : false} data-history-action="pick">
              {chosen && compare.includes(chosen.id) ? 'Remove from compare' : `Pick for compare (${compare.length} of 2)`}
            </Button>
            <Button icon={<SplitVerticalRegular />} disabled={compare.length !== 2} onClick={() => setDetail({ kind: 'compare', ids: [compare[0]!, compare[1]!] })} data-history-action="compare">
              Compare A and B
            </Button>
            {state.status === 'ready' && state.meta.nextBefore !== null ? (
              <Button appearance="subtle" onClick={loadOlder} disabled={state.loadingOlder} data-history-older>
                {state.loadingOlder ? 'Reading older requests…' : 'Show older requests'}
              </Button>
            ) : null}
          </div>
        </>
      ) : null}
      <div role="status" data-history-notice>
        {notice}
      </div>
      {deleteError ? <ErrorPanel error={deleteError} /> : null}
      {detail?.kind === 'view' ? <HistoryEntryDetails key={detail.id} id={detail.id} /> : null}
      {detail?.kind === 'rerun' ? <RerunView key={`${detail.id}#${detail.run}`} id={detail.id} onSaved={onSaved} /> : null}
      {detail?.kind === 'compare' ? <CompareView key={detail.ids.join(' ')} ids={detail.ids} /> : null}
    </section>
  );
}
