// The bar above a searchable grid: the search field, how many rows it leaves of how many ("9 of 10,000
// endpoints", said politely to screen readers as it changes), and the screen's own buttons at its end. The
// Models and Endpoints grids share it; `name` makes its data-* hooks (data-<name>-search, data-<name>-count).
import { Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { SearchRegular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  toolbar: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  search: { width: '320px', maxWidth: '100%' },
  count: { color: tokens.colorNeutralForeground2, paddingBottom: tokens.spacingVerticalXS },
  actions: { marginLeft: 'auto' },
});

/** "1 model", "10,000 models", "9 of 10,000 models". */
export function countWords(shown: number, total: number, noun: readonly [one: string, many: string]): string {
  const word = total === 1 ? noun[0] : noun[1];
  return shown === total ? `${total.toLocaleString()} ${word}` : `${shown.toLocaleString()} of ${total.toLocaleString()} ${word}`;
}

export function TableSearchBar(props: {
  label: string;
  placeholder: string;
  query: string;
  onQuery: (query: string) => void;
  shown: number;
  total: number;
  noun: readonly [one: string, many: string];
  /** Names the data-* hooks tests and benches find: data-<name>-search, data-<name>-count. */
  name: string;
  actions?: ReactNode;
}) {
  const styles = useStyles();
  return (
    <div className={styles.toolbar}>
      <Field label={props.label} className={styles.search}>
        <Input type="search" contentBefore={<SearchRegular />} value={props.query} onChange={(_e, data) => props.onQuery(data.value)} placeholder={props.placeholder} {...{ [`data-${props.name}-search`]: '' }} />
      </Field>
      <span className={styles.count} role="status" aria-live="polite" {...{ [`data-${props.name}-count`]: '' }}>
        {countWords(props.shown, props.total, props.noun)}
      </span>
      {props.actions ? <span className={styles.actions}>{props.actions}</span> : null}
    </div>
  );
}
