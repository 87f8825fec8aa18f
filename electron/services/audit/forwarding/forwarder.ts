// Audit forwarding: streams the trail to the syslog collector the admin policy names (RFC 5425, CEF or JSON),
// and nowhere else. The trail itself is the queue: a durable cursor in the database (one per collector) says
// which seq was last delivered, so records written while the collector is down, or while Airlock was not
// running, are sent when it is back.
// "Delivered" cannot be known exactly: RFC 5425 has no acknowledgements. A batch counts as delivered once it was
// flushed to the OS AND the connection then stayed up for the settle period; a connection that breaks before that
// sends the batch again (same seq, same hash, so the collector can drop the repeat). What this does and does not
// promise is in docs/technical/audit-forwarding.md.
// Timers run on the scheduler port, never the wall clock. Never sends but to host:port, verified, and never a key.
import { hostname as osHostname } from 'node:os';
import { readFile as fsReadFile } from 'node:fs/promises';
import { AirlockError } from '../../../../shared/errors/airlock-error';
import { systemClock, systemScheduler, type Clock, type Logger, type ScheduledTask, type Scheduler } from '../../ports';
import type { AuditTrail } from '../audit-trail';
import { backoffDelay } from './backoff';
import { collectorStalled } from './collector-errors';
import type { CollectorLink, ConnectCollector } from './collector-link';
import { openCollector } from './collector-open';
import { forwardingError as asError, statusListeners, withWords, type ForwardingError, type ForwardingState, type ForwardingStatus } from './forwarding-status';
import { cursorName, sameTarget, targetLabel, type ForwardingTarget } from './forwarding-target';
import { octetFrame, syslogMessage } from './syslog-message';
import { DEFAULT_FORWARDING_TIMING, stallAfter, type ForwardingTiming } from './forwarding-timing';
import { connectTlsCollector } from './tls-collector-link';

export interface ForwarderOptions {
  readonly trail: Pick<AuditTrail, 'recordsAfter' | 'cursor' | 'status'>;
  /** The collector connection; default TLS (tls-collector-link.ts). */
  readonly connect?: ConnectCollector;
  readonly readFile?: (file: string) => Promise<string>;
  readonly scheduler?: Scheduler;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** HOSTNAME in each message; default this machine's name. */
  readonly hostname?: string;
  readonly timing?: Partial<ForwardingTiming>;
  readonly random?: () => number;
}

export interface Forwarder {
  /** The policy's forwarding target, or null (forwarding off). The same target again changes nothing. */
  configure(target: ForwardingTarget | null): void;
  /** New records were appended: send them now rather than at the next poll. */
  notify(): void;
  status(): ForwardingStatus;
  /** Called on every change of status; returns the unsubscribe. */
  onStatus(listener: (status: ForwardingStatus) => void): () => void;
  /** Stops forwarding, ending the connection cleanly (see drain); records still unsettled are sent again next time. */
  close(): Promise<void>;
}

