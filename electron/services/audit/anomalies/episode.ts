// One noticed stretch of activity, before it becomes a hint: its kind, whose, when it began and last showed,
// the records that show it, and the plain words. The detector adds "blocking" and picks the evidence.
import type { AnomalyKind } from './anomaly-hint';
import type { TimedEvent } from './timeline';

export interface Episode {
  readonly kind: AnomalyKind;
  readonly since: number;
  readonly last: number;
  readonly events: readonly TimedEvent[];
  readonly summary: string;
}

/** "while nobody was signed in" for calls without an account, else "by this account". */
export function whose(accountId: string | null): string {
  return accountId === null ? 'while nobody was signed in' : 'by this account';
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function spanMinutes(events: readonly TimedEvent[]): number {
  const first = events[0]?.t ?? 0;
  const last = events.at(-1)?.t ?? first;
  return Math.max(1, Math.ceil((last - first) / 60_000));
}
