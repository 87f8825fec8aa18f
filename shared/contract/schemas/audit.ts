// Schemas of the `audit.*` channels: the local audit trail as the Audit screen and `airlock audit` show it —
// its status, pages of records, verify and its progress, exports and anomaly hints. A record is the trail's
// own (decision, outcome or system event): ids, names, codes, a payload's hash and size — never a token,
// key, password or payload body. Export requests carry no path: main chooses where the file goes.
import { z } from 'zod';

const Line = (max: number) => z.string().max(max);
const Id = z.string().max(256);
const Seq = z.number().int().nonnegative();

export const AUDIT_EXPORT_FORMATS = ['jsonl', 'csv', 'cef', 'ocsf'] as const;
export const AuditExportFormat = z.enum(AUDIT_EXPORT_FORMATS);
export type AuditExportFormat = z.infer<typeof AuditExportFormat>;

/** Every field optional; all given ones must hold. `action` and `resource` may end in '*' (prefix match). */
export const AuditListFilter = z.strictObject({
  /** Inclusive lower bound (ISO 8601 UTC). */
  from: z.iso.datetime().optional(),
  /** Exclusive upper bound (ISO 8601 UTC). */
  to: z.iso.datetime().optional(),
  action: z.string().min(1).max(128).optional(),
  /** 'ok' | 'error' match outcome records, 'allow' | 'deny' decision records. */
  outcome: z.enum(['ok', 'error', 'allow', 'deny']).optional(),
  /** A username, or an account id. */
  account: z.string().min(1).max(256).optional(),
  resource: z.string().min(1).max(512).optional(),
  kind: z.enum(['decision', 'outcome', 'system']).optional(),
});
export type AuditListFilter = z.infer<typeof AuditListFilter>;

export const AUDIT_PAGE_DEFAULT = 200;
export const AUDIT_PAGE_MAX = 500;

export const AuditListRequest = z
  .strictObject({
    filter: AuditListFilter.optional(),
    /** Older records than this seq (the next page down). */
    before: Seq.optional(),
    /** Newer records than this seq (the next page up). */
    after: Seq.optional(),
    limit: z.number().int().min(1).max(AUDIT_PAGE_MAX).optional(),
  })
  .refine((r) => r.before === undefined || r.after === undefined, 'give before or after, not both');
export type AuditListRequest = z.infer<typeof AuditListRequest>;

export const AuditRecordView = z.strictObject({
  seq: Seq,
  time: z.string().max(64),
  kind: z.enum(['decision', 'outcome', 'system']),
  correlationId: Line(64),
  action: Line(128),
  resource: Line(512),
  accountId: Id.nullable(),
  username: Id.nullable(),
  tenantId: Id.nullable(),
  environmentId: Id.nullable(),
  decision: z.enum(['allow', 'deny']).optional(),
  rule: Line(128).nullable().optional(),
  reason: Line(1024).optional(),
  outcome: z.enum(['ok', 'error']).optional(),
  errorCode: Line(64).optional(),
  durationMs: z.number().nonnegative().optional(),
  route: z.enum(['none', 'direct', 'vpn', 'ssh', 'bastion']).optional(),
  host: z.enum(['electron', 'preview', 'cli', 'test']).optional(),
  addresses: z.array(Line(64)).max(32).optional(),
  payload: z.strictObject({ sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().nonnegative() }).optional(),
  /** A response's status and size (endpoint.score): never its body. */
  response: z.strictObject({ status: z.number().int().min(100).max(599), bytes: z.number().int().nonnegative() }).optional(),
});
export type AuditRecordView = z.infer<typeof AuditRecordView>;

export const AuditList = z.strictObject({
  /** Newest first. */
  records: z.array(AuditRecordView).max(AUDIT_PAGE_MAX),
  hasOlder: z.boolean(),
  hasNewer: z.boolean(),
});
export type AuditList = z.infer<typeof AuditList>;

