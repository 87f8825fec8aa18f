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
}
