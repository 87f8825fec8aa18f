// A side-by-side line diff for comparing two response bodies: common head and tail first, then a longest-common-
// subsequence alignment of what is left when that fits a fixed budget, else the rest marked changed as a block.
// Bounded on every axis (lines per side, alignment cells, characters per line) so two 4 MB bodies cannot freeze
// the window. Pure: no DOM; the view renders rows as inert text.

export type DiffKind = 'same' | 'changed' | 'removed' | 'added';

export interface DiffSide {
  /** 1-based line number in its body. */
  readonly number: number;
  readonly text: string;
}

export interface DiffRow {
  readonly kind: DiffKind;
  readonly left: DiffSide | null;
  readonly right: DiffSide | null;
}

export interface LineDiff {
  readonly rows: DiffRow[];
  /** Rows that are not 'same'. */
  readonly differing: number;
  /** Lines past `maxLines` on either side were left out. */
  readonly cut: boolean;
  /** False when the middle was too large to align line by line and is shown as one changed block. */
  readonly aligned: boolean;
}

export interface DiffLimits {
  readonly maxLines: number;
  /** Cells of the alignment table (left lines × right lines of the differing middle). */
  readonly maxCells: number;
  readonly maxLineChars: number;
}

export const DIFF_LIMITS: DiffLimits = { maxLines: 5_000, maxCells: 2_000_000, maxLineChars: 2_000 };

type Op = { op: 'same' | 'del' | 'ins'; a: number; b: number };

/** The LCS edit script of a[0..n) against b[0..m) (n*m within budget): dels before inses in each changed run. */
function align(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  // lcs[i][j] = LCS length of a[i..] and b[j..]; lengths fit 16 bits (at most maxLines).
  const lcs = new Uint16Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      lcs[i * width + j] = a[i] === b[j] ? lcs[(i + 1) * width + j + 1]! + 1 : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) ops.push({ op: 'same', a: i++, b: j++ });
    else if (j >= m || (i < n && lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!)) ops.push({ op: 'del', a: i++, b: j });
    else ops.push({ op: 'ins', a: i, b: j++ });
  }
  return ops;
}

function cutLine(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function lineDiff(leftText: string, rightText: string, limits: DiffLimits = DIFF_LIMITS): LineDiff {
  const leftAll = leftText.split('\n');
  const rightAll = rightText.split('\n');
  const cut = leftAll.length > limits.maxLines || rightAll.length > limits.maxLines;
  const a = leftAll.slice(0, limits.maxLines);
  const b = rightAll.slice(0, limits.maxLines);
  const side = (lines: readonly string[], index: number): DiffSide => ({ number: index + 1, text: cutLine(lines[index]!, limits.maxLineChars) });

  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head += 1;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail += 1;

  const rows: DiffRow[] = [];
  for (let k = 0; k < head; k += 1) rows.push({ kind: 'same', left: side(a, k), right: side(b, k) });

  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const aligned = midA.length * midB.length <= limits.maxCells;
  const ops: Op[] = aligned
    ? align(midA, midB)
    : [...midA.map((_, k): Op => ({ op: 'del', a: k, b: 0 })), ...midB.map((_, k): Op => ({ op: 'ins', a: 0, b: k }))];

  // A run of removed lines followed by added ones reads as lines changed in place: pair them row by row.
  let k = 0;
  while (k < ops.length) {
    const op = ops[k]!;
    if (op.op === 'same') {
      rows.push({ kind: 'same', left: side(a, head + op.a), right: side(b, head + op.b) });
      k += 1;
      continue;
    }
    const dels: number[] = [];
    const inses: number[] = [];
    while (k < ops.length && ops[k]!.op !== 'same') {
      const o = ops[k]!;
      if (o.op === 'del') dels.push(o.a);
      else inses.push(o.b);
      k += 1;
    }
    for (let p = 0; p < Math.max(dels.length, inses.length); p += 1) {
      const d = dels[p];
      const s = inses[p];
      const kind: DiffKind = d !== undefined && s !== undefined ? 'changed' : d !== undefined ? 'removed' : 'added';
      rows.push({ kind, left: d === undefined ? null : side(a, head + d), right: s === undefined ? null : side(b, head + s) });
    }
  }

  for (let t = tail; t > 0; t -= 1) rows.push({ kind: 'same', left: side(a, a.length - t), right: side(b, b.length - t) });
  return { rows, differing: rows.filter((r) => r.kind !== 'same').length, cut, aligned };
}
