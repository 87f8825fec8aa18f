// One invocation as history keeps it: the summary (plaintext: what history.list shows) built from the request
// and the result, and the sealed part (the payload as sent and the result as shown). The summary holds names,
// numbers and the payload's SHA-256 — never a body, and never a credential (the result view has none).
import { createHash, randomBytes } from 'node:crypto';
import type { HistoryEntrySummary } from '../../../shared/contract/schemas/history';
import type { InvokeResultView } from '../../../shared/contract/schemas/endpoint';
import type { Owner } from './history-db';

export interface RecordedRequest {
  readonly workspaceId: string;
  readonly endpointName: string;
  readonly deploymentName?: string | undefined;
  readonly payload: string;
}

/** 22 URL-safe characters from 16 random bytes (the contract's HistoryId). */
/** `h` + 22 base64url characters: never starting with '-', which a command line would take for an option. */
export function newHistoryId(): string {
  return `h${randomBytes(16).toString('base64url')}`;
}

export function payloadFacts(payload: string): { readonly sha256: string; readonly bytes: number } {
  const bytes = Buffer.from(payload, 'utf8');
  return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
}

export function summaryOf(id: string, at: Date, owner: Owner, request: RecordedRequest, result: InvokeResultView): HistoryEntrySummary {
  const facts = payloadFacts(request.payload);
  return {
    id,
    at: at.toISOString(),
    environmentId: owner.environmentId,
    workspaceId: request.workspaceId,
    endpointName: request.endpointName,
    deploymentName: request.deploymentName ?? null,
    answeredBy: result.modelDeployment,
    status: result.status,
    ok: result.ok,
    failureTitle: result.failure?.title ?? null,
    totalMs: result.timings.totalMs,
    requestBytes: facts.bytes,
    responseBytes: result.bodyBytes,
    requestSha256: facts.sha256,
    authMode: result.authMode,
    via: result.route.via,
  };
}

/** What the seal binds the bodies to: the row's id, owner and summary text (history-crypto.ts). */
export function sealedFacts(id: string, owner: Owner, summary: string): string {
  return JSON.stringify([id, owner.accountId, owner.environmentId, summary]);
}
