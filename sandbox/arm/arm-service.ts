// What route handlers are given (the indexed seed, RBAC, endpoint credentials, the clock) and the lookups
// they share. Every lookup authorizes BEFORE it looks a resource up, against the scope the caller named,
// so a caller without access gets 403 whether or not the resource exists and errors never name resources
// the caller did not name. A workspace's auth context (claims challenge, 401) is checked after RBAC and the
// workspace lookup, before anything inside the workspace is looked up.
import type { VerifiedAccessToken } from '../context';
import type { EndpointCredentials } from '../endpoint-credentials/endpoint-credentials';
import type { Seed } from '../seed/seed-schema';
import { ArmError, quoted, resourceNotFound } from './arm-error';
import { requireAuthContext } from './claims-challenge';
import type { ScoringUri } from './endpoint-shapes';
import type { PageRequest } from './paging';
import type { Rbac } from './rbac';
import type { ParsedTarget } from './request-input';
import type { IndexedGroup, IndexedSubscription, IndexedWorkspace, ResourceIndex } from './resource-index';

export interface ArmService {
  readonly seed: Seed;
  readonly index: ResourceIndex;
  readonly rbac: Rbac;
  readonly credentials: EndpointCredentials;
  readonly scoringUri: ScoringUri;
  readonly now: () => Date;
  /** IdP authority (`https://localhost:PORT/<tenant>`) for claims challenges' `authorization_uri`; undefined when unknown. */
  readonly authority: string | undefined;
}

export interface ArmCall {
  readonly target: ParsedTarget;
  readonly params: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly caller: VerifiedAccessToken;
  /** `https://host:port` the caller used. */
  readonly origin: string;
}

export interface ArmResult {
  readonly status: number;
  readonly body: unknown;
}

export type Handler = (svc: ArmService, call: ArmCall) => Promise<ArmResult> | ArmResult;

export const ok = (body: unknown): ArmResult => ({ status: 200, body });

export function pageRequest(svc: ArmService, call: ArmCall): PageRequest {
  return { target: call.target, origin: call.origin, pageSize: svc.seed.arm.pageSize };
}

/** The scope a request addresses: its path, without the trailing action segment for POSTs. */
export function scopeOf(call: ArmCall, isAction = false): string {
  const segments = isAction ? call.target.segments.slice(0, -1) : call.target.segments;
  return `/${segments.join('/')}`;
}

export function forbidden(caller: VerifiedAccessToken, action: string, scope: string): ArmError {
  return new ArmError(
    403,
    'AuthorizationFailed',
    `The client '${caller.preferredUsername ?? caller.oid}' with object id '${caller.oid}' does not have authorization to perform action '${action}' over scope '${quoted(scope, 600)}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
    { gateway: true },
  );
}

export function authorize(svc: ArmService, call: ArmCall, action: string, scope: string): void {
  if (!svc.rbac.allows(call.caller.oid, action, scope)) throw forbidden(call.caller, action, scope);
}

/**
 * For lists: everything when the caller holds `action` on the list scope; only the items it may read when
 * it holds `action` somewhere below; 403 otherwise.
 */
export function visible<T extends { id: string }>(svc: ArmService, call: ArmCall, action: string, scope: string, items: readonly T[]): readonly T[] {
  if (svc.rbac.allows(call.caller.oid, action, scope)) return items;
  if (!svc.rbac.allowsBelow(call.caller.oid, action, scope)) throw forbidden(call.caller, action, scope);
  return items.filter((item) => svc.rbac.allows(call.caller.oid, action, item.id));
}

/** 403 unless the caller holds `action` at, above or below `scope` (checked before looking anything up). */
export function requireAnyAccess(svc: ArmService, call: ArmCall, action: string, scope: string): void {
  if (!svc.rbac.allowsBelow(call.caller.oid, action, scope)) throw forbidden(call.caller, action, scope);
}

const need = (call: ArmCall, name: string): string => call.params[name] ?? '';

export function findSubscription(svc: ArmService, call: ArmCall): IndexedSubscription {
  const id = need(call, 'sub');
  const sub = svc.index.subscriptions.get(id.toLowerCase());
  if (!sub) throw new ArmError(404, 'SubscriptionNotFound', `The subscription '${quoted(id)}' could not be found.`, { gateway: true });
  return sub;
}

export function findGroup(sub: IndexedSubscription, call: ArmCall): IndexedGroup {
  const name = need(call, 'rg');
  const group = sub.groups.get(name.toLowerCase());
  if (!group) throw new ArmError(404, 'ResourceGroupNotFound', `Resource group '${quoted(name)}' could not be found.`, { gateway: true });
  return group;
}

/**
 * Subscription → 403 check on the request scope → resource group → workspace → 401 claims challenge when
 * the workspace requires an auth context the token lacks. RBAC comes first so that a caller without access
 * gets the same 403 for a protected workspace as for one that does not exist.
 */
export function findWorkspace(svc: ArmService, call: ArmCall, action: string, isAction = false): IndexedWorkspace {
  const sub = findSubscription(svc, call);
  authorize(svc, call, action, scopeOf(call, isAction));
  const group = findGroup(sub, call);
  const name = need(call, 'ws');
  const ws = group.workspaces.get(name.toLowerCase());
  if (!ws) throw resourceNotFound('Microsoft.MachineLearningServices/workspaces', name, group.seed.name);
  requireAuthContext(svc.authority, call.caller, ws);
  return ws;
}
