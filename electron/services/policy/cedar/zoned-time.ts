// Local time of day and weekday in an IANA zone, for time_window: computed in JavaScript with Intl (Cedar's
// datetime extension knows offsets, not zones or daylight saving). One formatter per zone, and the answer is
// kept for the current minute, so a decision does not pay for Intl on every call.
import { WEEKDAYS, type Weekday } from '../document/policy-document';

export interface ZonedMinute {
  /** Minutes after local midnight, 0–1439. */
  readonly minute: number;
  readonly day: Weekday;
  /** Minutes since local Monday 00:00, 0–10079. */
  readonly minuteOfWeek: number;
}

const SHORT_DAYS: Readonly<Record<string, Weekday>> = { Mon: 'mon', Tue: 'tue', Wed: 'wed', Thu: 'thu', Fri: 'fri', Sat: 'sat', Sun: 'sun' };

export function createZonedClock(zone: string): (time: Date) => ZonedMinute {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', weekday: 'short', hour: '2-digit', minute: '2-digit' });
  let cachedMinute = Number.NaN;
  let cached: ZonedMinute | undefined;
  return (time) => {
    const utcMinute = Math.floor(time.getTime() / 60_000);
    if (utcMinute === cachedMinute && cached) return cached;
    let hour = 0;
    let minute = 0;
    let day: Weekday = 'mon';
    for (const part of format.formatToParts(time)) {
      if (part.type === 'hour') hour = Number(part.value) % 24;
      else if (part.type === 'minute') minute = Number(part.value);
      else if (part.type === 'weekday') day = SHORT_DAYS[part.value] ?? day;
    }
    cached = { minute: hour * 60 + minute, day, minuteOfWeek: WEEKDAYS.indexOf(day) * 1440 + hour * 60 + minute };
    cachedMinute = utcMinute;
    return cached;
  };
}
