// What the Audit screen adds to an anomaly hint's own summary: whose it is, since when, and which records
// show it. The detector's summary already says whether the hint blocks anything, so this adds no sentence
// about blocking of its own (saying it twice, in different words, reads as two different rules).
import type { AnomalyHintView } from './audit-types';
import { recordTime } from './record-display';

export function hintDetailWords(hint: AnomalyHintView): string {
  const seqs = hint.evidenceSeqs;
  const records = seqs.length ? `; records ${seqs.slice(0, 5).join(', ')}${seqs.length > 5 ? '…' : ''}` : '';
  return ` (${hint.username ?? hint.accountId ?? 'no account'}, since ${recordTime(hint.since)}${records}).`;
}
