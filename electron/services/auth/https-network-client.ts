// MSAL's network port for Node (CLI, tests, and main until the net.fetch adapter lands): node:https with the
// system trust store plus, for one environment only, its extra CA (the sandbox's). TLS verification is
// always on. Never logs bodies: they carry codes and tokens.
import { request } from 'node:https';
import { rootCertificates } from 'node:tls';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

const MAX_RESPONSE_BYTES = 1024 * 1024;

export function createHttpsNetworkClient(extraCaPem?: string): INetworkModule {
  const ca = extraCaPem ? [...rootCertificates, extraCaPem] : undefined;
  const send = <T>(method: 'GET' | 'POST', url: string, options?: NetworkRequestOptions, timeoutMs = 30_000): Promise<NetworkResponse<T>> =>
    new Promise((resolve, reject) => {
      if (new URL(url).protocol !== 'https:') {
        reject(new Error('refusing a non-https identity request'));
        return;
      }
      const headers: Record<string, string> = { ...(options?.headers ?? {}) };
      if (options?.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));
      const req = request(url, { method, headers, ...(ca ? { ca } : {}), timeout: timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) req.destroy(new Error('identity response too large'));
          else chunks.push(chunk);
        });
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const flat: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON (an HTML error page): msal reports it as a network error
          }
          resolve({ status: res.statusCode ?? 0, headers: flat, body: body as T });
        });
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error('identity request timed out')));
      req.on('error', reject);
      req.end(options?.body);
    });
  return {
    sendGetRequestAsync: (url, options, timeout) => send('GET', url, options, timeout),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
}
