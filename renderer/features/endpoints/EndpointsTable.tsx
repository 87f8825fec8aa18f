// The online endpoints of one workspace: a search field, how many rows it leaves, and the virtualized table
// (name, auth mode, scoring host, public network access, traffic split, provisioning state). Arrow keys select,
// Enter (or a click) opens the endpoint. Every string from ARM goes through InertText.
import { Badge, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, type ReactNode } from 'react';
import type { EndpointSummary } from '../../../shared/contract/schemas/endpoint';
import { InertText } from '../../components/InertText';
import { TableSearchBar } from '../../components/TableSearchBar';
import { useTableView } from '../../components/use-table-view';
import { gridHeight, VirtualTable, type Column } from '../../components/VirtualTable';
import { authModeLabel, ENDPOINT_SORT, endpointSearchKey, provisioningTone, publicAccessLabel, trafficLabel } from './endpoint-display';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, flex: 1, minHeight: 0 },
  tableArea: { display: 'flex', flexDirection: 'column', flex: '0 1 auto', minHeight: 0 },
  count: { color: tokens.colorNeutralForeground2, paddingBottom: tokens.spacingVerticalXS },
  name: { fontWeight: tokens.fontWeightSemibold },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  badge: { maxWidth: '100%', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
});

export function useEndpointColumns(): readonly Column<EndpointSummary>[] {
  const styles = useStyles();
  const { name, mono, badge } = styles;
  // One array per theme (class names), so the table's sort is not recomputed on every render.
  return useMemo<readonly Column<EndpointSummary>[]>(() => [
    { id: 'name', header: 'Name', width: 'minmax(140px, 1.4fr)', sortValue: ENDPOINT_SORT['name'], render: (e) => <InertText value={e.name} max={64} className={name} /> },
    { id: 'authMode', header: 'Auth mode', width: 'minmax(150px, 1fr)', sortValue: ENDPOINT_SORT['authMode'], render: (e) => authModeLabel(e.authMode) },
    {
      id: 'scoringHost',
      header: 'Scoring host',
      width: 'minmax(160px, 2fr)',
      sortValue: ENDPOINT_SORT['scoringHost'],
      render: (e) => <InertText value={e.scoringHost} max={120} className={mono} empty="None" />,
    },
    { id: 'publicNetworkAccess', header: 'Public access', width: 'minmax(100px, 0.8fr)', sortValue: ENDPOINT_SORT['publicNetworkAccess'], render: (e) => publicAccessLabel(e.publicNetworkAccess) },
    { id: 'traffic', header: 'Traffic', width: 'minmax(120px, 1.2fr)', sortValue: ENDPOINT_SORT['traffic'], render: (e) => <InertText value={trafficLabel(e.traffic)} max={80} /> },
    {
      id: 'provisioningState',
      header: 'State',
      width: 'minmax(90px, 0.8fr)',
      sortValue: ENDPOINT_SORT['provisioningState'],
      render: (e) => (
        <Badge appearance="tint" color={provisioningTone(e.provisioningState)} className={badge}>
          <InertText value={e.provisioningState} max={32} />
        </Badge>
      ),
    },
  ], [name, mono, badge]);
}

export function EndpointsTable(props: {
  label: string;
  endpoints: readonly EndpointSummary[];
  selected: string | null;
  onSelect: (endpoint: EndpointSummary) => void;
  onOpen: (endpoint: EndpointSummary) => void;
  /** Buttons at the toolbar's end (Refresh). */
  actions?: ReactNode;
}) {
  const styles = useStyles();
  const columns = useEndpointColumns();
  const view = useTableView(props.endpoints, columns, endpointSearchKey, { column: 'name', direction: 'ascending' });
  const total = props.endpoints.length;
  return (
    <div className={styles.root}>
      <TableSearchBar
        label="Search endpoints"
        placeholder="Name, auth mode, host, state…"
        query={view.query}
        onQuery={view.setQuery}
        shown={view.shown.length}
        total={total}
        noun={['endpoint', 'endpoints']}
        name="endpoint"
        actions={props.actions}
      />
      {view.shown.length === 0 ? (
        <span className={styles.count} data-endpoint-nomatch>
          No endpoint matches this search.
        </span>
      ) : (
        // As tall as its rows, at most the room left: a short list does not draw an empty bordered box down to the status bar.
        <div className={styles.tableArea} style={{ maxHeight: `${gridHeight(view.shown.length)}px` }}>
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
            rowData={(e) => ({ 'data-endpoint': e.name })}
          />
        </div>
      )}
    </div>
  );
}
