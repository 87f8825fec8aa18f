// unusual-hours: activity at an hour of the week this account has not been active in lately. The profile is
// the account's own, in local time: an hour counts as usual when the account was active in it, or in the hour
// before or after it (shifts, daylight-saving changes), on some day between 30 days and 24 hours ago — so a
// first night of work stays unusual all night instead of teaching itself. Only with enough history: active
// on at least minActiveDays days, the earliest at least minSpanMs ago; before that, nothing is unusual.
import { ANOMALY_THRESHOLDS as T } from './anomaly-hint';
import type { AccountActivity } from './account-activity';
import { plural, whose, type Episode } from './episode';
import type { LocalTime } from './local-time';
import { gapGroups, within, type TimedEvent } from './timeline';

const { minActiveDays, minSpanMs, neighbourHours, recentMs, episodeGapMs } = T.unusualHours;
const HISTORY_DAYS = Math.ceil(T.historyMs / 86_400_000);

function enoughHistory(account: AccountActivity, t: number, time: LocalTime): boolean {
  if (account.firstActiveAt > t - minSpanMs) return false;
  const today = time.day(t);
  let days = 0;
  for (const day of account.activeDays) if (day < today && day >= today - HISTORY_DAYS) days += 1;
  return days >= minActiveDays;
}

function usualAt(account: AccountActivity, t: number, time: LocalTime): boolean {
  const hour = time.hourOfWeek(t);
  for (let k = -neighbourHours; k <= neighbourHours; k += 1) {
    const bucket = account.hours[(hour + k + 168) % 168] ?? [];
    if (bucket.some((entry) => entry.t >= t - T.historyMs && entry.t <= t - recentMs)) return true;
  }
  return false;
}

export function unusualHoursAt(account: AccountActivity, t: number, time: LocalTime): boolean {
  return enoughHistory(account, t, time) && !usualAt(account, t, time);
}

export function unusualHoursEpisodes(account: AccountActivity, now: number, time: LocalTime): Episode[] {
  const recent = within(account.activity, now, T.listedForMs);
  const unusual = recent.filter((event) => unusualHoursAt(account, event.t, time));
  return gapGroups(unusual, episodeGapMs).map((stretch) => {
    const first = stretch[0] as TimedEvent;
    const last = stretch.at(-1) as TimedEvent;
    const until = last.t - first.t >= 60_000 ? ` to ${time.clockWords(last.t)}` : '';
    return {
      kind: 'unusual-hours',
      since: first.t,
      last: last.t,
      events: stretch,
      summary: `${plural(stretch.length, 'call')} ${whose(account.accountId)} at an hour it is not usually active (${time.dayWords(first.t)} ${time.clockWords(first.t)}${until}, local time), judged against its last 30 days.`,
    };
  });
}
