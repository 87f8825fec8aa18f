// The testRun.start | cancel | export handlers: the guard's context names the account and the environment
// (never the request), and the route composition hands the data plane for that context, as for endpoint.score.
// A run's report is display data (statuses, timings, error codes), never a body or a credential; cancel and
// export reach only the runs of the account asking. Test runs are not recorded per request in the history:
// the guard's audit record of testRun.start says a run happened.
import { AirlockError } from '../../../shared/errors/airlock-error';
import type { HandlerOf } from '../gateway';
import type { RequestContext } from '../guard';
import type { InvokeCaller } from '../invoke';
import type { TestRunOwner, TestRunService } from '../test-run';
import type { RouteComposition } from './routes/compose-routes';

export interface TestRunHandlerDeps {
  readonly testRuns: TestRunService;
  readonly routes: Pick<RouteComposition, 'dataPlane'>;
}

export interface TestRunHandlers {
  readonly start: HandlerOf<'testRun.start'>;
  readonly cancel: HandlerOf<'testRun.cancel'>;
  readonly export: HandlerOf<'testRun.export'>;
}

export function testRunHandlers(deps: TestRunHandlerDeps): TestRunHandlers {
  const callerOf = (ctx: RequestContext): InvokeCaller => {
    if (!ctx.account || !ctx.environmentId) throw new AirlockError('E_AUTH_REQUIRED');
    return { accountId: ctx.account.accountId, environmentId: ctx.environmentId, dataPlane: (via) => deps.routes.dataPlane(ctx, via) };
  };
  // No account: no run of theirs to find (cancel and export declare E_NOT_FOUND, not E_AUTH_REQUIRED).
  const ownerOf = (ctx: RequestContext): TestRunOwner => {
    if (!ctx.account || !ctx.environmentId) throw new AirlockError('E_NOT_FOUND', { message: 'Airlock has no test run with that id for this endpoint.' });
    return { accountId: ctx.account.accountId, environmentId: ctx.environmentId };
  };
  return {
    start: (request, ctx) => deps.testRuns.start(callerOf(ctx), request),
    cancel: async (ref, ctx) => deps.testRuns.cancel(ownerOf(ctx), ref),
    export: (ref, ctx) => deps.testRuns.export(ownerOf(ctx), ref),
  };
}
