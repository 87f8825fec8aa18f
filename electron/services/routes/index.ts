// The routes service's face: private routes (VPN/direct, SSH jump host, Azure Bastion) as managed connections
// that carry every data-plane request. Other services reach routes only through this file.
export { ROUTE_VIAS, type RouteConnection, type RouteDriver, type RouteState, type RouteStatus, type RouteVia, type StreamPhases } from './route-types';
export { checkPosture, type PostureDeps, type PostureVerdict } from './posture/posture-check';
export { privateRanges, type PrivateRanges } from './posture/private-ranges';
export { DnsFailure, type DnsFailureKind, type ResolvedAddress, type ResolverPort } from './resolver/resolver-port';
export { createOsResolver } from './resolver/os-resolver';
export { createSandboxResolver } from './resolver/sandbox-resolver';
export { resolverForEnvironment, type EnvironmentResolver } from './resolver/resolver-for-environment';
export type { ConnectorPort } from './connector/connector-port';
export { createOsConnector } from './connector/os-connector';
export { createSandboxConnector } from './connector/sandbox-connector';
export { connectorForEnvironment } from './connector/connector-for-environment';
export { createVpnDriver, vpnDriverForEnvironment, type VpnDriverDeps } from './vpn/vpn-driver';
export { createRouteManager, type RouteManager, type RouteManagerOptions, type RouteStatusListener } from './manager/route-manager';
export { DEFAULT_ROUTE_TIMING, type RouteTiming } from './manager/route-timing';
export type { HostKeyConfirm, HostKeyEvent, HostKeyPolicy, KnownHostsStore, OpenSshRouteOptions, PassphrasePrompt, SshUserAuth } from './ssh/ssh-route-options';
export { openSshRoute } from './ssh/ssh-route';
export { createJumpDriver, type JumpDriverDeps, type JumpHostConfig, type SshConnector } from './ssh/jump-driver';
export { createKnownHostsStore, KNOWN_HOSTS_FILE, type KnownHosts } from './ssh/known-hosts-store';
export { sshFingerprint } from './ssh/host-key-fingerprint';
export { agentSocketPath } from './ssh/user-auth';
export { createEnvironmentTrust, type EnvironmentTrust } from './http/environment-trust';
export { createRouteHttpClient, DEFAULT_DEADLINE_MS, DEFAULT_MAX_RESPONSE_BYTES, type RouteHttpClient, type RouteHttpClientOptions, type RouteHttpMethod, type RouteHttpRequest, type RouteHttpResponse, type RouteHttpTiming } from './http/route-http-client';
export { createBastionDriver, createBastionTunnels, findBastionHost, type ArmTokenSource, type BastionDriver, type BastionDriverDeps, type BastionEnvironment, type BastionHost, type BastionTarget, type BastionTunnel, type BastionTunnels } from './bastion';
export { createLocalForwards, FORWARD_PORTS_FILE, LOOPBACK, type ForwardChange, type ForwardChangeListener, type ForwardError, type ForwardTarget, type ForwardView, type LocalForwards, type LocalForwardsOptions, type OpenForwardOptions } from './forwards';
export { runConnectionTest } from './test-connection/run-connection-test';
export { httpAnswer, stepCause } from './test-connection/step-causes';
export { STEPS_BY_VIA, type ConnectionTestOptions, type ConnectionTestResult, type ConnectionTestStep, type ConnectionTestStepName, type PostureAnswer } from './test-connection/connection-test-types';
