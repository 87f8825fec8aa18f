// The routes service's face: private routes (VPN/direct, SSH jump host, Azure Bastion) as managed connections
// that carry every data-plane request. Other services reach routes only through this file.
export { ROUTE_VIAS, type RouteConnection, type RouteDriver, type RouteState, type RouteStatus, type RouteVia } from './route-types';
export type { HostKeyConfirm, HostKeyEvent, HostKeyPolicy, KnownHostsStore, OpenSshRouteOptions, PassphrasePrompt, SshUserAuth } from './ssh/ssh-route-options';
