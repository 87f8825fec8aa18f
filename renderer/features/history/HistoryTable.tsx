// The history list: when, sent to, answered by, status, total time, sizes, and whether it is picked for
// comparing. Virtualized and keyboard-driven like every Airlock table (VirtualTable): arrows select, Enter views.
import { Badge } from '@fluentui/react-components';
import { useMemo } from 'react';
import type { HistoryEntrySummary } from '../../../shared/contract/schemas/history';
import { InertText } from '../../components/InertText';
import { searchKey } from '../../components/inert-text';
import { useTableView } from '../../components/use-table-view';
import { gridHeight, VirtualTable, type Column } from '../../components/VirtualTable';
import { formatBytes } from '../invoke/payload-size';
import { msText } from '../invoke/response-display';
import { zoneText } from '../../components/time-text';
import { statusWords, targetWords, whenText } from './history-display';

const VISIBLE_ROWS = 8;
const entryKey = (e: HistoryEntrySummary) => searchKey(e.deploymentName, e.answeredBy, e.status, e.failureTitle);

export function HistoryTable(props: { label: string; entries: readonly HistoryEntrySummary[]; selected: string | null; compare: readonly string[]; onSelect: (e: HistoryEntrySummary) => void; onOpen: (e: HistoryEntrySummary) => void }) {
  const { compare } = props;
  const columns = useMemo<readonly Column<HistoryEntrySummary>[]>(
    () => [
      { id: 'at', header: `Sent at (${zoneText()})`, width: '150px', sortValue: (e) => e.at, render: (e) => whenText(e.at) },
      { id: 'target', header: 'Sent to', width: 'minmax(110px, 1fr)', sortValue: (e) => e.deploymentName ?? '', render: (e) => <InertText value={targetWords(e.deploymentName)} max={48} /> },
      { id: 'answeredBy', header: 'Answered by', width: 'minmax(90px, 0.7fr)', sortValue: (e) => e.answeredBy, render: (e) => <InertText value={e.answeredBy} max={40} /> },
      {
        id: 'status',
        header: 'Status',
        width: 'minmax(150px, 1.2fr)',
        sortValue: (e) => e.status,
        render: (e) => (
          <Badge appearance="tint" color={e.ok ? 'success' : 'danger'}>
            <InertText value={statusWords(e)} max={40} />
          </Badge>
        ),
      },
      { id: 'totalMs', header: 'Time', width: '80px', sortValue: (e) => e.totalMs, render: (e) => msText(e.totalMs) },
      { id: 'requestBytes', header: 'Sent', width: '72px', sortValue: (e) => e.requestBytes, render: (e) => formatBytes(e.requestBytes) },
      { id: 'responseBytes', header: 'Received', width: '80px', sortValue: (e) => e.responseBytes, render: (e) => formatBytes(e.responseBytes) },
      { id: 'compare', header: 'Compare', width: '72px', render: (e) => (compare.indexOf(e.id) === 0 ? 'A' : compare.indexOf(e.id) === 1 ? 'B' : '') },
    ],
    [compare],
  );
  const view = useTableView(props.entries, columns, entryKey, null);
  const height = gridHeight(Math.min(VISIBLE_ROWS, Math.max(1, view.shown.length)));
  return (
    <VirtualTable
      label={props.label}
      rows={view.shown}
      columns={columns}
      rowKey={(e) => e.id}
      sort={view.sort}
      onSort={view.onSort}
      selectedKey={props.selected}
      onSelect={props.onSelect}
      onOpen={props.onOpen}
      height={height}
      rowData={(e) => ({ 'data-history-entry': e.id })}
    />
  );
}
