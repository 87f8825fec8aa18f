// repeated-failures: sign-ins, step-ups or unlocks that failed again and again in a short window — someone
// guessing, or a prompt being answered wrongly. Counts failed attempts only (FAILED_ATTEMPT_CODES in
// anomaly-hint.ts): a refusal by policy is not an attempt, so a policy that blocks on this hint does not keep
// it alive.
import { ANOMALY_THRESHOLDS as T } from './anomaly-hint';
import type { AccountActivity } from './account-activity';
import { spanMinutes, whose, plural, type Episode } from './episode';
import { countWithin, denseStretches, within, type TimedEvent } from './timeline';

const { windowMs, count } = T.repeatedFailures;

export function repeatedFailuresNow(account: AccountActivity, now: number): boolean {
  return countWithin(account.failures, now, windowMs) >= count;
}

function words(account: AccountActivity, events: readonly TimedEvent[]): string {
  return `${plural(events.length, 'failed sign-in, step-up or unlock', 'failed sign-ins, step-ups or unlocks')} within ${plural(spanMinutes(events), 'minute')} ${whose(account.accountId)}.`;
}

export function repeatedFailuresEpisodes(account: AccountActivity, now: number): Episode[] {
  const recent = within(account.failures, now, T.listedForMs);
  return denseStretches(recent, windowMs, count).map((stretch) => ({
    kind: 'repeated-failures',
    since: (stretch[0] as TimedEvent).t,
    last: (stretch.at(-1) as TimedEvent).t,
    events: stretch,
    summary: words(account, stretch),
  }));
}
