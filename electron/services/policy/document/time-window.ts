// The parts of a time_window an admin writes as text: HH:MM times and an IANA time zone. There is no named
// window ('business_hours' means different hours to different people): the hours are written out.

/** Minutes after midnight for `HH:MM` (00:00–23:59, and 24:00 when `endOfDay` is allowed); null otherwise. */
export function minutesOfDay(text: string, endOfDay: boolean): number | null {
  const m = /^([01][0-9]|2[0-3]):([0-5][0-9])$/.exec(text);
  if (m) return Number(m[1]) * 60 + Number(m[2]);
  return endOfDay && text === '24:00' ? 1440 : null;
}

/** The zone's canonical IANA name, or null when this runtime does not know it. */
export function canonicalTimeZone(zone: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(zone)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export function clockText(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
