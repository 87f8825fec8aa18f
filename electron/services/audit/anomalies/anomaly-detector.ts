// The anomaly detector: hints computed locally from the audit trail (seed 002's "detect anomalies"). It reads
// the last 30 days once at start, then learns from every record the guard appends (observe), so answering
// is cheap: activeFor() is synchronous, from memory, for the guard's request context on every call; hints()
// lists what it noticed in the last day for the Audit screen and the CLI. A hint never blocks by itself: the
// policy's anomalies.block decides that (the guard hands activeFor() to the policy decision point).
// It never fails a call: a trail it cannot read leaves it knowing nothing (and says so in the log).
import type { Clock, Logger } from '../../ports';
import type { AccountActivity } from './account-activity';
import { createAccountActivity, forgetOld, learn } from './account-activity';
import { ANOMALY_THRESHOLDS as T, type AnomalyHint, type AnomalyKind, type ObservedRecord } from './anomaly-hint';
import type { Episode } from './episode';
import { loadHistory, type AnomalyTrail } from './history-load';
import { createLocalTime } from './local-time';
import { newNetworkEpisodes, newNetworkNow } from './new-network';
import { repeatedFailuresEpisodes, repeatedFailuresNow } from './repeated-failures';
import { unusualHoursAt, unusualHoursEpisodes } from './unusual-hours';
import { volumeSpikeEpisodes, volumeSpikeNow } from './volume-spike';

export interface AnomalyDetectorOptions {
  /** The audit trail (or its opening); read once at start. */
  readonly trail: AnomalyTrail | Promise<AnomalyTrail>;
  readonly clock: Clock;
  /** The kinds the policy blocks (PolicyService.settings().anomalyBlock), for the hints' `blocking`. */
  readonly policyBlocking: () => readonly string[];
  /** The zone of the user's usual hours; default this machine's. */
  readonly timeZone?: string;
  readonly logger?: Logger;
}

export interface AnomalyDetector {
  /** Settles once the history is read (or could not be). */
  readonly ready: Promise<void>;
  /** What was noticed in the last day, all accounts, newest first. */
  hints(): Promise<AnomalyHint[]>;
  /** The kinds active for this account right now (null: nobody signed in). Synchronous, from memory. */
  activeFor(accountId: string | null): readonly AnomalyKind[];
  /**
   * For the guard's decision: activeFor, except that while the history is still being read and the policy
   * blocks some kind, it waits for the history first — so a block is never missed at start (the CLI decides
   * its one call right after starting). Without a blocking kind it never waits: a hint alone changes nothing.
   */
  activeForDecision(accountId: string | null): readonly AnomalyKind[] | Promise<readonly AnomalyKind[]>;
  /** Learns one record the trail has just written. */
  observe(record: ObservedRecord): void;
  dispose(): void;
}

const HOUR = 3_600_000;

