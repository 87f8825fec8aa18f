// POST /score after the host is known, in the order a real endpoint decides: body size (413) → credential
// (401/403) → deployment (404) → pending requests (429) → broken container (424) → content type and input
// (415/400) → model execution (408 on timeout, 424 when the model throws, 200 with its output).
// It must never leak a pending slot (released in `finally`) nor read a body past the cap.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authorize, type AuthDeps } from './authorize';
import { chooseDeployment, type EndpointState } from './endpoint-state';
import { InputError } from './models';
import type { PendingRequests } from './pending-requests';
import { declaredTooLarge, discardRest, MAX_BODY_BYTES, readBody } from './read-body';
import { isJsonContentType, parseScoringBody } from './request-body';
import { headerSafe, sendGatewayError, sendJson, sendModelInputError, type Headers } from './responses';
import { runModel } from './run-model';
import type { Sleep } from './sleep';

export interface ScoreDeps {
  readonly auth: AuthDeps;
  readonly pending: PendingRequests;
  readonly sleep: Sleep;
  /** Aborted when the request is over (answered or abandoned) or the server stops. */
  readonly signal: AbortSignal;
}

function tooLarge(req: IncomingMessage, res: ServerResponse, headers: Headers): void {
  sendGatewayError(res, 413, 'PayloadTooLarge', `The request body is larger than ${MAX_BODY_BYTES} bytes.`, { ...headers, connection: 'close' });
  discardRest(req);
}

export async function handleScore(req: IncomingMessage, res: ServerResponse, state: EndpointState, headers: Headers, deps: ScoreDeps): Promise<void> {
  const { endpoint } = state;
  if (declaredTooLarge(req)) return tooLarge(req, res, headers);

  const auth = await authorize(endpoint, req.headers.authorization, deps.auth);
  if (!auth.ok) {
    const extra: Headers = auth.status === 401 ? { 'www-authenticate': auth.challenge ?? 'Bearer' } : {};
    return sendGatewayError(res, auth.status, auth.code, auth.message, { ...headers, ...extra });
  }

  const choice = chooseDeployment(state, req.headers['azureml-model-deployment']);
  if (!choice.ok) return sendGatewayError(res, 404, choice.code, choice.message, headers);
  const { deployment } = choice;
  headers['azureml-model-deployment'] = deployment.name;

  const body = await readBody(req);
  if (!body.ok) {
    if (body.reason === 'too-large') tooLarge(req, res, headers);
    return;
  }

  const release = deps.pending.tryAcquire(`${endpoint.endpointId}/${deployment.name.toLowerCase()}`, deployment.maxPending);
  if (!release) {
    return sendGatewayError(
      res,
      429,
      'TooManyRequests',
      `Deployment ${deployment.name} already has ${deployment.maxPending} pending requests (2 * maxConcurrentRequestsPerInstance * instanceCount).`,
      headers,
    );
  }
  try {
    const { fails } = deployment.settings;
    if (fails) {
      return sendGatewayError(res, 424, 'ModelError', `The model container of deployment ${deployment.name} returned status ${fails.statusCode}.`, {
        ...headers,
        'ms-azureml-model-error-statuscode': String(fails.statusCode),
        'ms-azureml-model-error-reason': headerSafe(fails.reason),
      });
    }
    if (!isJsonContentType(req.headers['content-type'])) {
      return sendModelInputError(res, 415, 'BAD_REQUEST', "This predictor only supports the content type 'application/json' (charset utf-8).", headers);
    }
    let prepared;
    let latencyMs;
    try {
      const parsed = parseScoringBody(body.body);
      latencyMs = parsed.simulatedLatencyMs;
      prepared = deployment.model.prepare(parsed.inputData);
    } catch (error) {
      if (error instanceof InputError) return sendModelInputError(res, 400, error.errorCode, error.message, headers);
      throw error;
    }

    const outcome = await runModel(prepared, { latencyMs, timeoutMs: deployment.settings.requestTimeoutMs, sleep: deps.sleep, signal: deps.signal });
    switch (outcome.kind) {
      case 'ok':
        return sendJson(res, 200, outcome.output, { ...headers, 'x-ms-run-function-failed': 'False' });
      case 'timeout':
        return sendGatewayError(res, 408, 'RequestTimeout', `Model execution exceeded the deployment's request timeout of ${deployment.settings.requestTimeoutMs} ms.`, headers);
      case 'model-error':
        return sendGatewayError(res, 424, 'ModelError', `The model of deployment ${deployment.name} failed: ${headerSafe(outcome.error.message, 300)}`, {
          ...headers,
          'x-ms-run-function-failed': 'True',
          'ms-azureml-model-error-statuscode': '500',
          'ms-azureml-model-error-reason': headerSafe(outcome.error.message),
        });
      case 'aborted':
        return;
    }
  } finally {
    release();
  }
}
