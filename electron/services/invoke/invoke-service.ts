// Test inference: endpoint.payloadSchema and endpoint.score. The endpoint's facts and credential come from
// the control plane in main (the user never pastes a token); the payload is checked (policy size, JSON, the
// deployment's swagger schema) before anything is sent; the request rides only the caller's data plane (an
// allowed route that is up, never a public path). A model's non-2xx is a result shown in words; a route,
// TLS or timeout failure is a typed error. No credential in a result, an error or a log line.
import type { InvokeResultView, PayloadSchemaView } from '../../../shared/contract/schemas/endpoint';
import { AirlockError } from '../../../shared/errors/airlock-error';
import type { RouteHttpResponse, RouteHttpTiming, RouteVia } from '../routes';
import { createEndpointCredentials, type CredentialTarget } from './endpoint-credentials';
import { invokeResultOf } from './invoke-result';
import { claimsFromChallenge } from '../auth';
import type { DataPlane, EndpointAuthMode, EndpointFacts, InvokeCaller, InvokeServiceDeps } from './invoke-types';
import { checkSizeAndJson, createSchemaChecker } from './payload-check';
import { MAX_SWAGGER_BYTES, requestFromSwagger, type SwaggerRequest } from './swagger-schema';

/** Airlock's payload limit when the policy sets none (the policy's own default). */
export const DEFAULT_MAX_PAYLOAD_BYTES = 1_048_576;
/** Answers past this are refused (E_UNAVAILABLE); the view shows at most MAX_BODY_CHARS of them. */
const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
/** Azure's managed endpoints allow request_timeout_ms up to 180 s; a little more for the network. */
const SCORE_DEADLINE_MS = 190_000;
const SWAGGER_DEADLINE_MS = 30_000;
const FACTS_TTL_MS = 5 * 60_000;
const SWAGGER_TTL_MS = 10 * 60_000;

export interface EndpointTargetRequest {
  readonly workspaceId: string;
  readonly endpointName: string;
  readonly deploymentName?: string | undefined;
}

export interface ScoreRequest extends EndpointTargetRequest {
  readonly payload: string;
  readonly via?: RouteVia | undefined;
}

/** What one send of a prepared score came back with: display data only (no body, no header, no credential). */
export interface PreparedSendResult {
  /** The HTTP status (100-599): any status is a result, as with score(). */
  readonly status: number;
  readonly ok: boolean;
  /** The route's phases of the (last) request, as the data-plane client measured them. */
  readonly timing: RouteHttpTiming;
  readonly bodyBytes: number;
}

/**
 * A score checked once (endpoint facts, the policy's auth modes, size, JSON and schema, a first credential, the
 * data plane) and then sent as often as asked: what a test run is made of. send() POSTs exactly the checked text
 * with the credential of the moment (an AML token renewed at refreshAfter, a key fetched again after a 401,
 * one retry as score() does); a response of any status resolves, a route, TLS or timeout failure rejects typed.
 */
export interface PreparedScore {
  readonly via: RouteVia;
  readonly routeId: string;
  readonly authMode: EndpointAuthMode;
  send(signal?: AbortSignal): Promise<PreparedSendResult>;
  /** Forgets what it holds (nothing to close today: the data plane's connections are the route composition's). */
  dispose(): void;
}

export interface InvokeService {
  payloadSchema(caller: InvokeCaller, request: EndpointTargetRequest): Promise<PayloadSchemaView>;
  score(caller: InvokeCaller, request: ScoreRequest): Promise<InvokeResultView>;
  /** Does score()'s checks once and fetches a first credential (so a refusal shows before a run starts). */
  prepare(caller: InvokeCaller, request: ScoreRequest): Promise<PreparedScore>;
  /** Drops the environment's credentials from memory (its vault locked or was wiped). */
  evict(environmentId: string): void;
}

interface SwaggerRead extends SwaggerRequest {
  readonly schemaText: string | null;
  readonly source: string | null;
}

/** The credential a prepared score's sends last saw refused, and the one renewal every such send waits on. */
interface RenewalShare {
  refused: string | null;
  renewed: Promise<string> | null;
}

const DEPLOYMENT_SHAPE = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;