export const AuditForwardingView = z.strictObject({
  /** 'off' | 'connecting' | 'connected' | 'waiting' (the forwarder's words for its state). */
  state: Line(32),
  /** "host:port (format)". */
  target: Line(600),
  deliveredSeq: Seq,
  /** One line: "Forwarding to siem.example:6514 (CEF): connected, nothing waiting." */
  words: Line(2048),
});

export const AuditStatusView = z.strictObject({
  writable: z.boolean(),
  /** Plain words when appends are refused, else null. */
  reason: Line(1024).nullable(),
  lastSeq: Seq,
  keychain: z.enum(['keychain', 'memory']),
  keychainReason: Line(1024).nullable(),
  /** 'process': a recorded action survives Airlock being killed; 'power': also a power cut. */
  durability: z.enum(['process', 'power']),
  /** The database file. */
  location: Line(4096),
  /** How long records are kept (admin policy); null: not known (no policy service). */
  retentionDays: z.number().int().nonnegative().nullable(),
  forwarding: AuditForwardingView.nullable(),
});
export type AuditStatusView = z.infer<typeof AuditStatusView>;

const TamperKind = z.enum(['edited', 'deleted', 'reordered', 'truncated', 'older-copy', 'key-missing']);
export const VerifyFindingView = z.strictObject({ seq: Seq, toSeq: Seq, what: TamperKind, words: Line(1024) });
export const UnverifiableStretchView = z.strictObject({ fromSeq: Seq, toSeq: Seq, words: Line(1024) });

/** At most this many findings and stretches are shown; `words` and `first` always describe the whole run. */
export const VERIFY_LIST_MAX = 100;

export const VerifyReportView = z.strictObject({
  result: z.enum(['intact', 'tampered', 'unverifiable', 'aborted']),
  checked: Seq,
  total: Seq,
  first: VerifyFindingView.nullable(),
  findings: z.array(VerifyFindingView).max(VERIFY_LIST_MAX),
  unverifiable: z.array(UnverifiableStretchView).max(VERIFY_LIST_MAX),
  words: Line(4096),
});
export type VerifyReportView = z.infer<typeof VerifyReportView>;

export const VerifyProgressView = z.strictObject({
  state: z.enum(['idle', 'running', 'done']),
  checked: Seq,
  total: Seq,
  /** The last finished run's report (state 'done'); null otherwise. */
  report: VerifyReportView.nullable(),
});
export type VerifyProgressView = z.infer<typeof VerifyProgressView>;

export const VerifyCancelled = z.strictObject({ cancelled: z.boolean() });

export const AuditExportRequest = z.strictObject({
  format: AuditExportFormat,
  filter: AuditListFilter.optional(),
});
export type AuditExportRequest = z.infer<typeof AuditExportRequest>;

export const AuditExportView = z.strictObject({
  /** False when the user cancelled the save dialog; then nothing was written. */
  saved: z.boolean(),
  file: Line(4096).nullable(),
  format: AuditExportFormat,
  records: Seq,
  /** The checkpoint the file carries (null: none written yet). */
  checkpointSeq: Seq.nullable(),
});
export type AuditExportView = z.infer<typeof AuditExportView>;

export const ANOMALY_HINT_KINDS = ['unusual-hours', 'volume-spike', 'repeated-failures', 'new-network'] as const;

export const AnomalyHintView = z.strictObject({
  kind: z.enum(ANOMALY_HINT_KINDS),
  accountId: Id.nullable(),
  username: Id.nullable(),
  since: z.iso.datetime(),
  /** Plain words. */
  summary: Line(1024),
  /** The admin policy makes this kind block (anomalies.block). */
  blocking: z.boolean(),
  /** Up to 20 record seqs that show it. */
  evidenceSeqs: z.array(Seq).max(20),
});
export type AnomalyHintView = z.infer<typeof AnomalyHintView>;

export const AnomalyHints = z.strictObject({ hints: z.array(AnomalyHintView).max(500) });
