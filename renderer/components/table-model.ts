// Search and sort for the virtualized tables: pure functions over rows, so 10k endpoints filter and sort the
// same way in a unit test as on screen. Sorting is stable and puts missing values last in both directions
// (an endpoint without a scoring host is never the "first" one); text compares the way people read numbers
// ("ep-2" before "ep-10").

export type SortDirection = 'ascending' | 'descending';
export interface SortState {
  readonly column: string;
  readonly direction: SortDirection;
}

/** What a column sorts by: a string, a number, or null for "nothing here". */
export type SortValue = string | number | null;

const COLLATOR = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export function compareValues(a: SortValue, b: SortValue): number {
  if (a === b) return 0;
  if (a === null || a === '') return b === null || b === '' ? 0 : 1;
  if (b === null || b === '') return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return COLLATOR.compare(String(a), String(b));
}

/** Rows in the order asked for; a stable sort, missing values last either way. Never mutates `rows`. */
export function sortRows<T>(rows: readonly T[], valueOf: (row: T) => SortValue, direction: SortDirection): T[] {
  const keyed = rows.map((row, index) => ({ row, index, value: valueOf(row) }));
  const sign = direction === 'ascending' ? 1 : -1;
  keyed.sort((x, y) => {
    const xMissing = x.value === null || x.value === '';
    const yMissing = y.value === null || y.value === '';
    if (xMissing !== yMissing) return xMissing ? 1 : -1;
    return sign * compareValues(x.value, y.value) || x.index - y.index;
  });
  return keyed.map((k) => k.row);
}

/** Words of the query, each of which must appear somewhere in the row's search key ("aml west" finds AMLToken endpoints in westeurope). */
export function queryWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

export function filterRows<T>(rows: readonly T[], keyOf: (row: T) => string, query: string): readonly T[] {
  const words = queryWords(query);
  if (words.length === 0) return rows;
  return rows.filter((row) => {
    const key = keyOf(row);
    return words.every((w) => key.includes(w));
  });
}

/** Clicking a column header: a new column sorts ascending, the same column flips. */
export function nextSort(current: SortState | null, column: string): SortState {
  if (current?.column === column) return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { column, direction: 'ascending' };
}

/** Where a key moves the selection in a list of `count` rows (null: not a navigation key). */
export function moveSelection(key: string, from: number, count: number, pageRows: number): number | null {
  if (count === 0) return null;
  const to = { ArrowDown: from + 1, ArrowUp: from - 1, PageDown: from + pageRows, PageUp: from - pageRows, Home: 0, End: count - 1 }[key];
  if (to === undefined) return null;
  return Math.max(0, Math.min(count - 1, to));
}
