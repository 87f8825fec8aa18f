// Audit forwarding for the composition root: when the admin policy names a collector
// (settings().forwarding), a forwarder streams the trail to it; every policy change configures it again
// (another collector, another format, or off — a broken policy names none, so forwarding stops and the
// records wait in the trail); each record the guard appends nudges it; dispose closes it before the trail.
// Never forwards without a policy target, never chooses a collector itself.
import { createForwarder, type AuditTrail, type ConnectCollector, type Forwarder, type ForwardingStatus } from '../audit';
import type { AuditAppender } from '../guard';
import type { PolicyService } from '../policy';
import type { Clock, Logger, Scheduler } from '../ports';

export interface ForwardingWiringDeps {
  /** null: a test gave the guard its own decision point (no policy, so no forwarding). */
  readonly policy: Promise<Pick<PolicyService, 'settings' | 'onChange'>> | null;
  /** null: a test gave the guard its own audit appender (no trail to forward). */
  readonly trail: Promise<AuditTrail> | null;
  readonly scheduler: Scheduler;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Tests may give their own collector connection; default TLS. */
  readonly connect?: ConnectCollector;
  readonly hostname?: string;
}

export interface ForwardingWiring {
  /** The forwarder's status for audit.status; null while forwarding is off or cannot exist here. */
  status(): ForwardingStatus | null;
  /** `appender`, telling the forwarder about each record it appended (sent now rather than at the next poll). */
  notifying(appender: AuditAppender): AuditAppender;
  /** Resolves once the forwarder runs with the policy's target (tests); never rejects. */
  readonly ready: Promise<void>;
  /** Closes the forwarder (call before the trail closes); unsettled records are sent again next start. */
  dispose(): Promise<void>;
}

export function composeForwarding(deps: ForwardingWiringDeps): ForwardingWiring {
  let forwarder: Forwarder | null = null;
  let unsubscribe: (() => void) | null = null;
  let disposed = false;

  const ready =
    deps.policy && deps.trail
      ? Promise.all([deps.policy, deps.trail])
          .then(([policy, trail]) => {
            if (disposed) return;
            const started = createForwarder({ trail, scheduler: deps.scheduler, clock: deps.clock, logger: deps.logger, ...(deps.connect ? { connect: deps.connect } : {}), ...(deps.hostname ? { hostname: deps.hostname } : {}) });
            forwarder = started;
            const apply = () => started.configure(policy.settings().forwarding.value);
            unsubscribe = policy.onChange(apply);
            apply();
          })
          // A policy service or trail that could not start has already said why (audit.status, policy.show).
          .catch(() => undefined)
      : Promise.resolve();

  return {
    status() {
      const now = forwarder?.status();
      return now?.target ? now : null;
    },
    notifying(appender) {
      return {
        append: async (event) => {
          const appended = await appender.append(event);
          forwarder?.notify();
          return appended;
        },
      };
    },
    ready,
    async dispose() {
      disposed = true;
      await ready;
      unsubscribe?.();
      await forwarder?.close();
    },
  };
}
