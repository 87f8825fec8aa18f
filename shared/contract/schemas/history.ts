// Schemas of the `history.*` channels: the local record of every test inference (endpoint.score), kept on
// this device with its bodies encrypted at rest (a key from the OS keychain) for as long as the policy's
// history retention says. Payload and response bodies are the user's own data and may be shown back to them;
// the credential that was sent never is (it was never stored).
import { z } from 'zod';
import { EndpointName, RouteVia } from './route';
import { DeploymentName, EndpointAuthMode, InvokeResultView } from './endpoint';
import { WorkspaceId } from './workspace';

/** A history entry's id: random, URL-safe. */
export const HistoryId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'a history entry id');

/** One row of the history list: what was called, when, how it went. No bodies (history.get has them). */
export const HistoryEntrySummary = z.strictObject({
  id: HistoryId,
  at: z.iso.datetime(),
  environmentId: z.string().max(64),
  workspaceId: WorkspaceId,
  endpointName: EndpointName,
  /** The deployment asked for (the azureml-model-deployment header), or null for the endpoint's traffic split. */
  deploymentName: DeploymentName.nullable(),
  /** The deployment that answered, from the response's header. */
  answeredBy: z.string().max(64).nullable(),
  status: z.number().int().min(100).max(599),
  ok: z.boolean(),
  /** Azure's failure code in words' title (null on success). */
  failureTitle: z.string().max(200).nullable(),
  totalMs: z.number().min(0),
  requestBytes: z.number().int().min(0),
  responseBytes: z.number().int().min(0),
  /** SHA-256 of the request body (hex), as the audit trail records it. */
  requestSha256: z.string().regex(/^[0-9a-f]{64}$/),
  authMode: EndpointAuthMode,
  via: RouteVia,
});
export type HistoryEntrySummary = z.infer<typeof HistoryEntrySummary>;

export const HistoryListRequest = z.strictObject({
  /** Only this workspace's entries (and, with endpointName, only that endpoint's). */
  workspaceId: WorkspaceId.optional(),
  endpointName: EndpointName.optional(),
  /** Newest first; at most this many. */
  limit: z.number().int().min(1).max(500).default(100),
  /** The page after this entry (the previous page's nextBefore). */
  before: HistoryId.optional(),
});

export const HistoryList = z.strictObject({
  entries: z.array(HistoryEntrySummary).max(500),
  /** Pass as `before` for the next (older) page; null at the end. */
  nextBefore: HistoryId.nullable(),
  /** Whether new invocations are being kept, and for how long (the policy's retention.historyDays). */
  keeping: z.boolean(),
  retentionDays: z.number().int().min(0),
  /** Why nothing is kept, in words (policy keeps 0 days, no keychain for the key), else null. */
  notKeptReason: z.string().max(400).nullable(),
});
export type HistoryList = z.infer<typeof HistoryList>;

export const HistoryGetRequest = z.strictObject({ id: HistoryId });

/** One entry whole: the request as sent (payload decrypted) and the result as it was shown. */
export const HistoryEntryView = z.strictObject({
  summary: HistoryEntrySummary,
  /** The request body as sent (JSON text). */
  payload: z.string().max(64 * 1024 * 1024),
  result: InvokeResultView,
});
export type HistoryEntryView = z.infer<typeof HistoryEntryView>;

/** One entry by id, or every entry (`all: true`). */
export const HistoryDeleteRequest = z.union([z.strictObject({ id: HistoryId }), z.strictObject({ all: z.literal(true) })]);
export const HistoryDeleted = z.strictObject({ deleted: z.number().int().min(0) });
