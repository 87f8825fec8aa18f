// The Azure Bastion route's face: the driver (ARM lookup → tunnel → one SSH connection over it), and the parts
// wave 2 and the Test connection walker may use on their own (host lookup, tunnels). Never exposes a token.
export { createBastionDriver, vmNameOf, type BastionDriver, type BastionDriverDeps } from './bastion-driver';
export { BASTION_API_VERSION, findBastionHost, type BastionHost, type BastionHostDeps } from './bastion-host';
export { createBastionHttps, type BastionHttpsSend } from './bastion-https';
export type { ArmTokenSource, BastionEnvironment, BastionTarget, TcpConnector } from './bastion-ports';
export { createBastionTunnels, type BastionTunnel, type BastionTunnels, type BastionTunnelsDeps, type TunnelTarget } from './bastion-tunnels';
