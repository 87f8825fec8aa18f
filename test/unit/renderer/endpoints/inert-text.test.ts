// Hostile ARM strings as display text: whatever comes in (markup, 100k characters, control characters, RTL
// overrides, null, wrong types) leaves as a bounded plain string with the overrides visible.
import { describe, expect, it } from 'vitest';
import { asText, cleanLine, cleanLines, displayText, FULL_TEXT_BOUND, searchKey, tail, truncate } from '../../../../renderer/components/inert-text';

describe('inert text', () => {
  it('turns nulls and wrong types into nothing, numbers and booleans into their words', () => {
    expect(asText(null)).toBe('');
    expect(asText(undefined)).toBe('');
    expect(asText({ toString: () => '<b>x</b>' })).toBe('');
    expect(asText(['a'])).toBe('');
    expect(asText(42)).toBe('42');
    expect(asText(Number.NaN)).toBe('');
    expect(asText(false)).toBe('false');
    expect(displayText(null, 10)).toEqual({ text: '', full: '', truncated: false, empty: true });
  });

  it('keeps markup as the characters it is (React renders it as text)', () => {
    expect(cleanLine('<img src=x onerror="alert(1)">')).toBe('<img src=x onerror="alert(1)">');
  });

  it('removes control characters and invisibles; a single line has no newlines or tabs', () => {
    expect(cleanLine('a\u0000b\u0007c\u001bd\u007fe\u009bf')).toBe('abcdef');
    expect(cleanLine('one\r\ntwo\tthree\u2028four')).toBe('one two three four');
    expect(cleanLine('zero\u200Bwidth\uFEFF')).toBe('zerowidth');
  });

  it('shows every direction override as a visible marker instead of letting it reorder text', () => {
    expect(cleanLine('invoice\u202Etxt.exe')).toBe('invoice[U+202E]txt.exe');
    expect(cleanLine('\u2066a\u2069\u200F')).toBe('[U+2066]a[U+2069][U+200F]');
    expect(cleanLine('\u061C')).toBe('[U+061C]');
  });

  it('keeps newlines and tabs in multi-line text, and drops carriage returns', () => {
    expect(cleanLines('l1\r\nl2\r\tl3\u0000\u202E')).toBe('l1\nl2\n\tl3[U+202E]');
  });

  it('cuts a 100k-character description to the bound, with an ellipsis, and says it was cut', () => {
    const long = 'x'.repeat(100_000);
    const shown = displayText(long, 80);
    expect(shown.text).toHaveLength(80);
    expect(shown.text.endsWith('…')).toBe(true);
    expect(shown.truncated).toBe(true);
    expect(shown.full.length).toBeLessThanOrEqual(FULL_TEXT_BOUND);
  });

  it('never cuts a surrogate pair in half', () => {
    const cut = truncate(`${'a'.repeat(8)}😀😀`, 10);
    expect(cut.text).toBe(`${'a'.repeat(8)}…`);
    expect(truncate('short', 10)).toEqual({ text: 'short', truncated: false });
  });

  it('keeps the newest part of a long log, from a line start', () => {
    const log = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join('\n');
    const t = tail(log, 100);
    expect(t.truncated).toBe(true);
    expect(t.text.endsWith('line 999')).toBe(true);
    expect(t.text.startsWith('line ')).toBe(true);
    expect(t.text.length).toBeLessThanOrEqual(100);
  });

  it('searches the cleaned text, so a hidden override or control cannot dodge a search', () => {
    expect(searchKey('Fr\u200Baud', null, 7)).toBe('fraud\u0001\u00017');
  });
});
