// volume-spike: far more calls in the last ten minutes than this account makes in its busy ten minutes.
// The baseline is the account's own: the 95th percentile of its active windows over the history (windows
// with at least one call; the current and previous window left out, since a spike would raise them). With
// fewer than minBaselineWindows active windows there is no baseline, and no hint: an account Airlock has not
// seen working is not "above" anything.
import { ANOMALY_THRESHOLDS as T } from './anomaly-hint';
import type { AccountActivity } from './account-activity';
import { plural, type Episode } from './episode';
import { countWithin, denseStretches, within, type TimedEvent } from './timeline';

const { windowMs, minBaselineWindows, factor, minCalls } = T.volumeSpike;
const HISTORY_WINDOWS = Math.floor(T.historyMs / windowMs);

/** The account's busy-window count (95th percentile), or null without enough history. Cached per window. */
export function volumeBaseline(account: AccountActivity, now: number): number | null {
  const current = Math.floor(now / windowMs);
  if (account.baseline?.window === current) return account.baseline.value;
  const counts: number[] = [];
  for (const [window, n] of account.windows) if (window < current - 1 && window >= current - HISTORY_WINDOWS) counts.push(n);
  let value: number | null = null;
  if (counts.length >= minBaselineWindows) {
    counts.sort((a, b) => a - b);
    value = counts[Math.min(counts.length - 1, Math.ceil(0.95 * counts.length) - 1)] ?? null;
  }
  account.baseline = { window: current, value };
  return value;
}

function thresholdOf(baseline: number | null): number | null {
  return baseline === null ? null : Math.max(minCalls, Math.ceil(factor * baseline));
}

export function volumeSpikeNow(account: AccountActivity, now: number): boolean {
  const threshold = thresholdOf(volumeBaseline(account, now));
  return threshold !== null && countWithin(account.activity, now, windowMs) >= threshold;
}

/** The most calls any window of the stretch held. */
function peakOf(events: readonly TimedEvent[]): number {
  let peak = 0;
  let start = 0;
  for (let end = 0; end < events.length; end += 1) {
    while ((events[start] as TimedEvent).t <= (events[end] as TimedEvent).t - windowMs) start += 1;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}

export function volumeSpikeEpisodes(account: AccountActivity, now: number): Episode[] {
  const baseline = volumeBaseline(account, now);
  const threshold = thresholdOf(baseline);
  if (threshold === null || baseline === null) return [];
  const recent = within(account.activity, now, T.listedForMs);
  return denseStretches(recent, windowMs, threshold).map((stretch) => {
    const peak = peakOf(stretch);
    return {
      kind: 'volume-spike',
      since: (stretch[0] as TimedEvent).t,
      last: (stretch.at(-1) as TimedEvent).t,
      events: stretch,
      summary: `${plural(peak, 'call')} in ${windowMs / 60_000} minutes, about ${Math.round(peak / Math.max(1, baseline))} times this account's busy ten minutes (${plural(baseline, 'call')}, its 95th percentile over the last 30 days).`,
    };
  });
}
