// Handlers for subscriptions, resource groups and workspaces (lists at subscription and resource-group
// scope, get). Read-only; lists are filtered to what the caller may read and never reveal other resources.
import { authorize, findGroup, requireAnyAccess, findSubscription, findWorkspace, forbidden, ok, pageRequest, scopeOf, visible, type Handler } from './arm-service';
import { page } from './paging';
import { Actions } from './rbac';
import { resourceGroupJson, subscriptionJson, workspaceJson } from './resource-shapes';

const SUBSCRIPTION_READ = 'Microsoft.Resources/subscriptions/read';

export const listSubscriptions: Handler = (svc, call) => {
  const mine = svc.index.subscriptionList.filter((s) => svc.rbac.hasFoothold(call.caller.oid, s.id));
  return ok(page(mine, pageRequest(svc, call), (s) => subscriptionJson(s, svc.seed.tenant.id)));
};

export const getSubscription: Handler = (svc, call) => {
  const sub = findSubscription(svc, call);
  if (!svc.rbac.hasFoothold(call.caller.oid, sub.id)) throw forbidden(call.caller, SUBSCRIPTION_READ, scopeOf(call));
  return ok(subscriptionJson(sub, svc.seed.tenant.id));
};

export const listResourceGroups: Handler = (svc, call) => {
  const sub = findSubscription(svc, call);
  const groups = visible(svc, call, Actions.resourceGroupsRead, sub.id, sub.groupList);
  return ok(page(groups, pageRequest(svc, call), resourceGroupJson));
};

export const getResourceGroup: Handler = (svc, call) => {
  const sub = findSubscription(svc, call);
  authorize(svc, call, Actions.resourceGroupsRead, scopeOf(call));
  return ok(resourceGroupJson(findGroup(sub, call)));
};

export const listWorkspacesBySubscription: Handler = (svc, call) => {
  const sub = findSubscription(svc, call);
  const items = visible(svc, call, Actions.workspacesRead, sub.id, sub.workspaceList);
  return ok(page(items, pageRequest(svc, call), (w) => workspaceJson(w, svc.seed)));
};

export const listWorkspacesByGroup: Handler = (svc, call) => {
  const sub = findSubscription(svc, call);
  requireAnyAccess(svc, call, Actions.workspacesRead, scopeOf(call));
  const group = findGroup(sub, call);
  const items = visible(svc, call, Actions.workspacesRead, group.id, group.workspaceList);
  return ok(page(items, pageRequest(svc, call), (w) => workspaceJson(w, svc.seed)));
};

export const getWorkspace: Handler = (svc, call) => ok(workspaceJson(findWorkspace(svc, call, Actions.workspacesRead), svc.seed));