export function createInvokeService(deps: InvokeServiceDeps): InvokeService {
  const now = () => deps.clock.now().getTime();
  const credentials = createEndpointCredentials({ controlPlane: deps.controlPlane, mlToken: deps.mlToken, ...(deps.tokenStore ? { tokenStore: deps.tokenStore } : {}), now, logger: deps.logger });
  const checker = createSchemaChecker();
  const facts = new Map<string, { at: number; value: Promise<EndpointFacts> }>();
  const swaggers = new Map<string, { at: number; value: SwaggerRead }>();

  const targetOf = (caller: InvokeCaller, request: EndpointTargetRequest): CredentialTarget => ({
    accountId: caller.accountId,
    environmentId: caller.environmentId,
    workspaceId: request.workspaceId,
    endpointName: request.endpointName,
  });
  const idOf = (t: CredentialTarget, deployment?: string) => [t.environmentId, t.accountId, t.workspaceId.toLowerCase(), t.endpointName.toLowerCase(), deployment?.toLowerCase() ?? ''].join('\u0000');

  function factsOf(t: CredentialTarget): Promise<EndpointFacts> {
    const id = idOf(t);
    const held = facts.get(id);
    if (held && now() - held.at < FACTS_TTL_MS) return held.value;
    const value = deps.controlPlane.endpoint(t.accountId, t.workspaceId, t.endpointName);
    facts.set(id, { at: now(), value });
    value.catch(() => facts.delete(id));
    return value;
  }

  function limitBytes(): number {
    return deps.settings()?.maxPayloadBytes.value ?? DEFAULT_MAX_PAYLOAD_BYTES;
  }

  /** The endpoint, checked: auth mode allowed by policy, the deployment named exists, a scoring URI Airlock can use. */
  async function endpointFor(t: CredentialTarget, deploymentName: string | undefined): Promise<EndpointFacts & { scoring: URL }> {
    const endpoint = await factsOf(t);
    const allowed = deps.settings()?.endpointAuthModes.value;
    if (allowed && endpoint.authMode !== 'Unknown' && !allowed.includes(endpoint.authMode)) {
      throw new AirlockError('E_POLICY_DENIED', {
        message: `Your organization's policy does not allow calling endpoints that use ${endpoint.authMode} authentication.`,
        details: { reason: `Endpoints with auth mode ${endpoint.authMode} are not allowed.`, source: 'policy' },
      });
    }
    if (deploymentName && endpoint.deployments.length > 0 && !endpoint.deployments.some((d) => d.toLowerCase() === deploymentName.toLowerCase())) {
      throw new AirlockError('E_NOT_FOUND', { message: `The endpoint ${t.endpointName} has no deployment named ${deploymentName}.`, hint: 'Pick one of the deployments the endpoint lists.' });
    }
    const scoring = URL.parse(endpoint.scoringUri);
    if (!scoring || scoring.protocol !== 'https:' || scoring.username || scoring.password) {
      throw new AirlockError('E_UNAVAILABLE', { message: 'Azure gave this endpoint no scoring address Airlock can use, so Airlock did not call it.' });
    }
    return { ...endpoint, scoring };
  }

  /**
   * Sends with the endpoint's credential; a 401 gets one fresh credential and one retry. Every send of one
   * `shared` (a prepared score) that saw the same credential refused waits on one renewal, so 50 requests in
   * flight refused together cost one listKeys, not 50. Returns every credential used (to scrub).
   */
  async function withCredential(t: CredentialTarget, endpoint: EndpointFacts, send: (secret: string) => Promise<RouteHttpResponse>, shared: RenewalShare = { refused: null, renewed: null }): Promise<{ response: RouteHttpResponse; secrets: string[] }> {
    const first = await credentials.credential(t, endpoint.authMode);
    const response = await send(first);
    if (response.status !== 401) return { response, secrets: [first] };
    // An Entra token refused for a claim it lacks (an auth context, MFA): a fresh token would lack it too — the
    // user steps up (the challenge's claims) and the call is made again.
    const claims = endpoint.authMode === 'AADToken' && deps.stepUpRequired ? claimsFromChallenge(response.headers['www-authenticate']) : null;
    if (claims !== null && deps.stepUpRequired) throw await deps.stepUpRequired(t.accountId, claims);
    if (shared.refused !== first || !shared.renewed) {
      deps.logger.log('info', 'invoke.credential_refused', { authMode: endpoint.authMode });
      shared.refused = first;
      const renewal = credentials.refused(t, endpoint.authMode).then(() => credentials.credential(t, endpoint.authMode));
      shared.renewed = renewal;
      // Each waiter sees a failed renewal itself; the next refusal tries again rather than reuse the failure.
      renewal.catch(() => (shared.renewed === renewal ? (shared.renewed = null) : undefined));
    }
    const second = await shared.renewed;
    return { response: await send(second), secrets: [first, second] };
  }

  async function swaggerOf(t: CredentialTarget, endpoint: EndpointFacts & { scoring: URL }, plane: DataPlane, deploymentName: string | undefined): Promise<SwaggerRead> {
    const id = idOf(t, deploymentName);
    const held = swaggers.get(id);
    if (held && now() - held.at < SWAGGER_TTL_MS) return held.value;
    const none = (source: string | null, problem: string | null): SwaggerRead => ({ schema: null, schemaText: null, samples: [], problem, source });
    const swagger = endpoint.swaggerUri ? URL.parse(endpoint.swaggerUri) : null;
    let read: SwaggerRead;
    // The credential goes only to the scoring host: a swagger address elsewhere is not read.
    if (!swagger || swagger.protocol !== 'https:' || swagger.host !== endpoint.scoring.host || swagger.username || swagger.password) {
      read = none(null, 'no-swagger');
    } else {
      const headers = (secret: string): Record<string, string> => ({ authorization: `Bearer ${secret}`, accept: 'application/json', ...(deploymentName ? { 'azureml-model-deployment': deploymentName } : {}) });
      let response: RouteHttpResponse;
      try {
        ({ response } = await withCredential(t, endpoint, (secret) => plane.client.request({ url: swagger.href, method: 'GET', headers: headers(secret), maxResponseBytes: MAX_SWAGGER_BYTES, deadlineMs: SWAGGER_DEADLINE_MS })));
      } catch (error) {
        // Too big to be a real swagger: no schema (the route and credential worked). Anything else is the caller's error.
        if (error instanceof AirlockError && error.code === 'E_UNAVAILABLE' && error.details?.['reason'] === 'response-too-large') return none('swagger.json is larger than Airlock reads', 'too-large');
        throw error;
      }
      const answered = response.headers['azureml-model-deployment'];
      const who = deploymentName ?? (answered && DEPLOYMENT_SHAPE.test(answered) ? answered : null);
      const source = `swagger.json of ${who ? `deployment ${who}` : `endpoint ${t.endpointName}`}`;
      if (response.status !== 200) read = none(`${source} could not be read (HTTP ${response.status})`, `http-${response.status}`);
      else {
        const parsed = requestFromSwagger(response.body.toString('utf8'), endpoint.scoring.pathname);
        read = { ...parsed, schemaText: parsed.schema ? JSON.stringify(parsed.schema) : null, source: parsed.problem ? `${source} (${parsed.problem === 'too-large' ? 'schema too large to use' : 'no request schema in it'})` : source };
      }
    }
    swaggers.set(id, { at: now(), value: read });
    return read;
  }

  /** score()'s checks, in its order (size and JSON, endpoint and policy, route, schema); then a POST of the checked text. */
  async function checked(caller: InvokeCaller, request: ScoreRequest) {
    const body = checkSizeAndJson(request.payload, limitBytes());
    const t = targetOf(caller, request);
    const endpoint = await endpointFor(t, request.deploymentName);
    const plane = caller.dataPlane(request.via);
    const swagger = await swaggerOf(t, endpoint, plane, request.deploymentName);
    if (swagger.schemaText && !checker.check(swagger.schemaText, body)) deps.logger.log('info', 'invoke.schema_unusable', {});
    const post = async (signal: AbortSignal | undefined, share: RenewalShare) => {
      const sent = await withCredential(
        t,
        endpoint,
        (secret) =>
          plane.client.request({
            url: endpoint.scoring.href,
            method: 'POST',
            headers: {
              authorization: `Bearer ${secret}`,
              'content-type': 'application/json',
              accept: 'application/json',
              ...(request.deploymentName ? { 'azureml-model-deployment': request.deploymentName } : {}),
            },
            body: request.payload, // exactly the text checked, not a re-serialization
            deadlineMs: SCORE_DEADLINE_MS,
            maxResponseBytes: MAX_RESPONSE_BYTES,
            ...(signal ? { signal } : {}),
          }),
        share,
      );
      if (sent.response.status < 100 || sent.response.status > 599) {
        throw new AirlockError('E_UNAVAILABLE', { message: 'The endpoint answered with an HTTP status Airlock does not know.', details: { reason: 'bad-status' } });
      }
      return sent;
    };
    return { t, endpoint, plane, post };
  }

  return {
    async payloadSchema(caller, request) {
      const t = targetOf(caller, request);
      const endpoint = await endpointFor(t, request.deploymentName);
      const plane = caller.dataPlane();
      const swagger = await swaggerOf(t, endpoint, plane, request.deploymentName);
      return { schema: swagger.schemaText, samples: swagger.samples, maxPayloadBytes: limitBytes(), source: swagger.source };
    },

    async score(caller, request) {
      const ready = await checked(caller, request);
      const started = deps.clock.monotonicMs();
      const { response, secrets } = await ready.post(undefined, { refused: null, renewed: null });
      deps.logger.log('info', 'invoke.scored', { status: response.status, authMode: ready.endpoint.authMode, via: ready.plane.via, ms: Math.round(deps.clock.monotonicMs() - started), bytes: response.body.length });
      return invokeResultOf(response, { authMode: ready.endpoint.authMode, route: ready.plane, secrets });
    },

    async prepare(caller, request) {
      const ready = await checked(caller, request);
      // A first credential now: a key Azure will not list or a token it will not issue stops the run before it starts.
      await credentials.credential(ready.t, ready.endpoint.authMode);
      const share: RenewalShare = { refused: null, renewed: null };
      let disposed = false;
      return {
        via: ready.plane.via,
        routeId: ready.plane.id.slice(0, 128),
        authMode: ready.endpoint.authMode,
        async send(signal) {
          if (disposed) throw new AirlockError('E_UNAVAILABLE', { message: 'This prepared request was put away; prepare it again.' });
          const { response } = await ready.post(signal, share);
          return { status: response.status, ok: response.status >= 200 && response.status < 300, bodyBytes: response.body.length, timing: response.timing };
        },
        dispose() {
          disposed = true;
        },
      };
    },

    evict(environmentId) {
      credentials.evict(environmentId);
    },
  };
}
