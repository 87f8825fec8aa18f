// Where things are in JSON text, without eval and tolerant of unfinished text (the user is typing):
// - rangesOf: each JSON pointer's value (and key) span, so a schema problem or main's E_PAYLOAD_INVALID pointer
//   can be marked in the editor;
// - pathAt: the object path at a cursor, and whether the cursor is where a property name goes, for completion.

export interface Span {
  readonly from: number;
  readonly to: number;
}

export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointerOf(path: readonly (string | number)[]): string {
  return path.map((p) => `/${escapePointerToken(String(p))}`).join('');
}

interface Frame {
  readonly kind: 'object' | 'array';
  readonly pointer: string;
  key: string | null;
  index: number;
  /** In an object: true while a key is expected (after { or ,), false after the colon. */
  expectKey: boolean;
  keyFrom: number;
  readonly from: number;
}

/** The index after the closing quote of the string at `at`, or -1 when it is not closed before `end`. */
function readString(text: string, at: number, end: number): number {
  let i = at + 1;
  while (i < end) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else i += 1;
  }
  return -1;
}

function childPointer(frame: Frame): string {
  return frame.kind === 'object' ? `${frame.pointer}/${escapePointerToken(frame.key ?? '')}` : `${frame.pointer}/${frame.index}`;
}

interface Scan {
  /** Spans of values by pointer; '' is the whole document. */
  readonly values: Map<string, Span>;
  /** Spans of property names by the pointer of their value. */
  readonly keys: Map<string, Span>;
  readonly stack: Frame[];
  /** Set when the scan stopped inside a string (the cursor is in it): where that string began. */
  readonly openStringFrom: number | null;
}

/** One pass over text[0, end): records spans, and leaves the open containers on the stack. */
function scan(text: string, end = text.length): Scan {
  const values = new Map<string, Span>();
  const keys = new Map<string, Span>();
  const stack: Frame[] = [];
  let i = 0;
  let openStringFrom: number | null = null;
  const pointerHere = () => (stack.length === 0 ? '' : childPointer(stack[stack.length - 1]!));
  while (i < end) {
    const c = text[i]!;
    const top = stack[stack.length - 1];
    if (c === '"') {
      const close = readString(text, i, end);
      if (close < 0 || close > end) {
        openStringFrom = i;
        break;
      }
      if (top?.kind === 'object' && top.expectKey) {
        try {
          top.key = JSON.parse(text.slice(i, close)) as string;
        } catch {
          top.key = text.slice(i + 1, close - 1);
        }
        top.keyFrom = i;
        keys.set(childPointer(top), { from: i, to: close });
      } else {
        values.set(pointerHere(), { from: i, to: close });
      }
      i = close;
      continue;
    }
    if (c === '{' || c === '[') {
      stack.push({ kind: c === '{' ? 'object' : 'array', pointer: pointerHere(), key: null, index: 0, expectKey: c === '{', keyFrom: -1, from: i });
      i += 1;
      continue;
    }
    if (c === '}' || c === ']') {
      const frame = stack.pop();
      if (frame) values.set(frame.pointer, { from: frame.from, to: i + 1 });
      i += 1;
      continue;
    }
    if (c === ':' && top?.kind === 'object') top.expectKey = false;
    else if (c === ',' && top) {
      if (top.kind === 'object') {
        top.expectKey = true;
        top.key = null;
      } else top.index += 1;
    } else if (!/[\s:,]/.test(c)) {
      // A bare literal (number, true, false, null, or junk): up to the next delimiter.
      let j = i;
      while (j < end && !/[\s,\]}:]/.test(text[j]!)) j += 1;
      if (!(top?.kind === 'object' && top.expectKey)) values.set(pointerHere(), { from: i, to: j });
      i = j;
      continue;
    }
    i += 1;
  }
  return { values, keys, stack, openStringFrom };
}

/** The span to mark for a JSON pointer: its value, else its nearest existing parent; null for unparseable text. */
export function spanOfPointer(text: string, pointer: string): Span | null {
  const { values, keys } = scan(text);
  let p = pointer;
  for (;;) {
    const value = values.get(p);
    if (value) {
      const key = keys.get(p);
      return key ? { from: key.from, to: value.to } : value;
    }
    if (p === '') return null;
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

export interface CursorPlace {
  /** The path of the innermost object or array holding the cursor (names and indexes). */
  readonly path: readonly (string | number)[];
  /** True when the cursor is where a property name is written (after { or , in an object). */
  readonly atKey: boolean;
  /** Where the name being typed begins (its opening quote), or the cursor when nothing is typed yet. */
  readonly from: number;
}

function unescapeToken(t: string): string {
  return t.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function placeAt(text: string, offset: number): CursorPlace | null {
  const s = scan(text, offset);
  const top = s.stack[s.stack.length - 1];
  if (!top) return null;
  const path = top.pointer === '' ? [] : top.pointer.slice(1).split('/').map(unescapeToken);
  const typed = s.openStringFrom;
  if (top.kind === 'object' && top.expectKey) return { path, atKey: true, from: typed ?? offset };
  return { path, atKey: false, from: offset };
}
