// What the detector remembers of one account (or of "nobody signed in"), learned record by record and in
// any order (history arrives newest first, appends oldest first): the local days and hours of the week it
// was active, its calls per ten-minute window, its recent calls and failed sign-ins, and the networks and
// routes it has used. Bounded by the history horizon and per-list caps. Holds seqs, times, counts and
// networks only — never anything a record does not already show.
import { ANOMALY_THRESHOLDS as T, CREDENTIAL_ACTIONS, FAILED_ATTEMPT_CODES, PASSIVE_ACTIONS, type ObservedRecord } from './anomaly-hint';
import type { LocalTime } from './local-time';
import { networkOf } from './networks';
import { createTimeline, dropBefore, insertEvent, type TimedEvent, type Timeline } from './timeline';

export interface PlaceUse {
  /** When the account first used it (within the history horizon). */
  first: number;
  /** The earliest records on it (at most maxEvidence). */
  readonly earliest: TimedEvent[];
}

export interface AccountActivity {
  readonly accountId: string | null;
  username: string | null;
  usernameAt: number;
  /** The earliest decision record of the account (any action): how long Airlock has known it. */
  firstAt: number;
  /** The earliest activity (calls that are not status polls). */
  firstActiveAt: number;
  readonly activeDays: Set<number>;
  /** Per hour of the week: one activity time per local week it was active then. */
  readonly hours: { week: number; t: number }[][];
  /** Activity per window of volumeSpike.windowMs (the window's index since 1970). */
  readonly windows: Map<number, number>;
  readonly activity: Timeline;
  readonly failures: Timeline;
  /** 'net:192.0.2.0/24' or 'route:vpn' → its first use. */
  readonly places: Map<string, PlaceUse>;
  /** The newest decision record's networks and route: where the account is now. */
  latest: { t: number; places: readonly string[] } | null;
  /** The volume baseline, computed at most once per window (see volume-spike.ts). */
  baseline: { window: number; value: number | null } | null;
}

export function createAccountActivity(accountId: string | null): AccountActivity {
  return {
    accountId,
    username: null,
    usernameAt: Number.NEGATIVE_INFINITY,
    firstAt: Number.POSITIVE_INFINITY,
    firstActiveAt: Number.POSITIVE_INFINITY,
    activeDays: new Set(),
    hours: Array.from({ length: 168 }, () => []),
    windows: new Map(),
    activity: createTimeline(),
    failures: createTimeline(),
    places: new Map(),
    latest: null,
    baseline: null,
  };
}

function placesOf(record: ObservedRecord): string[] {
  const places = new Set<string>();
  for (const address of record.addresses ?? []) {
    const network = networkOf(address);
    if (network) places.add(`net:${network}`);
  }
  if (record.route) places.add(`route:${record.route}`);
  return [...places];
}

function notePlace(account: AccountActivity, place: string, event: TimedEvent): void {
  let use = account.places.get(place);
  if (!use) {
    if (account.places.size >= T.maxPlacesPerAccount) return;
    account.places.set(place, (use = { first: event.t, earliest: [] }));
  }
  use.first = Math.min(use.first, event.t);
  const last = use.earliest.at(-1);
  if (use.earliest.length < T.maxEvidence || (last && event.t < last.t)) {
    use.earliest.push(event);
    use.earliest.sort((a, b) => a.t - b.t);
    use.earliest.splice(T.maxEvidence);
  }
}

function noteActivity(account: AccountActivity, event: TimedEvent, time: LocalTime): void {
  account.firstActiveAt = Math.min(account.firstActiveAt, event.t);
  account.activeDays.add(time.day(event.t));
  const bucket = account.hours[time.hourOfWeek(event.t)] as { week: number; t: number }[];
  const week = time.week(event.t);
  if (!bucket.some((entry) => entry.week === week)) bucket.push({ week, t: event.t });
  const window = Math.floor(event.t / T.volumeSpike.windowMs);
  account.windows.set(window, (account.windows.get(window) ?? 0) + 1);
  // A window inside the cached baseline's range changes it.
  if (account.baseline && window < account.baseline.window - 1) account.baseline = null;
  insertEvent(account.activity, event, T.maxRecentPerAccount);
}

/** Learns one record that happened at `t`. */
export function learn(account: AccountActivity, record: ObservedRecord, t: number, time: LocalTime): void {
  const event = { t, seq: record.seq };
  if (record.username && t >= account.usernameAt) {
    account.username = record.username;
    account.usernameAt = t;
  }
  if (record.kind === 'decision') {
    account.firstAt = Math.min(account.firstAt, t);
    const places = placesOf(record);
    for (const place of places) notePlace(account, place, event);
    if (!account.latest || t >= account.latest.t) account.latest = { t, places };
    if (!PASSIVE_ACTIONS.has(record.action)) noteActivity(account, event, time);
  } else if (record.kind === 'outcome' && record.outcome === 'error' && CREDENTIAL_ACTIONS.has(record.action) && FAILED_ATTEMPT_CODES.has(record.errorCode ?? '')) {
    insertEvent(account.failures, event, T.maxRecentPerAccount);
  }
}

/** Forgets what lies beyond the history horizon, and recent events no hint can list any more. */
export function forgetOld(account: AccountActivity, now: number, time: LocalTime): void {
  const horizon = now - T.historyMs;
  const recent = now - T.listedForMs - T.repeatedFailures.windowMs - T.volumeSpike.windowMs;
  dropBefore(account.activity, recent);
  dropBefore(account.failures, recent);
  const oldestDay = time.day(horizon);
  for (const day of account.activeDays) if (day < oldestDay) account.activeDays.delete(day);
  for (const bucket of account.hours) {
    const kept = bucket.filter((entry) => entry.t >= horizon);
    bucket.splice(0, bucket.length, ...kept);
  }
  const oldestWindow = Math.floor(horizon / T.volumeSpike.windowMs);
  for (const window of account.windows.keys()) if (window < oldestWindow) account.windows.delete(window);
}
