// The user's local time for the usual-hours profile: hour of the week, local day and week, in one time zone
// (this machine's by default). The zone's offset is read through Intl once per UTC hour and cached, so the
// guard's per-call check costs arithmetic, not a formatter. Never reads the wall clock itself.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

export interface LocalTime {
  /** 0 = Monday 00:00–01:00 … 167 = Sunday 23:00–24:00. */
  hourOfWeek(ms: number): number;
  /** Local days since 1970-01-01. */
  day(ms: number): number;
  /** Local weeks (Monday to Sunday) since 1970. */
  week(ms: number): number;
  /** "Saturday": the local weekday. */
  dayWords(ms: number): string;
  /** "03:10" local time. */
  clockWords(ms: number): string;
}

export function createLocalTime(timeZone?: string): LocalTime {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const offsets = new Map<number, number>();

  function offsetAt(ms: number): number {
    const key = Math.floor(ms / HOUR);
    const cached = offsets.get(key);
    if (cached !== undefined) return cached;
    const at = key * HOUR;
    const parts = format.formatToParts(at);
    const value = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    const offset = Date.UTC(value('year'), value('month') - 1, value('day'), value('hour'), value('minute'), value('second')) - at;
    if (offsets.size > 10_000) offsets.clear();
    offsets.set(key, offset);
    return offset;
  }

  const local = (ms: number) => ms + offsetAt(ms);
  const day = (ms: number) => Math.floor(local(ms) / DAY);
  // 1970-01-01 was a Thursday (index 3 with Monday = 0).
  const weekday = (localDay: number) => (((localDay + 3) % 7) + 7) % 7;

  return {
    hourOfWeek: (ms) => {
      const l = local(ms);
      const d = Math.floor(l / DAY);
      return weekday(d) * 24 + Math.floor((l - d * DAY) / HOUR);
    },
    day,
    week: (ms) => Math.floor((day(ms) + 3) / 7),
    dayWords: (ms) => WEEKDAYS[weekday(day(ms))] ?? '',
    clockWords: (ms) => {
      const l = local(ms);
      const minutes = Math.floor((l - Math.floor(l / DAY) * DAY) / 60_000);
      return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    },
  };
}
