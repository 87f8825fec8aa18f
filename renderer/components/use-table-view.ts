// The state behind a searchable, sortable table: the query, the sort, and the rows they leave, recomputed only
// when the rows, the query or the sort change (10k rows filter and sort once per keystroke, not per render).
import { useDeferredValue, useMemo, useState } from 'react';
import { filterRows, nextSort, sortRows, type SortState } from './table-model';
import type { Column } from './VirtualTable';

export interface TableView<T> {
  readonly query: string;
  readonly setQuery: (query: string) => void;
  readonly sort: SortState | null;
  readonly onSort: (column: string) => void;
  /** The rows the query and the sort leave, in order. */
  readonly shown: readonly T[];
}

export function useTableView<T>(rows: readonly T[], columns: readonly Column<T>[], keyOf: (row: T) => string, initialSort: SortState | null): TableView<T> {
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<SortState | null>(initialSort);
  // Typing stays responsive on 10k rows: the list catches up with the query a frame later.
  const deferredQuery = useDeferredValue(query);
  // Search keys are computed once per row set, not once per keystroke.
  const keys = useMemo(() => new Map(rows.map((r) => [r, keyOf(r)])), [rows, keyOf]);
  const filtered = useMemo(() => filterRows(rows, (r) => keys.get(r) ?? '', deferredQuery), [rows, keys, deferredQuery]);
  const shown = useMemo(() => {
    const column = sort ? columns.find((c) => c.id === sort.column) : undefined;
    return column?.sortValue && sort ? sortRows(filtered, column.sortValue, sort.direction) : filtered;
  }, [filtered, sort, columns]);
  return { query, setQuery, sort, onSort: (column) => setSort((s) => nextSort(s, column)), shown };
}
