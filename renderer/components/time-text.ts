// Every date and time Airlock shows, in one form: `2026-12-04 10:31:07` in this machine's time zone, the zone
// named once (a table's column header, or after a lone value: `… UTC+01:00`), and `2026-12-04` for a day.
// Unambiguous in every locale (an audit screen that reads 12/05 as May or December is no audit screen), and
// the same in the audit list, history, settings and models. Pure; cheap enough for 10k table rows (no Intl).

const pad = (n: number) => String(n).padStart(2, '0');

function parsed(iso: string | null): Date | null {
  if (!iso) return null;
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** `2026-12-04 10:31:07` (local time); null when `iso` is not a time. */
export function localTimeText(iso: string | null): string | null {
  const at = parsed(iso);
  return at ? `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}` : null;
}

/** `2026-12-04` (local day); null when `iso` is not a time. */
export function dayText(iso: string | null): string | null {
  const at = parsed(iso);
  return at ? `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}` : null;
}

/** This machine's zone at `at` as an offset: `UTC`, `UTC+01:00`, `UTC-05:30`. */
export function zoneText(at: Date = new Date()): string {
  const minutes = -at.getTimezoneOffset();
  if (minutes === 0) return 'UTC';
  const sign = minutes > 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  return `UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** A lone value: `2026-12-04 10:31:07 UTC+01:00`; `fallback` when `iso` is not a time. */
export function timeWithZone(iso: string | null, fallback = '—'): string {
  const at = parsed(iso);
  return at ? `${localTimeText(iso)} ${zoneText(at)}` : fallback;
}
