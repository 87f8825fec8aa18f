// environment.json: everything a client needs to use this sandbox as an Azure environment — authority,
// ARM endpoint and scopes, the CA to trust, the private DNS map, the jump host's pinned key, the Bastion
// endpoint, the private network (`network`: DNS server, servicePorts, jump host, Bastion ids, canary name)
// and the demo users. Airlock loads it like any custom environment. It holds the demo users'
// passwords and TOTP secrets (sandbox-only), so it is written 0600 and lives in the git-ignored state dir.
import { chmod, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface SandboxUserEntry {
  readonly username: string;
  readonly displayName: string;
  readonly password: string;
  readonly totpSecret: string;
  readonly mfa: 'always' | 'on-demand';
  readonly sshLogin?: string;
  readonly sshPrivateKeyPath?: string;
}

export interface SandboxEnvironment {
  readonly $schemaVersion: 1;
  readonly name: 'sandbox';
  readonly displayName: string;
  readonly kind: 'sandbox';
  readonly createdAt: string;
  readonly authority: string;
  readonly knownAuthorities: readonly string[];
  readonly tenantId: string;
  readonly clientId: string;
  readonly armEndpoint: string;
  readonly armScope: string;
  readonly mlScope: string;
  readonly inferenceDnsSuffix: string;
  readonly privateDnsZones: readonly string[];
  readonly subscriptionId: string;
  readonly caCertPath: string;
  readonly dnsMap: {
    readonly records: Record<string, { cname?: string; a: string[] }>;
    /** `host:port` as clients name it → loopback port that answers for it. */
    readonly servicePorts: Record<string, number>;
  };
  readonly jumpHost: { readonly host: string; readonly port: number; readonly hostKeySha256: string; readonly knownHostsLine: string };
  readonly bastion: { readonly endpoint: string; readonly vmResourceId: string };
  /** The syslog collector (syslog over TLS, RFC 5425) for Airlock's audit forwarding; its certificate is the CA's. */
  readonly syslog: {
    readonly host: string;
    readonly port: number;
    readonly protocol: 'RFC 5425';
    readonly caCertPath: string;
    /** Where it writes what it received, one JSON line per message. */
    readonly receivedFile: string;
  };
  readonly users: readonly SandboxUserEntry[];
  /** The private network as Airlock's routes read it (VPN posture check, sandbox connector, jump, Bastion). */
  readonly network: SandboxNetwork;
  /** The legacy ARM scope the Bastion `aztoken` is minted for (what `az network bastion` sends). */
  readonly armLegacyScope: string;
}

export interface SandboxNetwork {
  /** CIDR ranges a private answer must fall in. */
  readonly privateRanges: readonly string[];
  /** The loopback DNS server (UDP and TCP) a VPN client would be handed. */
  readonly dnsServer: { readonly host: '127.0.0.1'; readonly port: number };
  /**
   * Every private `address:port` and public `name:port` a client may dial → the loopback port that plays it
   * (`10.0.1.4:443`, `10.0.2.4:22`, `bst-….bastion.sandbox.test:443`). Private addresses are never dialled.
   */
  readonly servicePorts: Record<string, number>;
  readonly jumpHost: { readonly host: string; readonly port: number; readonly hostKeySha256: string };
  readonly bastion: { readonly bastionResourceId: string; readonly vmResourceId: string; readonly vmPort: number; readonly vmHostKeySha256: string };
  /** A name the VPN route resolves to prove the private DNS answers (the first workspace's API name). */
  readonly canaryHost: string;
}

export const ENVIRONMENT_FILE = 'environment.json';

export async function writeEnvironmentFile(stateDir: string, environment: SandboxEnvironment): Promise<string> {
  const file = path.join(stateDir, ENVIRONMENT_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(environment, null, 2)}\n`, { mode: 0o600 });
  await chmod(temp, 0o600);
  await rename(temp, file); // atomic: a reader never sees half a file
  return file;
}
