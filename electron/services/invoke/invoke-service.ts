// Test inference: endpoint.payloadSchema and endpoint.score. The endpoint's facts and credential come from
// the control plane in main (the user never pastes a token); the payload is checked (policy size, JSON, the
// deployment's swagger schema) before anything is sent; the request rides only the caller's data plane (an
// allowed route that is up, never a public path). A model's non-2xx is a result shown in words; a route,
// TLS or timeout failure is a typed error. No credential in a result, an error or a log line.
import type { InvokeResultView, PayloadSchemaView } from '../../../shared/contract/schemas/endpoint';
import { AirlockError } from '../../../shared/errors/airlock-error';
import type { RouteHttpResponse, RouteVia } from '../routes';
import { createEndpointCredentials, type CredentialTarget } from './endpoint-credentials';
import { invokeResultOf } from './invoke-result';
import type { DataPlane, EndpointFacts, InvokeCaller, InvokeServiceDeps } from './invoke-types';
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

export interface InvokeService {
  payloadSchema(caller: InvokeCaller, request: EndpointTargetRequest): Promise<PayloadSchemaView>;
  score(caller: InvokeCaller, request: ScoreRequest): Promise<InvokeResultView>;
  /** Drops the environment's credentials from memory (its vault locked or was wiped). */
  evict(environmentId: string): void;
}

interface SwaggerRead extends SwaggerRequest {
  readonly schemaText: string | null;
  readonly source: string | null;
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

  /** Sends with the endpoint's credential; a 401 gets one fresh credential and one retry. Returns every credential used (to scrub). */
  async function withCredential(t: CredentialTarget, endpoint: EndpointFacts, send: (secret: string) => Promise<RouteHttpResponse>): Promise<{ response: RouteHttpResponse; secrets: string[] }> {
    const first = await credentials.credential(t, endpoint.authMode);
    const response = await send(first);
    if (response.status !== 401) return { response, secrets: [first] };
    deps.logger.log('info', 'invoke.credential_refused', { authMode: endpoint.authMode });
    await credentials.refused(t, endpoint.authMode);
    const second = await credentials.credential(t, endpoint.authMode);
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

  return {
    async payloadSchema(caller, request) {
      const t = targetOf(caller, request);
      const endpoint = await endpointFor(t, request.deploymentName);
      const plane = caller.dataPlane();
      const swagger = await swaggerOf(t, endpoint, plane, request.deploymentName);
      return { schema: swagger.schemaText, samples: swagger.samples, maxPayloadBytes: limitBytes(), source: swagger.source };
    },

    async score(caller, request) {
      const body = checkSizeAndJson(request.payload, limitBytes());
      const t = targetOf(caller, request);
      const endpoint = await endpointFor(t, request.deploymentName);
      const plane = caller.dataPlane(request.via);
      const swagger = await swaggerOf(t, endpoint, plane, request.deploymentName);
      if (swagger.schemaText && !checker.check(swagger.schemaText, body)) deps.logger.log('info', 'invoke.schema_unusable', {});
      const started = deps.clock.monotonicMs();
      const { response, secrets } = await withCredential(t, endpoint, (secret) =>
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
        }),
      );
      if (response.status < 100 || response.status > 599) {
        throw new AirlockError('E_UNAVAILABLE', { message: 'The endpoint answered with an HTTP status Airlock does not know.', details: { reason: 'bad-status' } });
      }
      deps.logger.log('info', 'invoke.scored', { status: response.status, authMode: endpoint.authMode, via: plane.via, ms: Math.round(deps.clock.monotonicMs() - started), bytes: response.body.length });
      return invokeResultOf(response, { authMode: endpoint.authMode, route: plane, secrets });
    },

    evict(environmentId) {
      credentials.evict(environmentId);
    },
  };
}
