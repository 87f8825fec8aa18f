// The few things verify reads out of a body itself: the gap and prune records the trail writes about rows that
// went missing, and the hot loop's in-place check of a body's seq and epoch. Pure; never logs a body.
import { parseBody, PREV_END } from './canonical';
import type { TamperKind } from './verify-report';

export function gapOf(body: string): { from: number; to: number; kind: TamperKind; time: string } | null {
  try {
    const record = parseBody(body);
    const match = /^audit:(\d+)-(\d+)$/.exec(record.resource);
    if (record.kind !== 'system' || record.action !== 'audit.gap' || !match) return null;
    const kind = record.rule === 'truncated' || record.rule === 'older-copy' ? record.rule : 'deleted';
    return { from: Number(match[1]), to: Number(match[2]), kind, time: record.time };
  } catch {
    return null;
  }
}

export function prunedThrough(body: string): number | null {
  try {
    const record = parseBody(body);
    const match = /^audit:(\d+)-(\d+)$/.exec(record.resource);
    return record.kind === 'system' && record.action === 'audit.pruned' && match ? Number(match[2]) : null;
  } catch {
    return null;
  }
}

// PREV_END as a module constant (an imported binding may be a getter, read once per row).
const SEQ_TEXT_AT = PREV_END;
const SEQ_AT = PREV_END + '","seq":'.length;

/** Whether a body claims `seq` (its digits read in place, no leading zero) followed by `epochText`. */
export function claimsSeqAndEpoch(body: string, seq: number, epochText: string): boolean {
  if (!body.startsWith('","seq":', SEQ_TEXT_AT) || body.charCodeAt(SEQ_AT) === 48) return false;
  let value = 0;
  let at = SEQ_AT;
  for (let c = body.charCodeAt(at); c >= 48 && c <= 57 && at - SEQ_AT < 16; c = body.charCodeAt(++at)) value = value * 10 + (c - 48);
  return at > SEQ_AT && value === seq && body.startsWith(epochText, at);
}
