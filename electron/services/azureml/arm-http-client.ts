// The SDK's HttpClient over Airlock's HTTP port (HttpsSend): the environment's CA and transport (net.fetch in
// Electron, node:https elsewhere), TLS verification always on — no TLS code here. It refuses, before a byte
// leaves, any URL that is not the environment's ARM host (the host pin's second line), any method ARM reads
// do not use, and any answer over the size cap; an abort (the call's deadline) is a timeout (arm-errors.ts timedOut). Never logs.
import { createHttpHeaders, type HttpClient, type PipelineRequest, type PipelineResponse } from '@azure/core-rest-pipeline';
import type { HttpsResponse, HttpsSend } from '../ports';
import { offHost, timedOut, tooLarge, transportError } from './arm-errors';
import { isArmUrl } from './arm-url';

export interface ArmHttpClientOptions {
  readonly send: HttpsSend;
  readonly base: URL;
  /** Largest answer read (bytes of text); the port caps too, this holds whatever port is given. */
  readonly maxResponseBytes: number;
  /** Longest one request may take. */
  readonly requestTimeoutMs: number;
}

export function armHttpClient(options: ArmHttpClientOptions): HttpClient {
  return {
    async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
      if (!isArmUrl(request.url, options.base)) throw offHost(hostOf(request.url));
      if (request.method !== 'GET' && request.method !== 'POST') throw offHost(hostOf(request.url)); // never sent: ARM reads only
      if (request.abortSignal?.aborted) throw timedOut();
      const body = typeof request.body === 'string' ? request.body : request.body == null ? undefined : null;
      if (body === null) throw new TypeError('ARM request body must be text'); // the SDK serializes JSON to text
      const headers: Record<string, string> = {};
      for (const [name, value] of request.headers) headers[name.toLowerCase()] = value;
      const answer = await withAbort(
        options.send({ method: request.method, url: request.url, headers, ...(body !== undefined ? { body } : {}), timeoutMs: options.requestTimeoutMs }),
        request.abortSignal,
      );
      if (Buffer.byteLength(answer.text, 'utf8') > options.maxResponseBytes) throw tooLarge();
      return { request, status: answer.status, headers: createHttpHeaders(answer.headers), bodyAsText: answer.text };
    },
  };
}

type Signal = NonNullable<PipelineRequest['abortSignal']>;

async function withAbort(sending: Promise<HttpsResponse>, signal: Signal | undefined): Promise<HttpsResponse> {
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(timedOut());
    signal?.addEventListener('abort', onAbort);
  });
  try {
    return await Promise.race([sending.catch((thrown: unknown) => Promise.reject(transportError(thrown))), aborted]);
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    sending.catch(() => undefined); // a request given up on may still fail later: nobody is waiting
  }
}

function hostOf(href: string): string {
  try {
    return new URL(href).host;
  } catch {
    return '';
  }
}