export function createAnomalyDetector(options: AnomalyDetectorOptions): AnomalyDetector {
  const { clock } = options;
  const time = createLocalTime(options.timeZone);
  const accounts = new Map<string | null, AccountActivity>();
  /** Records observed while the history loads; learned after it, unless the history already held them. */
  let pending: ObservedRecord[] | null = [];
  let loaded = false;
  let disposed = false;
  let forgotAt = clock.now().getTime();

  const accountOf = (accountId: string | null): AccountActivity => {
    let account = accounts.get(accountId);
    if (!account) accounts.set(accountId, (account = createAccountActivity(accountId)));
    return account;
  };
  const timeOf = (record: ObservedRecord): number => (record.time === undefined ? clock.now().getTime() : Date.parse(record.time));
  const learnOne = (record: ObservedRecord) => learn(accountOf(record.accountId), record, timeOf(record), time);

  /**
   * Records observed after start, learned just after the append that wrote them has answered (two event-loop
   * turns: off the guarded call's path) — or sooner, by whatever reads what was learned (activeFor, hints),
   * so no answer ever misses a record already observed.
   */
  let deferred: Array<{ record: ObservedRecord; at: number }> = [];
  let learnScheduled = false;
  const learnDeferred = (): void => {
    learnScheduled = false;
    const batch = deferred;
    deferred = [];
    for (const { record, at } of batch) {
      learn(accountOf(record.accountId), record, at, time);
      forgetIfDue(at);
    }
  };

  /** At most once an hour: forget what lies beyond the horizon. */
  const forgetIfDue = (now: number) => {
    if (now - forgotAt < HOUR) return;
    forgotAt = now;
    for (const account of accounts.values()) forgetOld(account, now, time);
  };

  const ready = (async () => {
    let newest = 0;
    try {
      const trail = await options.trail;
      newest = await loadHistory(trail, clock.now(), learnOne, () => disposed);
    } catch (thrown) {
      // After dispose the trail may close under the reader: not worth a warning.
      if (!disposed) options.logger?.log('warn', 'audit.anomalies_history_unavailable', { kind: thrown instanceof Error ? thrown.name : typeof thrown });
    }
    const queued = pending ?? [];
    pending = null;
    loaded = true;
    for (const record of queued) if (record.seq > newest) learnOne(record);
  })();

  function activeFor(accountId: string | null): readonly AnomalyKind[] {
    if (deferred.length > 0) learnDeferred();
    const account = accounts.get(accountId);
    if (!account || disposed) return [];
    const now = clock.now().getTime();
    const active: AnomalyKind[] = [];
    if (unusualHoursAt(account, now, time)) active.push('unusual-hours');
    if (volumeSpikeNow(account, now)) active.push('volume-spike');
    if (repeatedFailuresNow(account, now)) active.push('repeated-failures');
    if (newNetworkNow(account, now)) active.push('new-network');
    return active;
  }

  function hintOf(account: AccountActivity, episode: Episode, blocking: boolean): AnomalyHint {
    const evidence = episode.events.slice(-T.maxEvidence).map((e) => e.seq);
    return {
      kind: episode.kind,
      accountId: account.accountId,
      username: account.username,
      since: new Date(episode.since).toISOString(),
      summary: `${episode.summary} ${blocking ? "Your organization's policy refuses this account's actions while it lasts." : 'A hint only: it blocks nothing by itself.'}`,
      blocking,
      evidenceSeqs: evidence.sort((a, b) => a - b),
    };
  }

  return {
    ready,
    activeFor,
    activeForDecision(accountId) {
      if (loaded || options.policyBlocking().length === 0) return activeFor(accountId);
      return ready.then(() => activeFor(accountId));
    },
    async hints() {
      await ready;
      if (disposed) return [];
      if (deferred.length > 0) learnDeferred();
      const now = clock.now().getTime();
      forgetIfDue(now);
      const blocked = options.policyBlocking();
      const hints: { hint: AnomalyHint; last: number }[] = [];
      for (const account of accounts.values()) {
        const active = activeFor(account.accountId);
        const episodes = [
          ...unusualHoursEpisodes(account, now, time),
          ...volumeSpikeEpisodes(account, now),
          ...repeatedFailuresEpisodes(account, now),
          ...newNetworkEpisodes(account, now),
        ].sort((a, b) => b.last - a.last);
        // Only the latest episode of a kind is the one going on now; earlier ones that day block nothing.
        const current = new Set<AnomalyKind>();
        for (const episode of episodes) {
          const latest = !current.has(episode.kind);
          current.add(episode.kind);
          const blocking = latest && blocked.includes(episode.kind) && active.includes(episode.kind);
          hints.push({ hint: hintOf(account, episode, blocking), last: episode.last });
        }
      }
      return hints
        .sort((a, b) => b.hint.since.localeCompare(a.hint.since) || b.last - a.last)
        .slice(0, T.maxHints)
        .map((h) => h.hint);
    },
    observe(record) {
      if (disposed) return;
      if (pending) {
        pending.push(record);
        return;
      }
      deferred.push({ record, at: timeOf(record) });
      if (!learnScheduled) {
        learnScheduled = true;
        setImmediate(() => setImmediate(() => !disposed && learnDeferred()));
      }
    },
    dispose() {
      disposed = true;
      pending = null;
      deferred = [];
      accounts.clear();
    },
  };
}
