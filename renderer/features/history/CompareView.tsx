// Two history entries side by side: their facts (status, who answered, each timing phase, sizes, headers) with
// the rows that differ marked, then the two response bodies (pretty JSON) as a line diff. Differences are marked
// by a sign as well as a colour (high contrast maps colours away). All inert text, bounded by line-diff.ts, a
// page of rows at a time.
import { Button, makeStyles, mergeClasses, Spinner, Subtitle2, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { HistoryEntryView } from '../../../shared/contract/schemas/history';
import { cleanLines } from '../../components/inert-text';
import { ErrorPanel } from '../../components/ErrorPanel';
import { InertText } from '../../components/InertText';
import { prettyBody } from '../invoke/response-display';
import { compareFacts, sameRequest } from './compare-facts';
import { whenText } from './history-display';
import { lineDiff, type DiffKind } from './line-diff';
import { useHistoryEntries } from './use-history-entries';

const ROWS_PER_PAGE = 500;
const SIGN: Record<DiffKind, string> = { same: '', changed: '≠', removed: '−', added: '+' };
const WORDS: Record<DiffKind, string> = { same: 'same', changed: 'changed', removed: 'only in A', added: 'only in B' };

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  table: { borderCollapse: 'collapse', width: '100%', fontSize: tokens.fontSizeBase200 },
  cell: { textAlign: 'left', verticalAlign: 'top', padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`, borderBottom: `1px solid ${tokens.colorNeutralStroke3}`, overflowWrap: 'anywhere' },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  differs: { backgroundColor: tokens.colorPaletteYellowBackground1, color: tokens.colorNeutralForeground1, fontWeight: tokens.fontWeightSemibold },
  diffFrame: { maxHeight: '480px', overflow: 'auto', border: `1px solid ${tokens.colorNeutralStroke2}`, outlineStyle: 'none', ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` } },
  diff: { borderCollapse: 'collapse', width: '100%', tableLayout: 'fixed', fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  number: { width: '48px', textAlign: 'right', color: tokens.colorNeutralForeground2, paddingRight: tokens.spacingHorizontalXS, userSelect: 'none', verticalAlign: 'top' },
  sign: { width: '20px', textAlign: 'center', fontWeight: tokens.fontWeightBold, verticalAlign: 'top' },
  line: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', verticalAlign: 'top', paddingLeft: tokens.spacingHorizontalXS, color: tokens.colorNeutralForeground1 },
  changed: { backgroundColor: tokens.colorPaletteYellowBackground1 },
  removed: { backgroundColor: tokens.colorPaletteRedBackground1 },
  added: { backgroundColor: tokens.colorPaletteGreenBackground1 },
  same: {},
});

function bodyText(entry: HistoryEntryView): string {
  return cleanLines(prettyBody(entry.result.body).text);
}

function Facts(props: { a: HistoryEntryView; b: HistoryEntryView }) {
  const styles = useStyles();
  const rows = compareFacts(props.a, props.b);
  return (
    <table className={styles.table} data-compare-facts>
      <caption className={styles.cell}>{`${rows.filter((r) => r.differs).length} of ${rows.length} facts differ; ${sameRequest(props.a, props.b) ? 'the same request body was sent' : 'different request bodies were sent'}.`}</caption>
      <thead>
        <tr>
          <th scope="col" className={styles.cell}>
            Fact
          </th>
          <th scope="col" className={styles.cell}>{`A — ${whenText(props.a.summary.at)}`}</th>
          <th scope="col" className={styles.cell}>{`B — ${whenText(props.b.summary.at)}`}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} className={r.differs ? styles.differs : undefined} data-compare-fact={r.key} data-differs={r.differs}>
            <th scope="row" className={styles.cell}>
              {r.differs ? `≠ ${r.label}` : r.label}
            </th>
            <td className={mergeClasses(styles.cell, styles.mono)}>
              <InertText value={r.left} max={300} />
            </td>
            <td className={mergeClasses(styles.cell, styles.mono)}>
              <InertText value={r.right} max={300} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function BodyDiff(props: { a: HistoryEntryView; b: HistoryEntryView }) {
  const styles = useStyles();
  const diff = useMemo(() => lineDiff(bodyText(props.a), bodyText(props.b)), [props.a, props.b]);
  const [shown, setShown] = useState(ROWS_PER_PAGE);
  const summary = diff.differing === 0 ? 'The response bodies are the same.' : `${diff.differing.toLocaleString('en-US')} of ${diff.rows.length.toLocaleString('en-US')} lines differ.`;
  return (
    <div>
      <div role="status" data-compare-summary={diff.differing}>
        {summary}
        {diff.cut ? ' Only the first 5,000 lines of each body are compared.' : ''}
        {diff.aligned ? '' : ' The bodies differ too much to line up line by line: the differing part is shown as one block.'}
      </div>
      <div className={styles.diffFrame} tabIndex={0} role="region" aria-label="Response bodies, A beside B" data-compare-diff>
        <table className={styles.diff}>
          <thead>
            <tr>
              <th scope="col" className={styles.number}>
                A
              </th>
              <th scope="col" className={styles.sign}>
                <span aria-hidden="true">±</span>
              </th>
              <th scope="col" className={styles.line}>{`Body A (${whenText(props.a.summary.at)})`}</th>
              <th scope="col" className={styles.number}>
                B
              </th>
              <th scope="col" className={styles.line}>{`Body B (${whenText(props.b.summary.at)})`}</th>
            </tr>
          </thead>
          <tbody>
            {diff.rows.slice(0, shown).map((row, i) => (
              <tr key={i} className={styles[row.kind]} data-diff={row.kind}>
                <td className={styles.number}>{row.left?.number ?? ''}</td>
                <td className={styles.sign} title={WORDS[row.kind]}>
                  {SIGN[row.kind]}
                </td>
                <td className={styles.line}>{row.left?.text ?? ''}</td>
                <td className={styles.number}>{row.right?.number ?? ''}</td>
                <td className={styles.line}>{row.right?.text ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {diff.rows.length > shown ? <Button appearance="subtle" onClick={() => setShown((s) => s + ROWS_PER_PAGE * 4)}>{`Show more (${(diff.rows.length - shown).toLocaleString('en-US')} more lines)`}</Button> : null}
    </div>
  );
}

export function CompareView(props: { ids: readonly [string, string] }) {
  const styles = useStyles();
  const state = useHistoryEntries(props.ids);
  if (state.status === 'loading') return <Spinner size="tiny" label="Reading both entries…" />;
  if (state.status === 'error') return <ErrorPanel error={state.error} />;
  const [a, b] = state.entries;
  if (!a || !b) return null;
  return (
    <section className={styles.root} aria-label="Two history entries compared" data-compare-view>
      <Subtitle2 as="h5">{`Compare A (${whenText(a.summary.at)}) with B (${whenText(b.summary.at)})`}</Subtitle2>
      <Facts a={a} b={b} />
      <BodyDiff a={a} b={b} />
    </section>
  );
}
