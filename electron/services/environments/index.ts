// The environments service: which clouds this build can talk to. Custom environments
// (the sandbox's environment.json, admin files) join in the sign-in issue.
import type { EnvironmentSummary } from '../../../shared/contract/schemas/app';
import { BUILTIN_CLOUDS } from './builtin-clouds';
import type { Environment } from './environment';

export type { Environment, EnvironmentNetwork } from './environment';
export { DEFAULT_PRIVATE_RANGES } from './builtin-clouds';

export { loadEnvironmentFile } from './environment-file';

export interface EnvironmentsService {
  list(): readonly Environment[];
  summaries(): EnvironmentSummary[];
  /** The environment to use until the user picks one: the first extra one (e.g. the sandbox), else none. */
  defaultId(): string | null;
}

export function createEnvironmentsService(extra: readonly Environment[] = []): EnvironmentsService {
  const all = [...BUILTIN_CLOUDS, ...extra];
  return {
    list: () => all,
    // A pinned authority fixes the tenant; the sign-in screen shows it instead of asking.
    summaries: () => all.map(({ id, displayName, kind, authority, tenantId }) => ({ id, displayName, kind, pinnedTenant: authority ? (tenantId ?? null) : null })),
    defaultId: () => extra[0]?.id ?? null,
  };
}
