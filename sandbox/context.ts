// What every part of the sandbox is given, and the contracts between the parts. The sandbox is a separate
// program: it imports nothing from electron/, renderer/ or shared/ (a bug shared by client and emulator
// would hide itself), and it listens on loopback only.
import type { CertificateAuthority } from './pki/certificate-authority';
import type { Seed } from './seed/seed-schema';

export interface SandboxLog {
  /** One structured event; fields must not contain passwords, keys or full tokens. */
  (event: string, fields?: Record<string, string | number | boolean | null | undefined>): void;
}

export interface SandboxContext {
  readonly stateDir: string;
  readonly seed: Seed;
  readonly ca: CertificateAuthority;
  readonly log: SandboxLog;
  readonly now: () => Date;
  /** Loopback address every server binds to. */
  readonly host: '127.0.0.1';
}

/** A started server; stop() closes listeners and open connections and resolves when they are gone. */
export interface RunningPart {
  readonly name: string;
  stop(): Promise<void>;
}

/** Claims of an access token the sandbox IdP issued, after signature, issuer, audience and expiry checks. */
export interface VerifiedAccessToken {
  readonly oid: string;
  readonly tid: string;
  readonly aud: string;
  readonly scp: string;
  readonly amr: readonly string[];
  readonly acrs: readonly string[];
  readonly preferredUsername: string | undefined;
  readonly expiresAt: Date;
}

export type TokenRejection =
  | { readonly reason: 'missing' }
  | { readonly reason: 'malformed' }
  | { readonly reason: 'bad-signature' }
  | { readonly reason: 'wrong-issuer' }
  | { readonly reason: 'wrong-audience'; readonly audience: string }
  | { readonly reason: 'expired' }
  | { readonly reason: 'not-yet-valid' };

export interface AccessTokenVerifier {
  /** `audience` is the resource the caller serves, e.g. 'https://management.azure.com' or 'https://ml.azure.com'. */
  verify(token: string, audience: string): Promise<{ ok: true; token: VerifiedAccessToken } | { ok: false; rejection: TokenRejection }>;
}

/**
 * The private network: the private DNS zone (CNAME chain to private addresses, which are data: never dialled)
 * and which loopback port answers for a private host:port or address:port. Jump host and Bastion forward only
 * to what this resolves; the DNS server (network/dns/) answers from `resolve`.
 */
export interface PrivateNetwork {
  /**
   * Registers a private host (e.g. `credit-ep.westeurope.inference.ml.azure.com`) served on a loopback port for
   * `port` (443). Hosts with the same `addressGroup` (one private endpoint's NIC) share one private address;
   * `privateAddress` fixes it (the jumpbox VM's), else 10.0.1.4, .5, … are handed out in order.
   */
  publish(entry: { hostname: string; port: number; loopbackPort: number; cname?: string; addressGroup?: string; privateAddress?: string }): void;
  /** A public name (Bastion's dnsName) with a public address (data), on a loopback port; never forwarded to. */
  publishPublic(entry: { hostname: string; port: number; loopbackPort: number; publicAddress: string }): void;
  /** The loopback port that answers for a private host name:port, or null if the host is not in the private network. */
  route(hostname: string, port: number): { host: '127.0.0.1'; port: number } | null;
  /** The loopback port that plays a published private address:port (`10.0.1.4`, 443), or null. */
  routeAddress(address: string, port: number): { host: '127.0.0.1'; port: number } | null;
  /** What DNS answers for `name` with the VPN on or off: the CNAME chain and addresses, or null (NXDOMAIN). */
  resolve(name: string, vpn: 'on' | 'off'): { cnames: string[]; addresses: string[] } | null;
  /** Legacy DNS view for environment.json `dnsMap`: hostname → CNAME and A records on loopback. */
  records(): Record<string, { cname?: string; a: string[] }>;
  /** Loopback port for each published host name:port, for environment.json `dnsMap`. */
  servicePorts(): Record<string, number>;
  /** Loopback port for each private address:port and public name:port, for environment.json `network.servicePorts`. */
  addressServicePorts(): Record<string, number>;
}
