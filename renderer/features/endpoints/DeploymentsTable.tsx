// An endpoint's deployments: state, SKU, instance type, instance count, traffic share and model, sortable and
// keyboard-driven like the endpoints table. Selecting one points the log tail at it.
import { Badge, makeStyles } from '@fluentui/react-components';
import { useMemo } from 'react';
import type { DeploymentSummary } from '../../../shared/contract/schemas/endpoint';
import { InertText } from '../../components/InertText';
import { useTableView } from '../../components/use-table-view';
import { gridHeight, VirtualTable, type Column } from '../../components/VirtualTable';
import { countLabel, DEPLOYMENT_SORT, provisioningTone } from './endpoint-display';
import { searchKey } from '../../components/inert-text';

const useStyles = makeStyles({
  name: { fontWeight: 600 },
  badge: { maxWidth: '100%', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
});

/** Rows shown before the table scrolls: an endpoint has a handful of deployments; 64 at most. */
const VISIBLE_ROWS = 6;

const deploymentKey = (d: DeploymentSummary) => searchKey(d.name);

export function DeploymentsTable(props: { label: string; deployments: readonly DeploymentSummary[]; selected: string | null; onSelect: (d: DeploymentSummary) => void }) {
  const { name, badge } = useStyles();
  const columns = useMemo<readonly Column<DeploymentSummary>[]>(
    () => [
      { id: 'name', header: 'Deployment', width: 'minmax(120px, 1.2fr)', sortValue: DEPLOYMENT_SORT['name'], render: (d) => <InertText value={d.name} max={64} className={name} /> },
      {
        id: 'provisioningState',
        header: 'State',
        width: 'minmax(90px, 0.8fr)',
        sortValue: DEPLOYMENT_SORT['provisioningState'],
        render: (d) => (
          <Badge appearance="tint" color={provisioningTone(d.provisioningState)} className={badge}>
            <InertText value={d.provisioningState} max={32} />
          </Badge>
        ),
      },
      { id: 'sku', header: 'SKU', width: 'minmax(80px, 0.8fr)', sortValue: DEPLOYMENT_SORT['sku'], render: (d) => <InertText value={d.sku} max={64} /> },
      { id: 'instanceType', header: 'Instance type', width: 'minmax(120px, 1fr)', sortValue: DEPLOYMENT_SORT['instanceType'], render: (d) => <InertText value={d.instanceType} max={64} /> },
      { id: 'instanceCount', header: 'Instances', width: '80px', sortValue: DEPLOYMENT_SORT['instanceCount'], render: (d) => countLabel(d.instanceCount) },
      { id: 'trafficPercent', header: 'Traffic', width: '70px', sortValue: DEPLOYMENT_SORT['trafficPercent'], render: (d) => (typeof d.trafficPercent === 'number' ? `${d.trafficPercent}%` : '—') },
      { id: 'model', header: 'Model', width: 'minmax(120px, 1.2fr)', render: (d) => <InertText value={d.model} max={80} /> },
    ],
    [name, badge],
  );
  const view = useTableView(props.deployments, columns, deploymentKey, { column: 'trafficPercent', direction: 'descending' });
  // Rows, the sticky header and the frame's borders: no scrollbar until there are more than VISIBLE_ROWS.
  const height = gridHeight(Math.min(VISIBLE_ROWS, Math.max(1, view.shown.length)));
  return (
    <VirtualTable
      label={props.label}
      rows={view.shown}
      columns={columns}
      rowKey={(d) => d.name}
      sort={view.sort}
      onSort={view.onSort}
      selectedKey={props.selected}
      onSelect={props.onSelect}
      height={height}
      rowData={(d) => ({ 'data-deployment': d.name })}
    />
  );
}
