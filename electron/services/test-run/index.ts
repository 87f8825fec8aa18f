// The test-run service's face: N requests of one checked payload at concurrency C (optionally paced), with
// progress, cancel, percentiles and a CSV export.
export { createTestRunService, testRunExportName, type TestRunExportTarget, type TestRunOwner, type TestRunRefOf, type TestRunService, type TestRunServiceDeps, type TestRunStart } from './test-run-service';
export { RunStopped, runLoad, type LoadOutcome, type RunLoadOptions } from './run-load';
export { latencyPercentiles, nearestRank } from './percentiles';
export { runStats, type RunStats, type Sample } from './run-stats';
export { csvCell, testRunCsv } from './test-run-csv';
export { createPacer, keepAliveScheduler } from './pacer';
