// What the anomaly detector reads and what it says: the slice of an audit record it learns from (a record
// from the trail, or an event the guard just appended with its seq), the hint it shows, and the thresholds
// behind each kind of hint. Hints are display data: ids, counts, networks and seqs — never a token, a
// payload or anything the record itself does not already hold.
import type { AnomalyKind } from '../../policy';

export type { AnomalyKind } from '../../policy';

/** The part of an audit record (or of an event the guard appended) the detector learns from. */
export interface ObservedRecord {
  readonly seq: number;
  /** ISO time of the record; absent for an event just appended (the detector's clock says when). */
  readonly time?: string;
  readonly kind: 'decision' | 'outcome' | 'system';
  readonly action: string;
  readonly accountId: string | null;
  readonly username: string | null;
  readonly decision?: 'allow' | 'deny';
  readonly outcome?: 'ok' | 'error';
  readonly errorCode?: string;
  readonly route?: string;
  readonly addresses?: readonly string[];
}

export interface AnomalyHint {
  readonly kind: AnomalyKind;
  /** Whose activity; null: calls made while nobody was signed in (e.g. failed sign-ins). */
  readonly accountId: string | null;
  readonly username: string | null;
  /** ISO time the noticed activity began. */
  readonly since: string;
  /** Plain words for the Audit screen and the CLI. */
  readonly summary: string;
  /** The policy blocks this kind (anomalies.block) and it is active now, so this account's actions are refused. */
  readonly blocking: boolean;
  /** Up to 20 seqs of the records that show it (oldest first). */
  readonly evidenceSeqs: number[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Every threshold in one place (docs/technical/anomaly-hints.md explains each). */
export const ANOMALY_THRESHOLDS = {
  /** History read at start and kept in memory, and the most records read from the trail for it. */
  historyMs: 30 * DAY,
  maxHistoryRecords: 200_000,
  /** A hint stays listed this long after the activity that raised it (activeFor answers "now" only). */
  listedForMs: DAY,
  /** unusual-hours: an hour of the week (± neighbourHours) with no activity between 30 days and 24 hours ago. */
  unusualHours: { minActiveDays: 7, minSpanMs: 14 * DAY, neighbourHours: 1, recentMs: DAY, episodeGapMs: HOUR },
  /** volume-spike: calls in the last windowMs ≥ max(minCalls, factor × the 95th percentile of the account's active windows). */
  volumeSpike: { windowMs: 10 * MINUTE, minBaselineWindows: 20, factor: 4, minCalls: 50 },
  /** repeated-failures: this many failed sign-ins, step-ups or unlocks within windowMs. */
  repeatedFailures: { windowMs: 15 * MINUTE, count: 5 },
  /** new-network: a /24 or /64 (or a route) first used in the last newForMs, by an account known for learningMs. */
  newNetwork: { newForMs: DAY, learningMs: 7 * DAY },
  /** Most recent events kept per account (counts over windows only need the newest). */
  maxRecentPerAccount: 50_000,
  /** Networks and routes remembered per account (a machine forever changing networks stops teaching past it). */
  maxPlacesPerAccount: 5_000,
  maxEvidence: 20,
  /** hints() lists at most this many, newest first (the contract's bound). */
  maxHints: 500,
} as const;

/**
 * Not counted as activity (volume, hours): calls that poll status (the app asks them on its own, not the user),
 * and the Audit screen's and Settings → Policy's reads of the trail and the policy — scrolling or verifying
 * makes hundreds, and they reach no workspace. audit.export stays counted: it writes the trail out to a file.
 */
export const PASSIVE_ACTIONS: ReadonlySet<string> = new Set([
  'app.info',
  'app.health',
  'auth.signInProgress',
  'auth.session',
  'audit.status',
  'audit.list',
  'audit.verify',
  'audit.verifyProgress',
  'audit.cancelVerify',
  'audit.anomalies',
  'policy.show',
  'policy.explain',
]);

/** The actions whose failed outcome is a failed sign-in, step-up or unlock. */
export const CREDENTIAL_ACTIONS: ReadonlySet<string> = new Set(['auth.signIn', 'auth.stepUp', 'auth.unlock']);

/**
 * The error codes of a failed attempt: the identity was not proven (Entra refused it, the prompt was
 * cancelled, the grant expired, a stronger sign-in was still needed). Everything else is not an attempt that
 * failed: Airlock refused before trying (E_POLICY_DENIED — counting it would keep a blocking hint alive
 * forever —, E_AUDIT_UNAVAILABLE, E_BAD_REQUEST), the network or the keychain did not answer, a prompt was
 * left until it timed out, or a configuration or internal error.
 */
export const FAILED_ATTEMPT_CODES: ReadonlySet<string> = new Set(['E_AUTH_REQUIRED', 'E_STEP_UP_REQUIRED']);
