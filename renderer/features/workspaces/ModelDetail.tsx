// One model (workspace.modelVersions): its versions newest first — type or framework, stage, tags, created,
// description — in a searchable, sortable, virtualized table; the selected version's whole description, tags
// and path below it. Everything from ARM is inert text (InertText, cleaned ShowMore).
import { Badge, Button, Field, Input, makeStyles, Subtitle1, Subtitle2, tokens } from '@fluentui/react-components';
import { ArrowClockwiseRegular, ArrowLeftRegular, SearchRegular } from '@fluentui/react-icons';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ModelSummary, ModelVersionView } from '../../../shared/contract/schemas/workspace';
import { cleanLine, cleanLines, FULL_TEXT_BOUND, truncate } from '../../components/inert-text';
import { InertText } from '../../components/InertText';
import { ShowMore } from '../../components/ShowMore';
import { useTableView } from '../../components/use-table-view';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { ReadProgress } from '../endpoints/ReadProgress';
import { useCancellableQuery } from '../endpoints/use-cancellable-query';
import { useStepUp } from '../session/step-up';
import { StageBadge } from './StageBadge';
import { dayText } from '../../components/time-text';
import { modelTypeLabel } from './model-display';
import { VERSION_SORT, versionSearchKey } from './model-search';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, flex: 1, minHeight: 0 },
  heading: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  title: { margin: 0, marginRight: 'auto', overflowWrap: 'anywhere' },
  toolbar: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  count: { color: tokens.colorNeutralForeground2, paddingBottom: tokens.spacingVerticalXS },
  tableArea: { display: 'flex', flexDirection: 'column', height: '45vh', minHeight: '220px' },
  badge: { maxWidth: '100%', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  facts: { display: 'grid', gridTemplateColumns: 'max-content minmax(0, 1fr)', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalXS, margin: 0 },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, overflowWrap: 'anywhere', minWidth: 0 },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  tags: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  tag: { maxWidth: '260px', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
});

function tagsText(tags: ModelVersionView['tags']): string {
  return tags.map((t) => `${cleanLine(t.key)}: ${cleanLine(t.value)}`).join(', ');
}

function useVersionColumns(): readonly Column<ModelVersionView>[] {
  const { badge } = useStyles();
  return useMemo(
    () => [
      { id: 'version', header: 'Version', width: '80px', sortValue: VERSION_SORT['version'], render: (v: ModelVersionView) => <InertText value={v.version} max={64} /> },
      { id: 'type', header: 'Type', width: 'minmax(110px, 1fr)', sortValue: VERSION_SORT['type'], render: (v: ModelVersionView) => <InertText value={modelTypeLabel(v)} max={64} /> },
      {
        id: 'stage',
        header: 'Stage',
        width: 'minmax(90px, 0.8fr)',
        sortValue: VERSION_SORT['stage'],
        render: (v: ModelVersionView) =>
          v.stage ? (
            <StageBadge stage={v.stage} className={badge} />
          ) : (
            '—'
          ),
      },
      { id: 'tags', header: 'Tags', width: 'minmax(120px, 1.4fr)', render: (v: ModelVersionView) => <InertText value={tagsText(v.tags)} max={100} /> },
      { id: 'created', header: 'Created', width: '110px', sortValue: VERSION_SORT['created'], render: (v: ModelVersionView) => dayText(v.createdAt) ?? '—' },
      { id: 'description', header: 'Description', width: 'minmax(160px, 2fr)', render: (v: ModelVersionView) => <InertText value={v.description} max={120} /> },
    ],
    [badge],
  );
}

