// The HTTP port's Node transport (CLI, tests, the preview host; https-port.ts builds one per environment):
// node:https with the system trust store plus, for one environment only, its extra CA (the sandbox's). TLS
// verification is always on, plain http is refused, and responses are size-capped. The trust (a TLS secure
// context) and a keep-alive agent are built once per transport, not per request. Never logs: bodies carry tokens.
import { Agent, request } from 'node:https';
import { trustContext } from './tls-trust';

export interface HttpsRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly timeoutMs?: number;
}

export interface HttpsResponse {
  readonly status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
}

export type HttpsSend = (req: HttpsRequest) => Promise<HttpsResponse>;

const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

export function createHttpsSend(extraCaPem?: string): HttpsSend {
  // Parsing ~150 roots plus the CA is the costly part of a connection's setup: once per CA (tls-trust.ts), for every request.
  const agent = extraCaPem ? new Agent({ keepAlive: true, secureContext: trustContext(extraCaPem) }) : undefined;
  return ({ method, url, headers = {}, body, timeoutMs = 30_000 }) =>
    new Promise((resolve, reject) => {
      if (new URL(url).protocol !== 'https:') {
        reject(new Error('refusing a non-https request'));
        return;
      }
      const sent: Record<string, string> = { ...headers };
      if (body !== undefined) sent['content-length'] = String(Buffer.byteLength(body));
      const req = request(url, { method, headers: sent, ...(agent ? { agent } : {}), timeout: timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) req.destroy(new Error('response too large'));
          else chunks.push(chunk);
        });
        res.on('end', () => {
          const flat: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
          resolve({ status: res.statusCode ?? 0, headers: flat, text: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error('request timed out')));
      req.on('error', reject);
      req.end(body);
    });
}
