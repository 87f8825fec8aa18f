// The environments service: which clouds this build can talk to. Custom environments
// (the sandbox's environment.json, admin files) join in the sign-in issue.
import type { EnvironmentSummary } from '../../../shared/contract/schemas/app';
import { BUILTIN_CLOUDS } from './builtin-clouds';
import type { Environment } from './environment';

export type { Environment } from './environment';

export interface EnvironmentsService {
  list(): readonly Environment[];
  summaries(): EnvironmentSummary[];
}

export function createEnvironmentsService(extra: readonly Environment[] = []): EnvironmentsService {
  const all = [...BUILTIN_CLOUDS, ...extra];
  return {
    list: () => all,
    summaries: () => all.map(({ id, displayName, kind }) => ({ id, displayName, kind })),
  };
}