function VersionFacts(props: { version: ModelVersionView }) {
  const styles = useStyles();
  const v = props.version;
  const description = truncate(cleanLines(v.description).trim(), FULL_TEXT_BOUND).text;
  return (
    <dl className={styles.facts} data-version-detail={v.version}>
      <dt className={styles.term}>Type</dt>
      <dd className={styles.value}>{modelTypeLabel(v)}</dd>
      <dt className={styles.term}>Tags</dt>
      <dd className={styles.value}>
        {v.tags.length === 0 ? (
          '—'
        ) : (
          <span className={styles.tags}>
            {v.tags.map((t, i) => (
              <Badge key={i} appearance="tint" color="informative" className={styles.tag}>
                <InertText value={`${cleanLine(t.key)}: ${cleanLine(t.value)}`} max={120} />
              </Badge>
            ))}
          </span>
        )}
      </dd>
      <dt className={styles.term}>Description</dt>
      <dd className={styles.value} data-version-description>
        {description ? (
          <bdi>
            <ShowMore text={description} label="description" limit={240} />
          </bdi>
        ) : (
          '—'
        )}
      </dd>
      <dt className={styles.term}>Path</dt>
      <dd className={`${styles.value} ${styles.mono}`}>
        <InertText value={v.path} max={1024} />
      </dd>
      <dt className={styles.term}>Modified</dt>
      <dd className={styles.value}>{dayText(v.modifiedAt) ?? '—'}</dd>
    </dl>
  );
}

export function ModelDetail(props: { workspaceId: string; model: ModelSummary; onBack: () => void }) {
  const styles = useStyles();
  const [generation, setGeneration] = useState(0);
  const back = useRef<HTMLButtonElement>(null);
  // Keyboard users land on Back, the first thing in the view.
  useEffect(() => back.current?.focus(), []);
  return (
    <div className={styles.root} data-model-detail={props.model.name}>
      <div className={styles.heading}>
        <Button ref={back} icon={<ArrowLeftRegular />} onClick={props.onBack}>
          Back to models
        </Button>
        <Subtitle1 as="h2" className={styles.title}>
          <InertText value={props.model.name} max={120} />
        </Subtitle1>
        <Button icon={<ArrowClockwiseRegular />} onClick={() => setGeneration((g) => g + 1)} aria-label="Refresh versions">
          Refresh
        </Button>
      </div>
      <Versions key={generation} workspaceId={props.workspaceId} model={props.model} />
    </div>
  );
}

function Versions(props: { workspaceId: string; model: ModelSummary }) {
  const withStepUp = useStepUp();
  const versions = useCancellableQuery(() => withStepUp(() => window.airlock.workspace.modelVersions({ workspaceId: props.workspaceId, modelName: props.model.name })));
  if (versions.status !== 'ready') return <ReadProgress query={versions} what="the model's versions" />;
  if (versions.value.versions.length === 0) return <span>This model has no versions.</span>;
  return <VersionsTable name={cleanLine(props.model.name)} versions={versions.value.versions} />;
}

function VersionsTable(props: { name: string; versions: readonly ModelVersionView[] }) {
  const styles = useStyles();
  const columns = useVersionColumns();
  // Newest first: the highest version number (ARM numbers versions upwards).
  const view = useTableView(props.versions, columns, versionSearchKey, { column: 'version', direction: 'descending' });
  const [selected, setSelected] = useState<string | null>(view.shown[0]?.version ?? null);
  const version = props.versions.find((v) => v.version === selected) ?? null;
  return (
    <>
      <div className={styles.toolbar}>
        <Field label="Search versions">
          <Input type="search" contentBefore={<SearchRegular />} value={view.query} onChange={(_e, d) => view.setQuery(d.value)} data-version-search />
        </Field>
        <span className={styles.count} role="status" aria-live="polite">
          {view.shown.length === props.versions.length ? `${props.versions.length} versions` : `${view.shown.length} of ${props.versions.length} versions`}
        </span>
      </div>
      <div className={styles.tableArea}>
        <VirtualTable
          label={`Versions of ${props.name}`}
          rows={view.shown}
          columns={columns}
          rowKey={(v) => v.version}
          sort={view.sort}
          onSort={view.onSort}
          selectedKey={selected}
          onSelect={(v) => setSelected(v.version)}
          rowData={(v) => ({ 'data-version': v.version })}
        />
      </div>
      {version ? (
        <section aria-labelledby="version-heading">
          <Subtitle2 as="h3" id="version-heading">
            {`Version ${cleanLine(version.version)}`}
          </Subtitle2>
          <VersionFacts version={version} />
        </section>
      ) : null}
    </>
  );
}
