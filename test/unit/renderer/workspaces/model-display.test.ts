// A model's tags fit one fixed-height row: the first few as "key: value", then how many more; stage badges stay visible.
import { describe, expect, it } from 'vitest';
import { stageLook, tagsLine } from '../../../../renderer/features/workspaces/model-display';

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

describe('stageLook', () => {
  it('mutes Archived as a grey tint (outline subtle is white text, invisible on a light row)', () => {
    expect(stageLook('Archived')).toEqual({ appearance: 'tint', color: 'subtle' });
    expect(stageLook('Production')).toEqual({ appearance: 'outline', color: 'success' });
    expect(stageLook('Staging')).toEqual({ appearance: 'outline', color: 'warning' });
    expect(stageLook('team-gold')).toEqual({ appearance: 'outline', color: 'informative' });
  });
});
