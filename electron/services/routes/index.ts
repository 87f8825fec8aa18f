// The routes service's face: private routes (VPN/direct, SSH jump host, Azure Bastion) as managed connections
// that carry every data-plane request. Other services reach routes only through this file.
export { ROUTE_VIAS, type RouteConnection, type RouteDriver, type RouteState, type RouteStatus, type RouteVia } from './route-types';
export type { HostKeyConfirm, HostKeyEvent, HostKeyPolicy, KnownHostsStore, OpenSshRouteOptions, PassphrasePrompt, SshUserAuth } from './ssh/ssh-route-options';
export { createEnvironmentTrust, type EnvironmentTrust } from './http/environment-trust';
export { createRouteHttpClient, DEFAULT_DEADLINE_MS, DEFAULT_MAX_RESPONSE_BYTES, type RouteHttpClient, type RouteHttpClientOptions, type RouteHttpMethod, type RouteHttpRequest, type RouteHttpResponse, type RouteHttpTiming } from './http/route-http-client';
