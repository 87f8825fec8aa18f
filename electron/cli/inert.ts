// Strings from ARM (names, descriptions, tags, log lines) and from the sign-in (names) are someone else's data:
// printed to a terminal they must stay text. Control characters (C0 and C1: cursor moves, colour, a bell,
// OSC links), bidi overrides and isolates (which reorder what follows, "Trojan Source") and line or paragraph
// separators are removed; long values are cut with an ellipsis. JSON output keeps the values but escapes the
// same characters as \uXXXX (jsonInert), so a parser reads the exact value and a terminal shows no effect.

// C0 except tab and newline, DEL and C1, bidi marks/overrides/isolates, line and paragraph separators, BOM.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const HOSTILE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]/g;

/** One line of display text: hostile characters removed, tabs and newlines as spaces, at most `max` characters. */
export function inert(value: string | null | undefined, max = 200): string {
  if (value === null || value === undefined) return '';
  const clean = String(value).replace(HOSTILE, '').replace(/[\t\n]/g, ' ');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** Many lines (a log tail): hostile characters removed, newlines and tabs kept, each line cut at `maxLine`. */
export function inertLines(value: string, maxLine = 4000): string {
  return value
    .replace(HOSTILE, '')
    .split('\n')
    .map((line) => (line.length > maxLine ? `${line.slice(0, maxLine - 1)}…` : line))
    .join('\n');
}

/** JSON text whose strings cannot act on a terminal: the hostile characters written as \uXXXX (the same value parsed). */
export function jsonInert(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(/[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Rows as aligned columns under a header; every cell already inert. An empty list says so in words. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>, empty: string): string {
  if (rows.length === 0) return `${empty}\n`;
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}
