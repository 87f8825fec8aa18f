// What the Bastion route needs from its host, as small ports wave 2 wires at the composition root: an ARM
// token for a scope (the auth service), a TCP connector (the OS adapter dials the name; the sandbox adapter
// maps `dnsName:443` to its loopback port and refuses anything else) and the environment's extra CA.
// Nothing here holds a secret; a token lives only for the call that uses it.
import type { Duplex } from 'node:stream';

/** An access token for `scope`, for the signed-in account (wave 2: the auth service). Never logged. */
export type ArmTokenSource = (scope: string) => Promise<string>;

/** Opens a TCP stream to `host:port` by name. Structurally the routes connector port. */
export interface TcpConnector {
  connect(host: string, port: number, signal?: AbortSignal): Promise<Duplex>;
}

/** The environment facts the Bastion route reads (a subset of Environment, so the routes core can pass one). */
export interface BastionEnvironment {
  readonly armEndpoint: string;
  readonly armScope: string;
  /** The legacy ARM resource the CLI mints Bastion's `aztoken` for (azure-wire-format §15). */
  readonly armLegacyScope: string;
}

/** Which Bastion host, and which VM port behind it, the route uses (from the environment's `network.bastion`). */
export interface BastionTarget {
  readonly bastionResourceId: string;
  readonly vmResourceId: string;
  readonly vmPort: number;
  /** The VM's pinned SSH host key (`SHA256:…`); it wins over the known-hosts store, as the jump host's does. */
  readonly vmHostKeySha256?: string;
}
