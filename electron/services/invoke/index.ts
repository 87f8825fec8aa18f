// The invoke service's face: test inference against online endpoints (payload schema and samples from the
// deployment's swagger, payload checks, scoring over the private route with the endpoint's own credential).
export { createInvokeService, DEFAULT_MAX_PAYLOAD_BYTES, type EndpointTargetRequest, type InvokeService, type PreparedScore, type PreparedSendResult, type ScoreRequest } from './invoke-service';
export { failureWords, type FailureWords } from './failure-words';
export type { AmlToken, DataPlane, EndpointAuthMode, EndpointControlPlane, EndpointFacts, EndpointKeys, EndpointTokenStore, InvokeCaller, InvokeServiceDeps } from './invoke-types';
