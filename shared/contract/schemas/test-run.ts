// Schemas of the `testRun.*` channels and event: a load test for support staff — N requests at concurrency C
// (optionally paced to a rate) of one payload to one endpoint or deployment, over the same route, guard and
// credential rules as endpoint.score. Progress is pushed (testRun.progress); the run's report carries the
// percentiles, status counts and each request's sample (for the histogram, the timeline and the CSV export).
import { z } from 'zod';
import { EndpointName, RouteVia } from './route';
import { DeploymentName } from './endpoint';
import { WorkspaceId } from './workspace';

export const TestRunId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'a test run id');

export const TestRunRequest = z.strictObject({
  workspaceId: WorkspaceId,
  endpointName: EndpointName,
  deploymentName: DeploymentName.optional(),
  /** The request body (JSON text), checked once in main like endpoint.score's, then sent `count` times. */
  payload: z.string().max(64 * 1024 * 1024),
  count: z.number().int().min(1).max(10_000),
  concurrency: z.number().int().min(1).max(64),
  /** Requests started per second at most; absent: as fast as the concurrency allows. */
  ratePerSecond: z.number().min(0.1).max(1000).optional(),
  via: RouteVia.optional(),
});

/** The run a cancel or an export names: its endpoint (what the guard decides on) and its id. */
export const TestRunRef = z.strictObject({ workspaceId: WorkspaceId, endpointName: EndpointName, runId: TestRunId });

export const LatencyPercentiles = z.strictObject({
  p50: z.number().min(0),
  p90: z.number().min(0),
  p95: z.number().min(0),
  p99: z.number().min(0),
  min: z.number().min(0),
  max: z.number().min(0),
  mean: z.number().min(0),
});

/** One request of the run: when it started (ms after the run began), how long it took, how it ended. */
export const TestRunSample = z.strictObject({
  startMs: z.number().min(0),
  latencyMs: z.number().min(0),
  /** The HTTP status; 0 when no response came (the route dropped, a timeout). */
  status: z.number().int().min(0).max(599),
  /** The error code when no response came (E_ROUTE_DROPPED, E_TIMEOUT ...), else null. */
  error: z.string().max(64).nullable(),
});

export const TestRunProgress = z.strictObject({
  runId: TestRunId,
  state: z.enum(['running', 'completed', 'cancelled', 'failed']),
  total: z.number().int().min(1),
  done: z.number().int().min(0),
  failed: z.number().int().min(0),
  elapsedMs: z.number().min(0),
  /** Percentiles of the requests done so far; null before the first. */
  latency: LatencyPercentiles.nullable(),
});
export type TestRunProgress = z.infer<typeof TestRunProgress>;

export const TestRunReport = z.strictObject({
  runId: TestRunId,
  /** completed: every request ran; cancelled: the user stopped it; failed: it could not go on (the route went down for good, the credential was refused), see `stoppedBecause`. */
  state: z.enum(['completed', 'cancelled', 'failed']),
  stoppedBecause: z.string().max(400).nullable(),
  workspaceId: WorkspaceId,
  endpointName: EndpointName,
  deploymentName: DeploymentName.nullable(),
  via: RouteVia,
  count: z.number().int().min(1),
  concurrency: z.number().int().min(1),
  ratePerSecond: z.number().nullable(),
  startedAt: z.iso.datetime(),
  elapsedMs: z.number().min(0),
  sent: z.number().int().min(0),
  succeeded: z.number().int().min(0),
  failed: z.number().int().min(0),
  /** failed / sent (0 when none were sent). */
  errorRate: z.number().min(0).max(1),
  /** How many answers per HTTP status ("200": 97, "429": 3); no-response failures under "0". */
  statusCounts: z.record(z.string().regex(/^\d{1,3}$/), z.number().int().min(0)),
  latency: LatencyPercentiles.nullable(),
  /** Requests per second over the run. */
  throughput: z.number().min(0),
  samples: z.array(TestRunSample).max(10_000),
});
export type TestRunReport = z.infer<typeof TestRunReport>;

export const TestRunCancelled = z.strictObject({ runId: TestRunId, cancelled: z.boolean() });

/** Where main wrote the CSV (one row per sample, then the summary), chosen by main (a save dialog in Airlock). */
export const TestRunExportView = z.strictObject({ path: z.string().max(4096), rows: z.number().int().min(0) });
