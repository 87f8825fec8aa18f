// How a string from ARM (or any other outside source) becomes safe display text: whatever its type, it ends up
// a plain string with no control characters, with every bidirectional override shown as a visible marker instead
// of silently reordering the text around it, and cut at a bound. React then renders it as text, never markup.
// Must never return markup, and never let a direction override reach the screen as an invisible character.

/** Bidi formatting characters (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI, LRM, RLM, ALM): an RLO can make "exe.txt" read "txt.exe". */
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;
/** C0 and C1 controls and DEL; newline and tab are handled by the caller's mode. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
/** Invisible characters that hide what a name really is (zero-width space, BOM, word joiner). */
const INVISIBLE = /[\u200B\u2060\uFEFF]/g;

/** What a bidi control shows as: its code point, visibly, so nobody is fooled and nothing reorders. */
function bidiMarker(ch: string): string {
  return `[U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`;
}

/** Any value as a string: strings as they are, numbers and booleans written out, anything else (null, objects, arrays) as ''. */
export function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return Number.isFinite(Number(value)) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return '';
}

/** One line of display text: newlines and tabs become spaces, other controls and invisibles go, bidi controls show. */
export function cleanLine(value: unknown): string {
  return asText(value)
    .replace(/[\r\n\t\u2028\u2029]+/g, ' ')
    .replace(CONTROL, '')
    .replace(INVISIBLE, '')
    .replace(BIDI, bidiMarker);
}

/** Multi-line display text (logs, descriptions): keeps newlines and tabs, drops carriage returns and other controls. */
export function cleanLines(value: unknown): string {
  return asText(value)
    .replace(/\r\n?/g, '\n')
    .replace(/[\u2028\u2029]/g, '\n')
    .replace(CONTROL, '')
    .replace(INVISIBLE, '')
    .replace(BIDI, bidiMarker);
}

/** The first `max` characters (never half a surrogate pair) and whether anything was cut. */
export function truncate(text: string, max: number): { text: string; truncated: boolean } {
  if (text.length <= max) return { text, truncated: false };
  let end = Math.max(0, max - 1);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return { text: `${text.slice(0, end)}…`, truncated: true };
}

/** The last `max` characters of a long text (a log's newest lines), starting at a line when one starts close by. */
export function tail(text: string, max: number): { text: string; truncated: boolean } {
  if (text.length <= max) return { text, truncated: false };
  let start = text.length - max;
  const code = text.charCodeAt(start);
  if (code >= 0xdc00 && code <= 0xdfff) start += 1;
  const newline = text.indexOf('\n', start);
  if (newline !== -1 && newline - start < 200) start = newline + 1;
  return { text: text.slice(start), truncated: true };
}

export interface DisplayText {
  /** What the cell shows: cleaned and cut. */
  readonly text: string;
  /** The cleaned text whole (up to the hard bound), for a tooltip or "show all". */
  readonly full: string;
  readonly truncated: boolean;
  /** True when there was nothing to show (null, wrong type, empty): the caller shows an em dash. */
  readonly empty: boolean;
}

/** Beyond this even "the full text" is cut: a 100k-character ARM description is not worth a frozen tooltip. */
export const FULL_TEXT_BOUND = 20_000;

/** A value from outside as one cleaned line of at most `max` characters. */
export function displayText(value: unknown, max: number): DisplayText {
  const clean = cleanLine(value).trim();
  const full = truncate(clean, FULL_TEXT_BOUND).text;
  const cut = truncate(clean, max);
  return { text: cut.text, full, truncated: cut.truncated, empty: clean.length === 0 };
}

/** The same text in lower case for search: cleaned, so a hidden override cannot dodge a search either. */
export function searchKey(...values: unknown[]): string {
  return values
    .map((v) => cleanLine(v))
    .join('\u0001')
    .toLowerCase();
}
