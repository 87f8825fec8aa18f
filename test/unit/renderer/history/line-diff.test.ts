// The compare view's line diff: equal bodies are all 'same', a changed line is paired in place, added and
// removed lines align around unchanged ones, and every bound holds (lines, alignment budget, line length).
import { describe, expect, it } from 'vitest';
import { lineDiff } from '../../../../renderer/features/history/line-diff';

const kinds = (d: ReturnType<typeof lineDiff>) => d.rows.map((r) => r.kind);

describe('lineDiff', () => {
  it('equal texts: every row same, nothing differing', () => {
    const d = lineDiff('a\nb\nc', 'a\nb\nc');
    expect(kinds(d)).toEqual(['same', 'same', 'same']);
    expect(d.differing).toBe(0);
    expect(d.rows[2]).toEqual({ kind: 'same', left: { number: 3, text: 'c' }, right: { number: 3, text: 'c' } });
  });

  it('a changed line is paired side by side with its line numbers', () => {
    const d = lineDiff('{\n  "score": 0.82,\n  "label": "approve"\n}', '{\n  "score": 0.31,\n  "label": "approve"\n}');
    expect(kinds(d)).toEqual(['same', 'changed', 'same', 'same']);
    expect(d.rows[1]).toEqual({ kind: 'changed', left: { number: 2, text: '  "score": 0.82,' }, right: { number: 2, text: '  "score": 0.31,' } });
    expect(d.differing).toBe(1);
    expect(d.aligned).toBe(true);
  });

  it('lines added and removed align around the unchanged ones', () => {
    const d = lineDiff('a\nb\nc\nd', 'a\nc\nx\nd\ne');
    expect(d.rows.map((r) => [r.kind, r.left?.text ?? null, r.right?.text ?? null])).toEqual([
      ['same', 'a', 'a'],
      ['removed', 'b', null],
      ['same', 'c', 'c'],
      ['added', null, 'x'],
      ['same', 'd', 'd'],
      ['added', null, 'e'],
    ]);
    expect(lineDiff('', 'a\nb').rows.map((r) => r.kind)).toEqual(['changed', 'added']);
  });

  it('holds its bounds: lines per side, the alignment budget, characters per line', () => {
    const many = Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n');
    const cut = lineDiff(many, many, { maxLines: 10, maxCells: 1_000, maxLineChars: 100 });
    expect(cut.cut).toBe(true);
    expect(cut.rows).toHaveLength(10);
    const left = Array.from({ length: 50 }, (_, i) => `l${i}`).join('\n');
    const right = Array.from({ length: 50 }, (_, i) => `r${i}`).join('\n');
    const block = lineDiff(`head\n${left}\ntail`, `head\n${right}\ntail`, { maxLines: 1_000, maxCells: 100, maxLineChars: 100 });
    expect(block.aligned).toBe(false);
    expect(block.rows).toHaveLength(52);
    expect(block.rows.slice(1, -1).every((r) => r.kind === 'changed')).toBe(true);
    const long = lineDiff('x'.repeat(5000), 'y', { maxLines: 10, maxCells: 100, maxLineChars: 50 });
    expect(long.rows[0]!.left!.text).toHaveLength(50);
    expect(long.rows[0]!.left!.text.endsWith('…')).toBe(true);
  });

  it('two large bodies within the default bounds diff without blowing up', () => {
    const body = (seed: number) => JSON.stringify({ rows: Array.from({ length: 4000 }, (_, i) => ({ i, v: i % 97 === 0 ? seed : i })) }, null, 2);
    const d = lineDiff(body(1), body(2));
    expect(d.cut).toBe(true);
    expect(d.differing).toBeGreaterThan(0);
    expect(d.rows.every((r) => r.kind === 'same' || r.kind === 'changed')).toBe(true);
  });
});
