// The flags of `airlock route …` and `airlock tunnel`, checked by the contract's own schemas where it has one
// (endpoint name, fingerprint), so the CLI refuses before start-up exactly what the channel would refuse.
import { EndpointName, HostKeyFingerprint, ROUTE_VIAS } from '../../shared/contract/schemas/route';
import { WorkspaceId } from '../../shared/contract/schemas/workspace';
import { oneOf, schemaCheck, wholeNumber, type CliOptions, type FlagCheck, type FlagSpec } from './cli-command';

export type Via = (typeof ROUTE_VIAS)[number];

export const VIA: FlagSpec = { metavar: 'VIA', needs: 'a route', help: `The route: ${ROUTE_VIAS.join(', ')} (VPN or direct, SSH jump host, Azure Bastion)`, check: oneOf(ROUTE_VIAS) };
/** A value that starts like an ARM id must be a whole workspace id (the contract's own schema), not sent on to fail as a bad request. */
const workspaceRef: FlagCheck = (value) =>
  value.startsWith('/') && !WorkspaceId.safeParse(value).success
    ? 'must be a workspace ARM id (/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.MachineLearningServices/workspaces/<name>), <resourceGroup>/<name>, or a name'
    : null;
export const WORKSPACE: FlagSpec = { metavar: 'WS', short: 'w', needs: 'a workspace name or ARM id', help: 'The workspace: <resourceGroup>/<name>, its name, or its ARM id', required: true, check: workspaceRef };
export const ENDPOINT: FlagSpec = { metavar: 'EP', short: 'e', needs: 'an endpoint name', help: 'The online endpoint\'s name', required: true, check: schemaCheck(EndpointName) };
export const TRUST_HOST_KEY: FlagSpec = {
  metavar: 'FP',
  needs: 'a fingerprint',
  help: 'Trust a jump host key seen for the first time, only if it is this one (SHA256:…), without asking',
  check: schemaCheck(HostKeyFingerprint),
};
export const LOCAL_PORT: FlagSpec = { metavar: 'P', needs: 'a port', help: 'The local port (1024-65535; default: the last one used for this endpoint when free)', check: wholeNumber(1024, 65535) };

/** --via, or the VPN route when none is named. */
export const viaOf = (options: CliOptions, fallback: Via = 'vpn'): Via => (options['via'] as Via | undefined) ?? fallback;
