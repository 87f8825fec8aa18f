// Search and sort of the virtualized tables: every word must match, sorting is stable, numbers in names read
// as numbers, and missing values stay last whichever way the column is sorted.
import { describe, expect, it } from 'vitest';
import { compareValues, filterRows, moveSelection, nextSort, sortRows } from '../../../../renderer/components/table-model';

const rows = [
  { name: 'ep-10', host: 'b.example' },
  { name: 'ep-2', host: null },
  { name: 'Ep-1', host: 'a.example' },
  { name: 'ep-2', host: 'c.example' },
];

describe('table model', () => {
  it('sorts text the way people read numbers, case-insensitively', () => {
    expect(sortRows(rows, (r) => r.name, 'ascending').map((r) => r.name)).toEqual(['Ep-1', 'ep-2', 'ep-2', 'ep-10']);
    expect(sortRows(rows, (r) => r.name, 'descending').map((r) => r.name)).toEqual(['ep-10', 'ep-2', 'ep-2', 'Ep-1']);
  });

  it('is stable: equal values keep their order in both directions', () => {
    const sorted = sortRows(rows, (r) => r.name, 'descending').filter((r) => r.name === 'ep-2');
    expect(sorted.map((r) => r.host)).toEqual([null, 'c.example']);
  });

  it('puts missing values last in both directions', () => {
    expect(sortRows(rows, (r) => r.host, 'ascending').at(-1)!.host).toBeNull();
    expect(sortRows(rows, (r) => r.host, 'descending').at(-1)!.host).toBeNull();
    expect(sortRows([{ n: null }, { n: 3 }, { n: 10 }], (r) => r.n, 'descending').map((r) => r.n)).toEqual([10, 3, null]);
  });

  it('never changes the rows it was given', () => {
    const copy = [...rows];
    sortRows(rows, (r) => r.name, 'ascending');
    expect(rows).toEqual(copy);
  });

  it('compares numbers as numbers', () => {
    expect(compareValues(9, 10)).toBeLessThan(0);
    expect(compareValues('9', '10')).toBeLessThan(0);
  });

  it('finds rows that contain every word of the query, in any order, any case', () => {
    const keyed = [
      { key: 'credit-scoring\u0001amltoken\u0001westeurope' },
      { key: 'fraud\u0001key\u0001westeurope' },
      { key: 'churn\u0001amltoken\u0001northeurope' },
    ];
    expect(filterRows(keyed, (r) => r.key, 'WEST aml')).toEqual([keyed[0]]);
    expect(filterRows(keyed, (r) => r.key, '  ')).toBe(keyed);
    expect(filterRows(keyed, (r) => r.key, 'nothing')).toEqual([]);
  });

  it('flips the direction on the same column and starts ascending on another', () => {
    expect(nextSort(null, 'name')).toEqual({ column: 'name', direction: 'ascending' });
    expect(nextSort({ column: 'name', direction: 'ascending' }, 'name')).toEqual({ column: 'name', direction: 'descending' });
    expect(nextSort({ column: 'name', direction: 'descending' }, 'state')).toEqual({ column: 'state', direction: 'ascending' });
  });

  it('moves the selection with arrows, pages, Home and End, inside the list', () => {
    expect(moveSelection('ArrowDown', -1, 10, 5)).toBe(0);
    expect(moveSelection('ArrowUp', 0, 10, 5)).toBe(0);
    expect(moveSelection('PageDown', 7, 10, 5)).toBe(9);
    expect(moveSelection('End', 0, 10, 5)).toBe(9);
    expect(moveSelection('Home', 6, 10, 5)).toBe(0);
    expect(moveSelection('a', 3, 10, 5)).toBeNull();
    expect(moveSelection('ArrowDown', 0, 0, 5)).toBeNull();
  });
});
