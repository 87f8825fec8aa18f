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
 * The private network: the private DNS zone (CNAME chain to private addresses) and which loopback port
 * answers for a private host:port. Jump host and Bastion forward only to what this resolves.
 */
export interface PrivateNetwork {
  /** Registers a private host (e.g. `credit-ep.westeurope.inference.ml.azure.com`) served on a loopback port for `port` (443). */
  publish(entry: { hostname: string; port: number; loopbackPort: number; cname?: string }): void;
  /** The loopback port that answers for host:port, or null if the host is not in the private network. */
  route(hostname: string, port: number): { host: '127.0.0.1'; port: number } | null;
  /** DNS view for environment.json: hostname → CNAME chain and A records. */
  records(): Record<string, { cname?: string; a: string[] }>;
  /** Loopback port for each published host:port, for environment.json. */
  servicePorts(): Record<string, number>;
}
