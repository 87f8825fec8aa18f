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
}
