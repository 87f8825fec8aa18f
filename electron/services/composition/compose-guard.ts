// The guard's two services for the composition root: the machine-wide admin policy (the platform's source —
// /etc/airlock, HKLM\Software\Policies\Airlock, managed preferences — else the bundled default; a machine
// policy that exists but is broken fails closed, never allow-all) and the tamper-evident audit trail in
// <userData>/audit/ with its keys in the OS keychain. Both start asynchronously; the guard waits for them.
// When the policy names a syslog collector, the trail is forwarded there (compose-forwarding.ts).
// Tests may give fakes for either (GuardPorts); nothing here allows or records anything by itself.
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createAnomalyDetector, createAuditTrail, observeAppends, type AnomalyDetector, type AuditTrail } from '../audit';
import type { AuditAppender, MachineAddresses, PolicyDecisionPoint } from '../guard';
import { createMachinePolicySource, createPolicyService, type PolicyService, type PolicySource } from '../policy';
import { systemScheduler, type Clock, type Logger } from '../ports';
import type { Keychain } from '../vault';
import { composeForwarding, type ForwardingWiring } from './compose-forwarding';

/** The guard's parts; tests pass fakes. Absent: the composition root builds the real ones. */
export interface GuardPorts {
  /** A decision point to use instead of the policy service (tests). */
  readonly policy?: PolicyDecisionPoint;
  /** Where the machine-wide policy comes from; null: none (the bundled default applies). Default: this platform's. */
  readonly policySource?: PolicySource | null;
  /** An audit trail to use instead of the one in <userData>/audit (tests). */
  readonly audit?: AuditAppender;
  /** This machine's addresses; by default os.networkInterfaces(), cached. */
  readonly addresses?: MachineAddresses;
}

export interface GuardServices {
  /** The policy service (null when a test gave its own decision point). */
  readonly policyService: Promise<PolicyService> | null;
  /** The audit trail (null when a test gave its own). */
  readonly auditTrail: Promise<AuditTrail> | null;
  /** Anomaly hints over the audit trail, fed by the guard's appends (null when a test gave its own trail). */
  readonly anomalies: AnomalyDetector | null;
  /** The hints for the guard's request context (null without a detector); waits for the policy's first load. */
  readonly contextAnomalies: ((accountId: string | null) => Promise<readonly string[]>) | null;
  readonly policy: Promise<PolicyDecisionPoint> | PolicyDecisionPoint;
  readonly audit: Promise<AuditAppender> | AuditAppender;
  /** Audit forwarding to the policy's collector: status() for audit.status (null while off). */
  readonly forwarding: Pick<ForwardingWiring, 'status' | 'ready'>;
  dispose(): Promise<void>;
}

export interface GuardServicesDeps {
  readonly ports: GuardPorts | undefined;
  readonly userDataDir: string;
  readonly keychain: Keychain;
  readonly clock: Clock;
  readonly logger: Logger;
}

export function composeGuardServices(deps: GuardServicesDeps): GuardServices {
  // Their timers (policy reload debounce, checkpoints) run on the system scheduler: the identity port's
  // scheduler is the idle lock's, which tests drive by hand.
  const { ports, clock, logger } = deps;

  const policyService = ports?.policy
    ? null
    : createPolicyService({
        machine: ports?.policySource === undefined ? createMachinePolicySource() : ports.policySource,
        clock,
        logger,
      });

  const auditFolder = path.join(deps.userDataDir, 'audit');
  const auditTrail = ports?.audit
    ? null
    : mkdir(auditFolder, { recursive: true, mode: 0o700 }).then(() =>
        createAuditTrail({
          file: path.join(auditFolder, 'audit.db'),
          keychain: deps.keychain,
          // One set of keychain entries per database file: another user-data folder is another trail.
          name: createHash('sha256').update(path.resolve(auditFolder)).digest('hex').slice(0, 16),
          clock,
          logger,
        }),
      );

  const forwarding = composeForwarding({ policy: policyService, trail: auditTrail, scheduler: systemScheduler, clock, logger });

  // Hints are learned from the trail's last 30 days, then from every record the guard appends (once durable).
  // Which kinds block is the policy's (anomalies.block); a hint never blocks by itself.
  let blocking: readonly string[] = [];
  const blockingKnown = (policyService ?? Promise.resolve(null))
    .then((p) => {
      const follow = () => (blocking = p?.settings().anomalyBlock.value ?? []);
      follow();
      p?.onChange(follow);
    })
    .catch(() => undefined);
  const anomalies = auditTrail ? createAnomalyDetector({ trail: auditTrail, clock, policyBlocking: () => blocking, logger }) : null;
  // A context is built before the guard waits for the policy: know what blocks first (a settled promise after
  // start), so a blocking kind is never missed while the history is still being read.
  const contextAnomalies = anomalies
    ? async (accountId: string | null) => {
        await blockingKnown;
        return anomalies.activeForDecision(accountId);
      }
    : null;
  const observed = (appender: AuditAppender): AuditAppender => (anomalies ? observeAppends(appender, anomalies) : appender);

  return {
    policyService,
    auditTrail,
    anomalies,
    contextAnomalies,
    policy: ports?.policy ?? policyService!,
    // Each record the guard appends nudges the forwarder (sent now, not at its next poll).
    audit: ports?.audit ?? auditTrail!.then((trail) => observed(forwarding.notifying(trail))),
    forwarding,
    async dispose() {
      anomalies?.dispose();
      await forwarding.dispose(); // before the trail closes: its cursor is in the trail
      await policyService?.then((p) => p.dispose()).catch(() => undefined);
      await auditTrail?.then((a) => a.close()).catch(() => undefined);
    },
  };
}
