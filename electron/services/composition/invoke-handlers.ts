// The endpoint.payloadSchema and endpoint.score handlers: the guard's context names the account and the
// environment (never the service), and the route composition hands the data plane for that context.
// What goes back is the schema view or the invoke result: display data, never a credential.
import { AirlockError } from '../../../shared/errors/airlock-error';
import type { HandlerOf } from '../gateway';
import type { RequestContext } from '../guard';
import type { EndpointTokenStore, InvokeCaller, InvokeService } from '../invoke';
import type { Vault } from '../vault';
import type { RouteComposition } from './routes/compose-routes';

export interface InvokeHandlerDeps {
  readonly invoke: InvokeService;
  readonly routes: Pick<RouteComposition, 'dataPlane'>;
}

export interface InvokeHandlers {
  readonly payloadSchema: HandlerOf<'endpoint.payloadSchema'>;
  readonly score: HandlerOf<'endpoint.score'>;
}

export function invokeHandlers(deps: InvokeHandlerDeps): InvokeHandlers {
  const callerOf = (ctx: RequestContext): InvokeCaller => {
    if (!ctx.account || !ctx.environmentId) throw new AirlockError('E_AUTH_REQUIRED');
    return { accountId: ctx.account.accountId, environmentId: ctx.environmentId, dataPlane: (via) => deps.routes.dataPlane(ctx, via) };
  };
  return {
    payloadSchema: (request, ctx) => deps.invoke.payloadSchema(callerOf(ctx), request),
    score: (request, ctx) => deps.invoke.score(callerOf(ctx), request),
  };
}

/**
 * AML tokens in the environment's vault (encrypted at rest, dropped on idle lock and sign-out): the vault keeps
 * each one until its renew time, so what it still holds is fresh enough to send.
 */
export function vaultTokenStore(vault: Pick<Vault, 'getEndpointToken' | 'putEndpointToken' | 'deleteEndpointToken'>): EndpointTokenStore {
  return {
    get: async (key) => {
      const stored = await vault.getEndpointToken(key);
      return stored ? { token: stored.token, renewAt: stored.expiresAt.getTime() } : null;
    },
    put: (key, token, renewAt) => vault.putEndpointToken({ endpointId: key, token, expiresAt: new Date(renewAt) }),
    delete: (key) => vault.deleteEndpointToken(key),
  };
}