export function createForwarder(options: ForwarderOptions): Forwarder {
  const { trail } = options;
  const timing: ForwardingTiming = { ...DEFAULT_FORWARDING_TIMING, ...options.timing };
  const scheduler = options.scheduler ?? systemScheduler;
  const clock = options.clock ?? systemClock;
  const connect = options.connect ?? connectTlsCollector;
  const readFile = options.readFile ?? ((file: string) => fsReadFile(file, 'utf8'));
  const origin = { hostname: options.hostname ?? osHostname() };
  const log = (level: 'info' | 'warn', event: string, fields: Record<string, string | number>) => options.logger?.log(level, event, fields);

  let target: ForwardingTarget | null = null;
  let generation = 0;
  let closed = false;
  let cursor: ReturnType<AuditTrail['cursor']> | null = null;
  let delivered = 0;
  let sent = 0;
  let link: CollectorLink | null = null;
  let connecting: AbortController | null = null;
  let state: ForwardingState = 'off';
  let lastError: ForwardingError | null = null;
  let attempts = 0;
  let retry: { task: ScheduledTask; delayMs: number } | null = null;
  let poll: ScheduledTask | null = null;
  const settling = new Set<ScheduledTask>();
  let pumping = false;
  let notifyQueued = false;
  let again = false;
  let persisting: Promise<void> = Promise.resolve();
  /** The last seq settled per cursor in this run: ahead of the database while its write is pending (a reconfigure right after a settle). */
  const settledAt = new Map<string, number>();
  const listeners = statusListeners();

  const status = (): ForwardingStatus => {
    const queued = target ? Math.max(0, trail.status().lastSeq - delivered) : 0;
    return withWords({ state, target: target && { host: target.host, port: target.port, format: target.format }, delivered, sent, queued, lastError, retryInMs: retry?.delayMs ?? null });
  };
  const emit = () => listeners.emit(status());
  const setState = (next: ForwardingState) => {
    state = next;
    emit();
  };

  function cancelTimers(): void {
    for (const task of [retry?.task, poll, ...settling]) task?.cancel();
    retry = null;
    poll = null;
    settling.clear();
  }

  function schedulePoll(): void {
    poll ??= scheduler.schedule(timing.pollMs, () => {
      poll = null;
      void pump();
    });
  }

  function scheduleRetry(error: unknown): void {
    lastError = asError(error, clock.now());
    attempts += 1;
    const delayMs = backoffDelay(attempts, { firstMs: timing.backoffFirstMs, maxMs: timing.backoffMaxMs }, options.random);
    retry?.task.cancel();
    retry = {
      delayMs,
      task: scheduler.schedule(delayMs, () => {
        retry = null;
        void pump();
      }),
    };
    log('warn', 'audit.forwarding_failed', { target: target ? targetLabel(target) : '', code: lastError.code, retryInMs: delayMs });
    setState('waiting');
  }

  /** Closes the connection this side (it reports no failure for that), or drops one still being made. */
  function dropLink(): void {
    const current = link;
    link = null;
    current?.close();
    connecting?.abort(new Error('forwarding stopped'));
    connecting = null;
  }

  /** Closing with records sent but not settled: end cleanly; the collector closing its side too means it read them. */
  async function drain(): Promise<void> {
    const current = link;
    if (!current?.isOpen() || sent <= delivered) return;
    link = null;
    if (await stallAfter(scheduler, timing.settleMs, current.finish(), () => current.close()).catch(() => false)) {
      delivered = sent;
      persist(sent);
    }
    current.close();
  }

  /** The connection broke: what was sent but not settled is sent again on the next one. */
  function linkFailed(failed: CollectorLink, error: unknown): void {
    if (link !== failed) return;
    link = null;
    failed.close();
    for (const task of settling) task.cancel();
    settling.clear();
    sent = delivered;
    scheduleRetry(error);
  }

  function persist(seq: number): void {
    const current = cursor;
    if (target) settledAt.set(cursorName(target), seq);
    persisting = persisting
      .then(() => current?.set(seq))
      .catch((error: unknown) => log('warn', 'audit.forwarding_cursor_failed', { code: error instanceof AirlockError ? error.code : 'unknown' }));
  }

  /** After the settle period on a connection still up: records through `seq` count as delivered. */
  function settle(on: CollectorLink, seq: number): void {
    const task = scheduler.schedule(timing.settleMs, () => {
      settling.delete(task);
      if (link !== on || !on.isOpen()) return;
      attempts = 0;
      lastError = null;
      if (seq > delivered) {
        delivered = seq;
        persist(seq);
      }
      emit();
      void pump();
    });
    settling.add(task);
  }

  /** Reads the target's cursor once the trail is open (a trail that has not opened has no cursor yet). */
  function loadCursor(of: ForwardingTarget): boolean {
    const trailStatus = trail.status();
    if (trailStatus.lastSeq === 0) return false;
    cursor = trail.cursor(cursorName(of));
    const stored = Math.max(cursor.get(), settledAt.get(cursorName(of)) ?? 0);
    // A database cut back without a keychain to notice: seqs after its end are new records, not delivered ones.
    delivered = Math.min(stored, trailStatus.lastSeq);
    sent = delivered;
    return true;
  }

  async function openLink(gen: number, to: ForwardingTarget): Promise<CollectorLink | null> {
    setState('connecting');
    const abort = new AbortController();
    connecting = abort;
    try {
      const opened = await openCollector(to, { connect, readFile, scheduler, stallMs: timing.stallMs }, abort);
      if (gen !== generation) {
        opened.close();
        return null;
      }
      link = opened;
      opened.onEnded((failure) => failure && linkFailed(opened, failure));
      log('info', 'audit.forwarding_connected', { target: targetLabel(to) });
      setState('connected');
      settle(opened, sent);
      return opened;
    } catch (error) {
      if (gen === generation) scheduleRetry(error);
      return null;
    } finally {
      if (connecting === abort) connecting = null;
    }
  }

  async function step(gen: number): Promise<void> {
    const to = target;
    if (!to || closed || retry) return;
    if (!cursor && !loadCursor(to)) {
      lastError = asError(new AirlockError('E_AUDIT_UNAVAILABLE', { message: 'The audit trail is not open yet, so there is nothing to forward.' }), clock.now());
      schedulePoll();
      setState('waiting');
      return;
    }
    const current = link ?? (await openLink(gen, to));
    while (current && gen === generation && link === current && current.isOpen()) {
      if (sent - delivered >= timing.maxInFlight) return;
      const records = await trail.recordsAfter(sent, timing.batch).catch(() => null);
      if (gen !== generation || link !== current) return;
      if (records === null || records.length === 0) {
        schedulePoll();
        if (state !== 'connected') setState('connected');
        return;
      }
      if (sent > 0 && records[0]!.seq > sent + 1) log('warn', 'audit.forwarding_gap', { from: sent + 1, to: records[0]!.seq - 1 });
      const data = Buffer.concat(records.map((record) => octetFrame(syslogMessage(record, to.format, origin))));
      try {
        await stallAfter(scheduler, timing.stallMs, current.send(data), () => linkFailed(current, collectorStalled(to, 'send')));
      } catch (error) {
        linkFailed(current, error);
        return;
      }
      if (gen !== generation || link !== current) return;
      sent = records.at(-1)!.seq;
      emit();
      settle(current, sent);
    }
  }

  async function pump(): Promise<void> {
    if (pumping) {
      again = true;
      return;
    }
    pumping = true;
    try {
      do {
        again = false;
        await step(generation);
      } while (again && !closed);
    } finally {
      pumping = false;
    }
  }

  return {
    configure(next) {
      if (closed || sameTarget(target, next)) return;
      generation += 1;
      cancelTimers();
      dropLink();
      cursor = null;
      attempts = 0;
      lastError = null;
      target = next ? { ...next } : null;
      delivered = 0;
      sent = 0;
      if (!target) {
        setState('off');
        return;
      }
      loadCursor(target);
      void pump();
    },
    notify() {
      // Called by every append, inside the caller's await chain: reading the new records back, scrubbing them
      // and writing the socket waits for the next turn (one pump for every append of this one), so the action
      // that appended goes on first (a score's request leaves before its records are forwarded).
      if (!target || retry || closed || notifyQueued) return;
      notifyQueued = true;
      setImmediate(() => {
        notifyQueued = false;
        if (target && !retry && !closed) void pump();
      });
    },
    status,
    onStatus: (listener) => listeners.add(listener),
    async close() {
      if (closed) return;
      closed = true;
      generation += 1;
      cancelTimers();
      await drain();
      dropLink();
      await persisting;
    },
  };
}
