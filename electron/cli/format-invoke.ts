// Terminal text for a test inference (endpoint.score): status and Azure's failure in words, the useful headers,
// the route, undici's timing phases, then the body (inert: the scoring server's text is someone else's data).
import type { InvokeResultView } from '../../shared/contract/schemas/endpoint';
import { inert, inertLines } from './inert';

const ms = (value: number | null): string => (value === null ? '-' : `${value.toFixed(1)} ms`);

export function formatInvoke(result: InvokeResultView): string {
  const t = result.timings;
  const lines = [
    `Status: ${result.status}${result.ok ? ' ok' : ''}${result.failure ? ` ${inert(result.failure.title, 200)}` : ''}`,
    ...(result.failure ? [`  ${inert(result.failure.words, 1000)}`] : []),
    `Request id: ${inert(result.requestId ?? '-', 128)}`,
    `Deployment: ${inert(result.modelDeployment ?? '-', 64)}`,
    ...(result.runFunctionFailure ? [`run() failed: ${inert(result.runFunctionFailure, 1024)}`] : []),
    `Auth: ${result.authMode} (the credential stays in Airlock)`,
    `Route: ${result.route.via}`,
    // A kept-alive connection (Airlock read the deployment's schema over it first) has no DNS, connect or TLS.
    `Timings: ${t.dnsMs === null && t.connectMs === null && t.tlsMs === null ? 'connection reused (no dns, connect or tls)' : `dns ${ms(t.dnsMs)}, connect ${ms(t.connectMs)}, tls ${ms(t.tlsMs)}`}, first byte ${ms(t.ttfbMs)}, download ${ms(t.downloadMs)}, total ${ms(t.totalMs)}`,
    `Body (${result.bodyBytes} bytes${result.bodyTruncated ? ', cut' : ''}${result.contentType ? `, ${inert(result.contentType, 128)}` : ''}):`,
    inertLines(result.body),
  ];
  return `${lines.join('\n').replace(/\n*$/, '')}\n`;
}
