// Audit retention from the admin policy: prunes the trail of records older than auditRetentionDays, at start,
// on a schedule and whenever the policy changes. The trail prunes at a checkpoint and records 'audit.pruned'
// in the same transaction, so what remains still verifies. One prune at a time; a failure is logged, never
// thrown (retention must not stop Airlock), and never prunes more than the policy's days allow.
import type { AuditTrail } from '../../audit';
import type { Clock, Logger, ScheduledTask, Scheduler } from '../../ports';

const DAY_MS = 86_400_000;
export const RETENTION_EVERY_MS = 60 * 60_000;

export interface AuditRetentionDeps {
  readonly trail: Pick<AuditTrail, 'prune'>;
  /** The policy's auditRetentionDays now. */
  readonly days: () => number;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly logger: Logger;
  readonly everyMs?: number;
}

export interface AuditRetention {
  /** Prunes now (joins a prune already running); resolves when done, never rejects. */
  pruneNow(): Promise<void>;
  /** Resolves when no prune is running (tests, and dispose). */
  idle(): Promise<void>;
  stop(): void;
}

export function startAuditRetention(deps: AuditRetentionDeps): AuditRetention {
  const everyMs = deps.everyMs ?? RETENTION_EVERY_MS;
  let running: Promise<void> | null = null;
  let again = false;
  let task: ScheduledTask | null = null;
  let stopped = false;

  const pruneOnce = async (): Promise<void> => {
    const days = deps.days();
    if (!Number.isFinite(days) || days <= 0) return;
    const before = new Date(deps.clock.now().getTime() - days * DAY_MS);
    try {
      const pruned = await deps.trail.prune(before);
      if (pruned) deps.logger.log('info', 'audit.retention.pruned', { through: pruned.prunedThrough, days });
    } catch {
      deps.logger.log('warn', 'audit.retention.failed', { days });
    }
  };

  const pruneNow = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) {
      // A policy change during a prune: prune once more afterwards with the new days.
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await pruneOnce();
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
    return running;
  };

  const arm = (): void => {
    task = deps.scheduler.schedule(everyMs, () => {
      task = null;
      if (stopped) return;
      void pruneNow().finally(() => {
        if (!stopped) arm();
      });
    });
  };
  arm();

  return {
    pruneNow,
    idle: () => running ?? Promise.resolve(),
    stop() {
      stopped = true;
      task?.cancel();
      task = null;
    },
  };
}
