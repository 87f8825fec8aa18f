// A time-ordered list of one account's recent events (time and seq), kept bounded, with the two questions
// the hints ask of it: how many events in the last window, and which stretches were dense enough to count.
// Pure data; never holds more than the record's seq and time.

export interface TimedEvent {
  readonly t: number;
  readonly seq: number;
}

export interface Timeline {
  readonly events: TimedEvent[];
  /** False after an event arrived out of order (history is read newest first): sorted once, when next asked. */
  sorted: boolean;
}

export function createTimeline(): Timeline {
  return { events: [], sorted: true };
}

function ensureSorted(timeline: Timeline): void {
  if (timeline.sorted) return;
  timeline.events.sort((a, b) => a.t - b.t);
  timeline.sorted = true;
}

/** Index of the first event with t > after (binary search over the time-ordered list). */
export function firstAfter(timeline: Timeline, after: number): number {
  ensureSorted(timeline);
  const { events } = timeline;
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((events[mid] as TimedEvent).t > after) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Adds an event (O(1): out-of-order arrivals are sorted once, when the list is next read). Beyond `max`, the
 * oldest go, a quarter of `max` at a time, so a full list does not shift on every event.
 */
export function insertEvent(timeline: Timeline, event: TimedEvent, max: number): void {
  const { events } = timeline;
  const last = events.at(-1);
  if (last && last.t > event.t) timeline.sorted = false;
  events.push(event);
  if (events.length > max + Math.ceil(max / 4)) {
    ensureSorted(timeline);
    events.splice(0, events.length - max);
  }
}

/** Drops events at or before `before`. */
export function dropBefore(timeline: Timeline, before: number): void {
  const cut = firstAfter(timeline, before);
  if (cut > 0) timeline.events.splice(0, cut);
}

/** How many events fell in (now - windowMs, now]. */
export function countWithin(timeline: Timeline, now: number, windowMs: number): number {
  return firstAfter(timeline, now) - firstAfter(timeline, now - windowMs);
}

/** The events in (now - windowMs, now]. */
export function within(timeline: Timeline, now: number, windowMs: number): TimedEvent[] {
  const end = firstAfter(timeline, now);
  return timeline.events.slice(firstAfter(timeline, now - windowMs), end);
}

/**
 * Stretches where at least `count` events fell within `windowMs` of each other: every event inside such a
 * window belongs to one, and stretches closer than `windowMs` merge. Oldest first.
 */
export function denseStretches(events: readonly TimedEvent[], windowMs: number, count: number): TimedEvent[][] {
  const marked: boolean[] = new Array<boolean>(events.length).fill(false);
  let start = 0;
  let markedTo = -1;
  for (let end = 0; end < events.length; end += 1) {
    const t = (events[end] as TimedEvent).t;
    while ((events[start] as TimedEvent).t <= t - windowMs) start += 1;
    if (end - start + 1 >= count) {
      for (let i = Math.max(start, markedTo + 1); i <= end; i += 1) marked[i] = true;
      markedTo = end;
    }
  }
  return gapGroups(events.filter((_, i) => marked[i]), windowMs);
}

/** Splits events where the gap between neighbours exceeds `gapMs`. */
export function gapGroups(events: readonly TimedEvent[], gapMs: number): TimedEvent[][] {
  const groups: TimedEvent[][] = [];
  for (const event of events) {
    const group = groups.at(-1);
    const last = group?.at(-1);
    if (group && last && event.t - last.t <= gapMs) group.push(event);
    else groups.push([event]);
  }
  return groups;
}
