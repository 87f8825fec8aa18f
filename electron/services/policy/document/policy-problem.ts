// Why a policy could not be used, in plain words, with where: the file (or registry value, or managed
// preference) and the line. One problem is reported — the first by position — so an admin fixes files in
// order. Never carries the document's contents beyond the offending key or value.

export interface PolicyProblem {
  /** A file path, `HKLM\Software\Policies\Airlock\Rules`, `managed preferences io.airlock.desktop`, ... */
  readonly file: string;
  /** 1-based; null where the source has no lines (a registry number, a managed preference). */
  readonly line: number | null;
  readonly message: string;
}

/** Where a path in the parsed value is in its source. `key`: the key itself (for an unknown key). */
export type PolicyLocator = (path: readonly (string | number)[], at: 'key' | 'value') => { readonly file: string; readonly line: number | null };

/** `file, line 12: message` — the one-line form for logs, `airlock policy show` and Settings. */
export function problemText(problem: PolicyProblem): string {
  return problem.line === null ? `${problem.file}: ${problem.message}` : `${problem.file}, line ${problem.line}: ${problem.message}`;
}

/** 1-based line of a character offset in text. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The first problem by position, telling how many more there are. */
export function firstProblem(problems: readonly PolicyProblem[]): PolicyProblem | null {
  if (problems.length === 0) return null;
  const sorted = [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const first = sorted[0] as PolicyProblem;
  const more = problems.length - 1;
  return more === 0 ? first : { ...first, message: `${first.message} (and ${more} more problem${more === 1 ? '' : 's'})` };
}
