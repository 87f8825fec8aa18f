// The models of one workspace as Azure ML studio lists them: name (with its description, shortened), latest
// version, type or framework, stage, tags, created and modified; searchable, sortable by its column headers,
// and a model's name opens its detail view (versions). Everything from ARM is React text — a hostile model name
// or tag stays characters on screen. Not virtualized: ARM's model list is bounded at 500 by the contract.
import { Badge, Button, Caption1, Field, Input, Link, makeStyles, mergeClasses, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens } from '@fluentui/react-components';
import { SearchRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { ModelSummary } from '../../../shared/contract/schemas/workspace';
import { cleanLine } from '../../components/inert-text';
import { ShowMore } from '../../components/ShowMore';
import { filterRows, nextSort, sortRows, type SortState } from '../../components/table-model';
import { displayDate, modelTypeLabel, stageColor } from './model-display';
import { MODEL_SORT, modelSearchKey } from './model-search';

/** Tags shown before "n more tags": enough for the usual team/owner/metric, short enough for a cell. */
const TAGS_SHOWN = 3;

const useStyles = makeStyles({
  // Fluent's table shares the width equally (fixed layout); model names and tags need their own widths.
  table: { tableLayout: 'auto' },
  nameColumn: { width: '30%' },
  name: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, paddingBlock: tokens.spacingVerticalXS, minWidth: '160px' },
  title: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  description: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  tags: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXXS, paddingBlock: tokens.spacingVerticalXS },
  stage: { maxWidth: '110px' },
  tag: { maxWidth: '150px', minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', display: 'inline-block', lineHeight: '18px' },
  narrow: { width: '72px' },
  date: { whiteSpace: 'nowrap' },
  toolbar: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', marginBottom: tokens.spacingVerticalS },
  count: { color: tokens.colorNeutralForeground2, paddingBottom: tokens.spacingVerticalXS },
  open: { textAlign: 'start', overflowWrap: 'anywhere' },
});

/** The sortable columns, by header (the header's words are also the sort key's name in MODEL_SORT). */
const SORT_COLUMNS: ReadonlyArray<readonly [string, string]> = [
  ['Name', 'name'],
  ['Version', 'version'],
  ['Type', 'type'],
  ['Stage', 'stage'],
  ['Tags', ''],
  ['Created', 'created'],
  ['Modified', 'modified'],
];

function Tags(props: { tags: ModelSummary['tags'] }) {
  const styles = useStyles();
  const [all, setAll] = useState(false);
  const shown = all ? props.tags : props.tags.slice(0, TAGS_SHOWN);
  const hidden = props.tags.length - shown.length;
  if (props.tags.length === 0) return <span>—</span>;
  return (
    <span className={styles.tags}>
      {shown.map((t) => (
        <Badge key={t.key} className={styles.tag} appearance="tint" color="informative" shape="rounded">
          {`${t.key}: ${t.value}`}
        </Badge>
      ))}
      {hidden > 0 ? (
        <Button appearance="transparent" size="small" onClick={() => setAll(true)}>
          {`${hidden} more tags`}
        </Button>
      ) : null}
    </span>
  );
}

function When(props: { iso: string | null }) {
  const styles = useStyles();
  const text = displayDate(props.iso);
  return text && props.iso ? (
    <time className={styles.date} dateTime={props.iso}>
      {text}
    </time>
  ) : (
    <span>—</span>
  );
}

export function ModelsTable(props: { label: string; models: readonly ModelSummary[]; onOpen?: (model: ModelSummary) => void }) {
  const styles = useStyles();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<SortState | null>(null);
  const filtered = filterRows(props.models, modelSearchKey, query);
  const sortBy = sort ? MODEL_SORT[sort.column] : undefined;
  const shown = sort && sortBy ? sortRows(filtered, sortBy, sort.direction) : filtered;
  return (
    <>
    <div className={styles.toolbar}>
      <Field label="Search models">
        <Input type="search" contentBefore={<SearchRegular />} value={query} onChange={(_e, d) => setQuery(d.value)} placeholder="Name, type, stage, tag…" data-model-search />
      </Field>
      <span className={styles.count} role="status" aria-live="polite">
        {shown.length === props.models.length ? `${props.models.length} models` : `${shown.length} of ${props.models.length} models`}
      </span>
    </div>
    <Table className={styles.table} aria-label={props.label} size="small" sortable data-models>
      <TableHeader>
        <TableRow>
          {SORT_COLUMNS.map(([header, column]) => (
            <TableHeaderCell
              key={header}
              className={header === 'Name' ? styles.nameColumn : header === 'Version' ? styles.narrow : undefined}
              sortable={column !== ''}
              sortDirection={sort?.column === column ? sort.direction : undefined}
              onClick={column ? () => setSort((s) => nextSort(s, column)) : undefined}
            >
              {header}
            </TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {shown.map((m) => (
          <TableRow key={m.name} data-model={m.name}>
            <TableCell>
              <span className={styles.name}>
                {props.onOpen ? (
                  <Link as="button" className={mergeClasses(styles.title, styles.open)} onClick={() => props.onOpen?.(m)}
                    data-open-model>
                    <bdi>{cleanLine(m.name)}</bdi>
                  </Link>
                ) : (
                  <bdi className={styles.title}>{cleanLine(m.name)}</bdi>
                )}
                {m.description ? (
                  <Caption1 className={styles.description}>
                    <ShowMore text={m.description} label="description" />
                  </Caption1>
                ) : null}
              </span>
            </TableCell>
            <TableCell>{m.latestVersion ?? '—'}</TableCell>
            <TableCell>{modelTypeLabel(m)}</TableCell>
            <TableCell>
              {m.stage ? (
                <Badge appearance="outline" color={stageColor(m.stage)} className={mergeClasses(styles.tag, styles.stage)}>
                  {m.stage}
                </Badge>
              ) : (
                '—'
              )}
            </TableCell>
            <TableCell>
              <Tags tags={m.tags} />
            </TableCell>
            <TableCell>
              <When iso={m.createdAt} />
            </TableCell>
            <TableCell>
              <When iso={m.modifiedAt} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
    </>
  );
}
