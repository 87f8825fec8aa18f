// The models of one workspace as Azure ML studio lists them — name (with its description), latest version, type
// or framework, stage, tags, created, modified — in the virtualized grid, so a 10k-model workspace paints like a
// ten-model one: a search field, how many rows it leaves, sortable column headers; arrows select, Enter (or a
// click) opens the model's detail view (its versions, whole descriptions and tags). Rows are one line high, so a
// description or a tag list is cut with an ellipsis here. Every string from ARM goes through InertText.
import { makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { ModelSummary } from '../../../shared/contract/schemas/workspace';
import { displayText } from '../../components/inert-text';
import { InertText } from '../../components/InertText';
import { TableSearchBar } from '../../components/TableSearchBar';
import { useTableView } from '../../components/use-table-view';
import { gridHeight, VirtualTable, type Column } from '../../components/VirtualTable';
import { StageBadge } from './StageBadge';
import { dayText } from '../../components/time-text';
import { modelTypeLabel, tagsLine } from './model-display';
import { MODEL_SORT, modelSearchKey } from './model-search';

/** Tags shown before "+n": enough for the usual team/owner/metric, short enough for one line. */
const TAGS_SHOWN = 3;
/** A tooltip holds a readable amount, not a 20k-character description. */
const TITLE_MAX = 600;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minHeight: 0 },
  count: { color: tokens.colorNeutralForeground2, paddingBottom: tokens.spacingVerticalXS },
  // The grid needs a bounded height to virtualize; the page around it grows with its content, so the area
  // bounds itself (style below: as tall as its rows, at most what the window has room for).
  tableArea: { display: 'flex', flexDirection: 'column', minHeight: 0 },
  name: { fontWeight: tokens.fontWeightSemibold },
  description: { color: tokens.colorNeutralForeground3, marginLeft: tokens.spacingHorizontalS },
  badge: { maxWidth: '100%', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
});

/** A tooltip for a one-line cell: the cleaned text, bounded; undefined when there is nothing to show. */
function titleOf(value: unknown): string | undefined {
  const shown = displayText(value, TITLE_MAX);
  return shown.empty ? undefined : shown.text;
}

function When(props: { iso: string | null }) {
  const text = dayText(props.iso);
  return text && props.iso ? <time dateTime={props.iso}>{text}</time> : <span>—</span>;
}

function useModelColumns(): readonly Column<ModelSummary>[] {
  const { name, description, badge } = useStyles();
  // Minimum widths that fit all seven columns beside the workspace list in a 1280px window; the rest is shared.
  // One array per theme (class names), so the table's sort is not recomputed on every render.
  return useMemo<readonly Column<ModelSummary>[]>(() => [
    {
      id: 'name',
      header: 'Name',
      width: 'minmax(150px, 2.4fr)',
      sortValue: MODEL_SORT['name'],
      render: (m) => (
        <span title={titleOf(m.description)}>
          <InertText value={m.name} max={120} className={name} />
          {m.description ? <InertText value={m.description} max={200} className={description} /> : null}
        </span>
      ),
    },
    { id: 'version', header: 'Version', width: '56px', sortValue: MODEL_SORT['version'], render: (m) => <InertText value={m.latestVersion} max={32} /> },
    { id: 'type', header: 'Type', width: 'minmax(90px, 1fr)', sortValue: MODEL_SORT['type'], render: (m) => <InertText value={modelTypeLabel(m)} max={64} /> },
    {
      id: 'stage',
      header: 'Stage',
      width: 'minmax(90px, 0.8fr)',
      sortValue: MODEL_SORT['stage'],
      render: (m) =>
        m.stage ? (
          <StageBadge stage={m.stage} className={badge} />
        ) : (
          '—'
        ),
    },
    {
      id: 'tags',
      header: 'Tags',
      width: 'minmax(96px, 1.4fr)',
      render: (m) => (
        <span title={titleOf(tagsLine(m.tags, m.tags.length))}>
          <InertText value={tagsLine(m.tags, TAGS_SHOWN)} max={160} />
        </span>
      ),
    },
    { id: 'created', header: 'Created', width: '92px', sortValue: MODEL_SORT['created'], render: (m) => <When iso={m.createdAt} /> },
    { id: 'modified', header: 'Modified', width: '92px', sortValue: MODEL_SORT['modified'], render: (m) => <When iso={m.modifiedAt} /> },
  ], [name, description, badge]);
}

export function ModelsTable(props: {
  label: string;
  models: readonly ModelSummary[];
  onOpen?: (model: ModelSummary) => void;
  /** When this changes to a model's name, that model is selected and the grid takes focus (back from its detail view). */
  focusKey?: string | null;
}) {
  const styles = useStyles();
  const columns = useModelColumns();
  // The order Azure gave (the service sorts names) until a header is clicked.
  const view = useTableView(props.models, columns, modelSearchKey, null);
  const [selected, setSelected] = useState<string | null>(null);
  const total = props.models.length;
  // A short list gets a short table, a long one the window's height less the page around it.
  const rowsHeight = gridHeight(view.shown.length);
  return (
    <div className={styles.root}>
      <TableSearchBar label="Search models" placeholder="Name, type, stage, tag…" query={view.query} onQuery={view.setQuery} shown={view.shown.length} total={total} noun={['model', 'models']} name="model" />
      {view.shown.length === 0 ? (
        <span className={styles.count} data-model-nomatch>
          No model matches this search.
        </span>
      ) : (
        <div className={styles.tableArea} style={{ height: `min(${rowsHeight}px, max(240px, calc(100vh - 260px)))` }}>
          <VirtualTable
            label={props.label}
            rows={view.shown}
            columns={columns}
            rowKey={(m) => m.name}
            sort={view.sort}
            onSort={view.onSort}
            selectedKey={selected}
            onSelect={(m) => setSelected(m.name)}
            onOpen={props.onOpen}
            rowData={(m) => ({ 'data-model': m.name })}
            focusKey={props.focusKey}
          />
        </div>
      )}
    </div>
  );
}
