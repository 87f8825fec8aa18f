// The handlers of the `policy.*` and `audit.*` channels: Settings → Policy, the Audit screen and the CLI's
// `airlock policy` / `airlock audit` read the policy service and the audit trail through their faces here.
// Like every handler they run only behind the guard (decided and recorded). A part that is absent (a test gave
// the guard fakes) or not in this build answers a typed E_UNAVAILABLE — never an empty answer that would
// pretend there is nothing to show. Never returns a key; records carry no secrets by construction.
import path from 'node:path';
import { isChannel } from '../../../shared/contract/contract';
import { AUDIT_PAGE_DEFAULT, type AnomalyHintView, type AuditRecordView, type AuditStatusView, type VerifyProgressView } from '../../../shared/contract/schemas/audit';
import { AirlockError } from '../../../shared/errors/airlock-error';
import type { AuditRecord, AuditTrail } from '../audit';
import type { ServiceHandlers } from '../gateway';
import { parseResourceName, type PolicyService } from '../policy';
import type { Clock } from '../ports';
import { MEMORY_KEYCHAIN_BACKEND } from '../vault';
import { auditExportName, writeExportFile, type AuditExportTarget } from './audit-export-target';
import { explanationView, policyView } from './policy-view';
import { createVerifyRunner } from './verify-runner';

/** What audit.anomalies reads: the anomaly detector's hints, all accounts, newest first. */
export interface AnomalyHintSource {
  hints(): Promise<readonly AnomalyHintView[]>;
}

/** What audit.status shows of the forwarder (its ForwardingStatus satisfies it). */
export interface ForwardingStatusSource {
  readonly state: string;
  readonly target: { readonly host: string; readonly port: number; readonly format: string } | null;
  /** The last seq known delivered. */
  readonly delivered: number;
  readonly words: string;
}

export interface AuditPolicyDeps {
  /** null: a test gave the guard its own decision point. */
  readonly policy: Promise<PolicyService> | null;
  /** null: a test gave the guard its own audit appender. */
  readonly audit: Promise<AuditTrail> | null;
  /** null: no anomaly detector in this composition. */
  readonly anomalies: Promise<AnomalyHintSource> | AnomalyHintSource | null;
  /** The forwarder's status; absent or null: not forwarding. */
  readonly forwarding?: () => ForwardingStatusSource | null;
  readonly exportTarget: AuditExportTarget;
  readonly clock: Clock;
  /**
   * The keychain's backend label. The memory keychain (preview, tests) answers like an OS keychain, but its keys
   * end with the run, so audit.status must not call it "the OS keychain".
   */
  readonly keychainBackend?: () => Promise<string | null>;
  /** Told the running verify's progress (the audit.verifyProgress push event). */
  readonly onVerifyProgress?: (progress: VerifyProgressView) => void;
}

/** Plain words for a trail whose keys sit in a keychain that lives only in memory. */
const MEMORY_KEYCHAIN_WORDS = 'This Airlock has no OS keychain (its keychain is kept in memory), so the audit trail\u2019s keys last only while it runs.';

function unavailable(message: string): AirlockError {
  return new AirlockError('E_UNAVAILABLE', {
    message,
    hint: 'Restart Airlock. If this keeps happening, choose Settings → Export diagnostics and send the file to your support team.',
    retryable: false,
  });
}

async function need<T>(part: Promise<T> | T | null, what: string): Promise<T> {
  if (part === null) throw unavailable(what);
  return part;
}

function forwardingView(status: ForwardingStatusSource | null): AuditStatusView['forwarding'] {
  if (!status?.target) return null;
  const { host, port, format } = status.target;
  return { state: status.state, target: `${host.includes(':') ? `[${host}]` : host}:${port} (${format})`, deliveredSeq: status.delivered, words: status.words };
}

/** The trail's record as is (it holds no secrets by construction), in the contract's mutable shape. */
function recordView(record: AuditRecord): AuditRecordView {
  const { addresses, payload, response, ...rest } = record;
  return { ...rest, ...(addresses ? { addresses: [...addresses] } : {}), ...(payload ? { payload: { ...payload } } : {}), ...(response ? { response: { ...response } } : {}) };
}

export function policyHandlers(deps: AuditPolicyDeps): ServiceHandlers['policy'] {
  const policy = () => need(deps.policy, 'The admin policy service is not available in this Airlock.');
  return {
    show: async () => policyView(await policy()),
    explain: async ({ action, resource }, ctx) => {
      if (!isChannel(action)) throw new AirlockError('E_BAD_REQUEST', { message: `'${action}' is not an action of this Airlock.`, hint: 'Name a channel such as workspace.models (see docs/technical/ipc-contract.md).' });
      const parsed = parseResourceName(resource);
      if (!parsed.ok) throw new AirlockError('E_BAD_REQUEST', { message: `The resource is not valid: ${parsed.message}.`, hint: "Write it as type:id, for example 'workspace:<id>' or 'app:airlock'." });
      // As if the caller did it now: their account, MFA facts, this machine's addresses, the route, the time.
      return explanationView((await policy()).explain(action, parsed.resource, ctx));
    },
  };
}

export function auditHandlers(deps: AuditPolicyDeps): ServiceHandlers['audit'] {
  const trail = () => need(deps.audit, 'The audit trail is not available in this Airlock.');
  const verifier = createVerifyRunner(deps.onVerifyProgress);
  return {
    status: async () => {
      const status = (await trail()).status();
      const policy = deps.policy ? await deps.policy : null;
      const inMemory = status.keychain === 'keychain' && (await deps.keychainBackend?.().catch(() => null)) === MEMORY_KEYCHAIN_BACKEND;
      return {
        writable: status.writable,
        reason: status.reason,
        lastSeq: status.lastSeq,
        keychain: inMemory ? 'memory' : status.keychain,
        keychainReason: inMemory ? MEMORY_KEYCHAIN_WORDS : status.keychainReason,
        durability: status.durability,
        location: status.location,
        retentionDays: policy ? policy.settings().auditRetentionDays.value : null,
        forwarding: forwardingView(deps.forwarding?.() ?? null),
      };
    },
    list: async ({ filter, before, after, limit }) => {
      const page = await (await trail()).query(filter ?? {}, { limit: limit ?? AUDIT_PAGE_DEFAULT, ...(before === undefined ? {} : { before }), ...(after === undefined ? {} : { after }) });
      return { records: page.records.map(recordView), hasOlder: page.hasOlder, hasNewer: page.hasNewer };
    },
    verify: async () => {
      const t = await trail();
      return verifier.run((onProgress, signal) => t.verify(onProgress, signal));
    },
    verifyProgress: async () => {
      await trail();
      return verifier.progress();
    },
    cancelVerify: async () => {
      await trail();
      return { cancelled: verifier.cancel() };
    },
    export: async ({ format, filter }) => {
      const t = await trail();
      const chosen = await deps.exportTarget(auditExportName(deps.clock.now(), format), format);
      if (!chosen) return { saved: false, file: null, format, records: 0, checkpointSeq: null };
      const file = path.resolve(chosen);
      const summary = await writeExportFile(file, (write) => t.export(format, filter ?? {}, write));
      return { saved: true, file, format, records: summary.records, checkpointSeq: summary.checkpoint?.seq ?? null };
    },
    anomalies: async () => {
      if (deps.anomalies === null) throw unavailable('Anomaly hints are not available in this build.');
      const source = await deps.anomalies;
      return { hints: [...(await source.hints())].map((h) => ({ ...h, evidenceSeqs: [...h.evidenceSeqs] })) };
    },
  };
}
