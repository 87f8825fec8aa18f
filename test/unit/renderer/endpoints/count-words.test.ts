// The count beside a grid's search: singular for one row, thousands grouped, "n of N" while a search narrows.
import { describe, expect, it } from 'vitest';
import { countWords } from '../../../../renderer/components/TableSearchBar';

describe('countWords', () => {
  it('says one, many, and how many a search leaves', () => {
    expect(countWords(1, 1, ['model', 'models'])).toBe('1 model');
    expect(countWords(0, 1, ['model', 'models'])).toBe('0 of 1 model');
    expect(countWords(10_000, 10_000, ['endpoint', 'endpoints'])).toBe(`${(10_000).toLocaleString()} endpoints`);
    expect(countWords(9, 10_000, ['endpoint', 'endpoints'])).toBe(`9 of ${(10_000).toLocaleString()} endpoints`);
    expect(countWords(0, 0, ['endpoint', 'endpoints'])).toBe('0 endpoints');
  });
});
