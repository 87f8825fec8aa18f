// What the admin policy's managed settings do outside the guard: each (re)load is recorded in the audit trail
// ('policy.loaded'), the vaults' idle lock follows idleLockMinutes (open vaults too), and the trail is pruned
// to auditRetentionDays at start, on a schedule and on every change. historyRetentionDays has no consumer
// until invoke history exists. Nothing here decides an action; a failure here is logged and never stops Airlock.
import type { AuditTrail } from '../../audit';
import type { PolicyService } from '../../policy';
import type { Clock, Logger, Scheduler } from '../../ports';
import { startAuditRetention, type AuditRetention } from './audit-retention';
import { idleLockMsOf } from './idle-lock-setting';
import { policyLoadedEvent } from './policy-loaded-event';

export interface PolicyEffectsDeps {
  /** Null when a test gave the guard its own decision point: then nothing here runs. */
  readonly policy: Promise<PolicyService> | null;
  /** Null when a test gave the guard its own audit port: no records, no pruning. */
  readonly trail: Promise<AuditTrail> | null;
  /** The configured idle lock (AirlockConfig.idleLockMs); undefined: the default. */
  readonly configIdleLockMs: number | undefined;
  /** Sets the idle lock of every open vault. */
  readonly applyIdleLockMs: (ms: number) => void;
  readonly clock: Clock;
  /** Runs the retention schedule. */
  readonly scheduler: Scheduler;
  readonly logger: Logger;
  readonly retentionEveryMs?: number;
}

export interface PolicyEffects {
  /** The idle lock a new vault starts with (undefined until the policy is known and none is configured). */
  idleLockMs(): number | undefined;
  /** Resolves once the start-up effects ran (record, idle lock, first prune); never rejects. */
  readonly started: Promise<void>;
  /** Resolves once the effects of the latest policy change, and any prune running, are done (tests). */
  settled(): Promise<void>;
  dispose(): void;
}

export function startPolicyEffects(deps: PolicyEffectsDeps): PolicyEffects {
  const { logger } = deps;
  let idleLockMs = deps.configIdleLockMs;
  let disposed = false;
  let unsubscribe: () => void = () => undefined;
  let retention: AuditRetention | null = null;
  let latest: Promise<void> = Promise.resolve();

  const trail = deps.trail?.catch(() => null) ?? Promise.resolve(null);

  const record = async (service: PolicyService): Promise<void> => {
    const t = await trail;
    if (!t || disposed) return;
    // Not required: a trail that cannot write refuses audited actions itself; the load stays in force.
    await t.append(policyLoadedEvent(service.effective())).catch(() => logger.log('warn', 'policy.loaded.unrecorded', { source: service.effective().source.kind }));
  };

  const applyIdleLock = (service: PolicyService): void => {
    idleLockMs = idleLockMsOf(service.settings(), deps.configIdleLockMs);
    try {
      deps.applyIdleLockMs(idleLockMs);
    } catch {
      logger.log('warn', 'policy.idle-lock.refused', { ms: idleLockMs });
    }
  };

  const apply = async (service: PolicyService): Promise<void> => {
    applyIdleLock(service);
    await record(service);
    await retention?.pruneNow();
  };

  const started = (async () => {
    const service = await deps.policy?.catch(() => null);
    if (!service || disposed) return;
    const t = await trail;
    if (t && !disposed) {
      retention = startAuditRetention({ trail: t, days: () => service.settings().auditRetentionDays.value, clock: deps.clock, scheduler: deps.scheduler, logger, ...(deps.retentionEveryMs ? { everyMs: deps.retentionEveryMs } : {}) });
    }
    unsubscribe = service.onChange(() => {
      if (!disposed) latest = latest.then(() => apply(service)).catch(() => logger.log('warn', 'policy.effects.failed'));
    });
    latest = apply(service);
    await latest;
  })().catch(() => logger.log('warn', 'policy.effects.failed'));

  return {
    idleLockMs: () => idleLockMs,
    started,
    settled: async () => {
      await started;
      await latest;
      await retention?.idle();
    },
    dispose() {
      disposed = true;
      unsubscribe();
      retention?.stop();
    },
  };
}
