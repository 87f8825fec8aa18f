// The models of one workspace as Azure ML studio lists them: name (with its description, shortened), latest
// version, type or framework, stage, tags, created and modified. Everything from ARM is React text — a
// hostile model name or tag stays characters on screen.
import { Badge, Button, Caption1, makeStyles, mergeClasses, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ModelSummary } from '../../../shared/contract/schemas/workspace';
import { ShowMore } from '../../components/ShowMore';
import { displayDate, modelTypeLabel, stageColor } from './model-display';

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
});

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

export function ModelsTable(props: { label: string; models: readonly ModelSummary[] }) {
  const styles = useStyles();
  return (
    <Table className={styles.table} aria-label={props.label} size="small" data-models>
      <TableHeader>
        <TableRow>
          <TableHeaderCell className={styles.nameColumn}>Name</TableHeaderCell>
          <TableHeaderCell className={styles.narrow}>Version</TableHeaderCell>
          <TableHeaderCell>Type</TableHeaderCell>
          <TableHeaderCell>Stage</TableHeaderCell>
          <TableHeaderCell>Tags</TableHeaderCell>
          <TableHeaderCell>Created</TableHeaderCell>
          <TableHeaderCell>Modified</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {props.models.map((m) => (
          <TableRow key={m.name} data-model={m.name}>
            <TableCell>
              <span className={styles.name}>
                <span className={styles.title}>{m.name}</span>
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
  );
}
