// The browse handlers: workspace.list|models|modelVersions and endpoint.list|detail|logs, answered by the
// workspace service (ARM through the SDK, as the guard's account). The account is always the request
// context's — the one the guard checked — never one chosen here; none signed in is a plain "sign in first".
// Display data only: the service shapes every ARM string to the contract's bounds.
import { AirlockError } from '../../../shared/errors/airlock-error';
import type { HandlerOf } from '../gateway';
import type { RequestContext } from '../guard';
import type { WorkspaceService } from '../workspace';

export interface BrowseDeps {
  readonly workspace: Pick<WorkspaceService, 'list' | 'modelList' | 'modelVersions' | 'endpointList' | 'endpointDetail' | 'deploymentLogs'>;
}

export interface BrowseHandlers {
  readonly workspace: {
    readonly list: HandlerOf<'workspace.list'>;
    readonly models: HandlerOf<'workspace.models'>;
    readonly modelVersions: HandlerOf<'workspace.modelVersions'>;
  };
  readonly endpoint: {
    readonly list: HandlerOf<'endpoint.list'>;
    readonly detail: HandlerOf<'endpoint.detail'>;
    readonly logs: HandlerOf<'endpoint.logs'>;
  };
}

function accountOf(ctx: RequestContext): string {
  if (!ctx.account) throw new AirlockError('E_AUTH_REQUIRED');
  return ctx.account.accountId;
}

export function browseHandlers({ workspace }: BrowseDeps): BrowseHandlers {
  return {
    workspace: {
      list: async (_input, ctx) => ({ workspaces: await workspace.list(accountOf(ctx)) }),
      models: async ({ workspaceId, first }, ctx) => ({ workspaceId, ...(await workspace.modelList(accountOf(ctx), workspaceId, first)) }),
      modelVersions: async ({ workspaceId, modelName }, ctx) => ({ workspaceId, modelName, versions: await workspace.modelVersions(accountOf(ctx), workspaceId, modelName) }),
    },
    endpoint: {
      list: async ({ workspaceId, first }, ctx) => ({ workspaceId, ...(await workspace.endpointList(accountOf(ctx), workspaceId, first)) }),
      detail: async ({ workspaceId, endpointName }, ctx) => ({ workspaceId, ...(await workspace.endpointDetail(accountOf(ctx), workspaceId, endpointName)) }),
      logs: async ({ workspaceId, endpointName, deploymentName, tail }, ctx) => workspace.deploymentLogs(accountOf(ctx), workspaceId, endpointName, deploymentName, tail),
    },
  };
}
