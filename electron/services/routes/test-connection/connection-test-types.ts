// What a Test connection reports: for one endpoint host and one route, the steps walked in order, each with
// its time and, when it failed, the cause in plain words. The result is display-safe by construction — host
// names, addresses, the CNAME chain, public key fingerprints, HTTP status — and never holds a token, a key,
// a request or response body, or raw exception text, so the diagnostics export can include it as it is.
import type { ErrorCode } from '../../../../shared/errors/codes';
import type { RouteConnection, RouteVia } from '../route-types';

/** vpn: dns → tcp → tls → http · jump/bastion: route → channel → tls → http. */
export type ConnectionTestStepName = 'dns' | 'tcp' | 'route' | 'channel' | 'tls' | 'http';

export const STEPS_BY_VIA: Readonly<Record<RouteVia, readonly ConnectionTestStepName[]>> = {
  vpn: ['dns', 'tcp', 'tls', 'http'],
  jump: ['route', 'channel', 'tls', 'http'],
  bastion: ['route', 'channel', 'tls', 'http'],
};

export interface ConnectionTestStep {
  readonly name: ConnectionTestStepName;
  readonly ok: boolean;
  /** Not run because an earlier step failed. */
  readonly skipped?: true;
  /** Milliseconds the step took (0 when skipped). */
  readonly ms: number;
  /** What the step found, for people: the CNAME chain and answer, the route's target, the certificate, the status. */
  readonly detail?: string;
  /** Why it failed, in plain words. */
  readonly cause?: string;
  /** The typed error behind the failure, when there was one. */
  readonly code?: ErrorCode;
  /** http step: the status the endpoint answered. */
  readonly status?: number;
}

export interface ConnectionTestResult {
  readonly host: string;
  readonly port: number;
  readonly via: RouteVia;
  /** ISO time the test started. */
  readonly startedAt: string;
  readonly ok: boolean;
  readonly totalMs: number;
  readonly steps: readonly ConnectionTestStep[];
}

/** What engineer C's posture check answers (checkPosture): every address private, the chain for people. Throws E_NOT_PRIVATE. */
export interface PostureAnswer {
  readonly addresses: ReadonlyArray<{ readonly address: string }>;
  readonly chain: readonly string[];
}

export interface ConnectionTestOptions {
  /** The endpoint's real host name (TLS is verified against it). */
  readonly host: string;
  readonly port?: number;
  readonly via: RouteVia;
  /** Opens (or returns) the route; its failure is the route step's (vpn: the tcp step's) cause. */
  readonly ensureRoute: (signal: AbortSignal) => Promise<RouteConnection>;
  /** vpn only: the posture check of `host` (private DNS answer + chain). */
  readonly posture?: (host: string, signal: AbortSignal) => Promise<PostureAnswer>;
  /** Trust anchors for the TLS step (EnvironmentTrust.caFor). */
  readonly ca: readonly string[] | undefined;
  /** The unauthenticated request's path; default /swagger.json (a scoring host asks for credentials there). */
  readonly path?: string;
  /** Each step's limit (default 10 s); past it the step fails E_TIMEOUT. */
  readonly stepTimeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Monotonic milliseconds (performance.now by default) and wall time (for startedAt). */
  readonly now?: () => number;
  readonly wallClock?: () => Date;
}
