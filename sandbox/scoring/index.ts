// The scoring (data-plane) part of the sandbox: what the lead and the ARM emulator may use.
export { startScoring, MAX_HEADER_BYTES, type ScoringDeps, type ScoringHost, type ScoringHosts } from './scoring-server';
export { endpointResourceId, privateLinkCname, regionWildcard, scoringHostname } from './endpoint-id';
export { MAX_BODY_BYTES } from './read-body';
export { realSleep, SleepAborted, type Sleep } from './sleep';
export { ML_AUDIENCE } from './authorize';
export { SCORE_ACTION } from './rbac';
