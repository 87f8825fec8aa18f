// A model's tags fit one fixed-height row: the first few as "key: value", then how many more.
import { describe, expect, it } from 'vitest';
import { tagsLine } from '../../../../renderer/features/workspaces/model-display';

const tags = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: `v${i}` }));

describe('tagsLine', () => {
  it('is empty for a model without tags', () => {
    expect(tagsLine([], 3)).toBe('');
  });

  it('lists every tag when they all fit', () => {
    expect(tagsLine(tags(3), 3)).toBe('k0: v0, k1: v1, k2: v2');
  });

  it('says how many more after the first few', () => {
    expect(tagsLine(tags(5), 3)).toBe('k0: v0, k1: v1, k2: v2 +2');
    expect(tagsLine(tags(2), 0)).toBe('+2');
  });

  it('leaves the text as ARM sent it (InertText cleans it on screen)', () => {
    expect(tagsLine([{ key: '<b>x</b>', value: 'a\u202Eb' }], 3)).toBe('<b>x</b>: a\u202Eb');
  });
});
