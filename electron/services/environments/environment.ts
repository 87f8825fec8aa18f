// An environment is data, not code: where to sign in, where ARM lives, which scopes and DNS zones apply.
import type { EnvironmentSummary } from '../../../shared/contract/schemas/app';

export interface Environment {
  readonly id: string;
  readonly displayName: string;
  readonly kind: EnvironmentSummary['kind'];
  readonly authorityHost: string;
  readonly armEndpoint: string;
  readonly armScope: string;
  readonly mlScope: string;
  readonly inferenceDnsSuffix: string;
  readonly privateDnsZones: readonly string[];
  /** Full authority (host + tenant path) when the environment pins one, as the sandbox does. */
  readonly authority?: string;
  /** Hosts MSAL may trust without Entra instance discovery (required for non-Microsoft authorities). */
  readonly knownAuthorities?: readonly string[];
  readonly tenantId?: string;
  readonly clientId?: string;
  /** Extra CA to trust for this environment only (the sandbox's own CA); never installed system-wide. */
  readonly caCertPath?: string;
  /**
   * MFA Airlock requires of every token in this environment (set by whoever provides the environment file;
   * admin policy takes this over later): a token must show `amr` mfa or `acrs` with this auth context.
   */
  readonly requireMfa?: { readonly authContextId: string };
  /**
   * The legacy ARM resource scope (`https://management.core.windows.net//.default`, double slash included):
   * what the az CLI mints its tokens for and what Azure Bastion's `aztoken` must be (azure-wire-format §15).
   */
  readonly armLegacyScope: string;
  /** Where the private network is and how routes reach it. */
  readonly network: EnvironmentNetwork;
  /**
   * An environment file's users' SSH sign-in for the jump host (the sandbox's demo users): login and key file
   * path only, matched to the signed-in username. Never a password, a TOTP secret or a key's content.
   */
  readonly sshUsers?: ReadonlyArray<{ readonly username: string; readonly login: string; readonly privateKeyPath: string }>;
}

/** The private network of an environment: data, never a destination checked by dialling it. */
export interface EnvironmentNetwork {
  /** CIDRs (v4 or v6) every address a private name resolves to must fall inside (the VPN posture check). */
  readonly privateRanges: readonly string[];
  /** The SSH jump host; its pinned host key when the environment knows it (else first-use trust, if policy allows). */
  readonly jumpHost?: { readonly host: string; readonly port: number; readonly hostKeySha256?: string };
  /**
   * Azure Bastion in front of the jump VM; the Bastion host itself is looked up in ARM, never taken from a URL here.
   * `vmHostKeySha256` pins the VM's SSH host key (else first-use trust, if policy allows), as for the jump host.
   */
  readonly bastion?: { readonly bastionResourceId: string; readonly vmResourceId: string; readonly vmPort: number; readonly vmHostKeySha256?: string };
  /** A private name (the workspace's privatelink name) the VPN route resolves to prove private DNS answers. */
  readonly canaryHost?: string;
  /** Sandbox only: the loopback DNS server that plays the VPN's resolver. */
  readonly dnsServer?: { readonly host: string; readonly port: number };
  /** Sandbox only: `address:port` / `name:port` → the loopback port that plays it (nothing else may be dialled). */
  readonly servicePorts?: Readonly<Record<string, number>>;
}
