// What verify answers, and its words. A finding names the first record of a bad stretch and what happened;
// words are plain sentences for the Audit screen and the CLI. Never quotes a record's content.

export type TamperKind = 'edited' | 'deleted' | 'reordered' | 'truncated' | 'older-copy' | 'key-missing';

export interface VerifyFinding {
  /** The first bad record's seq (for a stretch, its first). */
  readonly seq: number;
  /** The last record of the stretch (= seq for one record). */
  readonly toSeq: number;
  readonly what: TamperKind;
  readonly words: string;
}

export interface UnverifiableStretch {
  readonly fromSeq: number;
  readonly toSeq: number;
  readonly words: string;
}

export interface VerifyReport {
  /** intact: every record verified; tampered: see `first`; unverifiable: no tampering found, but some stretches cannot be verified. */
  readonly result: 'intact' | 'tampered' | 'unverifiable' | 'aborted';
  readonly checked: number;
  readonly total: number;
  readonly first: VerifyFinding | null;
  readonly findings: readonly VerifyFinding[];
  readonly unverifiable: readonly UnverifiableStretch[];
  readonly words: string;
}

const WHAT: Readonly<Record<TamperKind, { one: string; many: string }>> = {
  edited: { one: 'Record {a} was changed', many: 'A record between {a} and {b} was changed' },
  deleted: { one: 'Record {a} was deleted', many: 'Records {a}–{b} were deleted' },
  reordered: { one: 'Record {a} was moved out of its place', many: 'Records from {a} to {b} were moved out of their place' },
  truncated: { one: 'The newest record, {a}, was cut off the end', many: 'The newest records, {a}–{b}, were cut off the end' },
  'older-copy': { one: 'The database was replaced by an older copy: record {a} is missing', many: 'The database was replaced by an older copy: records {a}–{b} are missing' },
  'key-missing': { one: 'The key that protects record {a} is missing, so it cannot be verified', many: 'The key that protects records {a}–{b} is missing, so they cannot be verified' },
};

export function findingWords(seq: number, toSeq: number, what: TamperKind, detail?: string): string {
  const template = seq === toSeq ? WHAT[what].one : WHAT[what].many;
  const head = template.replace('{a}', String(seq)).replace('{b}', String(toSeq));
  return detail ? `${head} (${detail}).` : `${head}.`;
}

export function summaryWords(result: VerifyReport['result'], checked: number, first: VerifyFinding | null, unverifiable: readonly UnverifiableStretch[]): string {
  if (result === 'intact') return `Intact: all ${checked} records verified.`;
  if (result === 'aborted') return 'Verification was stopped before it finished.';
  if (result === 'tampered' && first) return `Not intact. ${first.words}`;
  const stretches = unverifiable.map((s) => `${s.fromSeq}–${s.toSeq}`).join(', ');
  return `No tampering found in ${checked} records, but records ${stretches} cannot be verified (written without a keychain).`;
}
