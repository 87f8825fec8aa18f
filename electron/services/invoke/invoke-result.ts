// A scoring answer as the renderer, the CLI and the history see it: the status (any status is a result, not
// an error), the few useful headers, the body as text under a bound, undici's timing phases, and Azure's
// status in words. Header values are display data from a host we do not control: printable, bounded. The
// credential is never part of it; should a model echo it back, it is cut out before anything leaves main.
import type { InvokeResultView } from '../../../shared/contract/schemas/endpoint';
import type { RouteHttpResponse } from '../routes';
import { failureWords } from './failure-words';
import type { DataPlane, EndpointAuthMode } from './invoke-types';

export const MAX_BODY_CHARS = 4_000_000;
export const REDACTED = '[credential removed]';

/** Printable ASCII only (headers are latin-1 at best), trimmed and cut; null when nothing is left. */
function headerText(value: string | undefined, max: number): string | null {
  if (value === undefined) return null;
  const clean = value.replace(/[^\x20-\x7e]/g, '').trim().slice(0, max);
  return clean === '' ? null : clean;
}

/** The run() failure Azure reports on a 424 (ms-azureml-model-error-statuscode / -reason), as one line. */
function runFailureOf(headers: Readonly<Record<string, string>>): string | null {
  const status = headerText(headers['ms-azureml-model-error-statuscode'], 8);
  const reason = headerText(headers['ms-azureml-model-error-reason'], 1000);
  if (!status && !reason) return null;
  return [status ? `status ${status}` : null, reason].filter(Boolean).join(': ').slice(0, 1024);
}

/** `text` with every credential sent cut out (a short one is not searched: it would cut ordinary words). */
export function withoutSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 8 && out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

export function invokeResultOf(response: RouteHttpResponse, context: { authMode: EndpointAuthMode; route: Pick<DataPlane, 'via' | 'id'>; secrets: readonly string[] }): InvokeResultView {
  const { timing } = response;
  // Secrets out first, then the bounds: what is shown is never longer than the contract allows.
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) headers[name] = withoutSecrets(value, context.secrets);
  const text = withoutSecrets(response.body.toString('utf8'), context.secrets);
  const truncated = text.length > MAX_BODY_CHARS;
  return {
    status: response.status,
    ok: response.status >= 200 && response.status < 300,
    requestId: headerText(headers['x-request-id'] ?? headers['x-ms-request-id'], 128),
    modelDeployment: headerText(headers['azureml-model-deployment'], 64),
    runFunctionFailure: runFailureOf(headers),
    contentType: headerText(headers['content-type'], 128),
    body: truncated ? text.slice(0, MAX_BODY_CHARS) : text,
    bodyBytes: response.body.length,
    bodyTruncated: truncated,
    failure: failureWords(response.status),
    timings: {
      // The route's phases (routes/http/route-http-client.ts): dns only where Airlock resolves the name itself (VPN).
      dnsMs: timing.dnsMs,
      connectMs: timing.connectMs,
      tlsMs: timing.tlsMs,
      ttfbMs: timing.ttfbMs,
      downloadMs: timing.downloadMs,
      totalMs: timing.totalMs,
    },
    authMode: context.authMode,
    route: { via: context.route.via, id: context.route.id.slice(0, 128) },
    historyId: null,
  };
}
