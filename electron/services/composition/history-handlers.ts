// The history.* handlers and the recording of endpoint.score. Entries belong to the guard context's account and
// environment (never the service's pick); nobody signed in has none. The recording wraps the score handler
// (whatever the composition root has for it, replacements included) at the composition root: it attaches the
// request's SHA-256 and size and the response's status and size to the call's outcome audit record (hashes
// and sizes only, never a body), keeps the invocation in history, and hands the result back with its
// historyId. History failing never fails the score: the id is null and the failure is logged without content.
import type { HandlerOf, ServiceHandlers } from '../gateway';
import type { RequestContext } from '../guard';
import { payloadFacts, type HistoryOwner, type HistoryService } from '../history';
import type { Logger } from '../ports';

export interface HistoryHandlerDeps {
  readonly history: Pick<HistoryService, 'list' | 'get' | 'remove'>;
}

/** The owner of the entries a call may see and make: the context's account in the context's environment. */
export function historyOwnerOf(ctx: RequestContext): HistoryOwner | null {
  return ctx.account && ctx.environmentId ? { accountId: ctx.account.accountId, environmentId: ctx.environmentId } : null;
}

export function historyHandlers(deps: HistoryHandlerDeps): ServiceHandlers['history'] {
  return {
    list: (request, ctx) => deps.history.list(historyOwnerOf(ctx), request),
    get: ({ id }, ctx) => deps.history.get(historyOwnerOf(ctx), id),
    remove: (request, ctx) => deps.history.remove(historyOwnerOf(ctx), request),
  };
}

export function recordingScore(score: HandlerOf<'endpoint.score'>, history: Pick<HistoryService, 'record'>, logger: Logger): HandlerOf<'endpoint.score'> {
  return async (request, ctx) => {
    // Before the call: a payload refused in main (too large, invalid) is still recorded as what was asked.
    ctx.attachOutcomeFacts?.({ payload: payloadFacts(request.payload) });
    const result = await score(request, ctx);
    ctx.attachOutcomeFacts?.({ response: { status: result.status, bytes: result.bodyBytes } });
    const owner = historyOwnerOf(ctx);
    let historyId: string | null = null;
    if (owner) {
      try {
        historyId = await history.record(owner, request, result);
      } catch (thrown) {
        logger.log('error', 'history.record_failed', { kind: thrown instanceof Error ? thrown.name : typeof thrown });
      }
    }
    return { ...result, historyId };
  };
}
