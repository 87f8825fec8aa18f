// Test helpers for driving the real @azure/msal-node against the sandbox IdP: an INetworkModule over
// node:https that trusts only the sandbox CA (no global env changes, TLS verification on), a
// PublicClientApplication configured like Airlock's sandbox environment, and a JWT payload reader.
import { request } from 'node:https';
import { PublicClientApplication, type INetworkModule, type NetworkRequestOptions, type NetworkResponse } from '@azure/msal-node';
import type { IdentityProvider } from '../../../sandbox/idp/index';

export function createCaNetworkClient(caPem: string, seen?: Array<{ method: string; url: string; body?: string }>): INetworkModule {
  const send = <T>(method: 'GET' | 'POST', url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> =>
    new Promise((resolve, reject) => {
      seen?.push({ method, url, ...(options?.body === undefined ? {} : { body: options.body }) });
      const headers: Record<string, string> = { ...(options?.headers ?? {}) };
      if (options?.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));
      const req = request(url, { method, headers, ca: caPem }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const flat: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
          let body: unknown;
          try {
            body = JSON.parse(text);
          } catch {
            body = text;
          }
          resolve({ status: res.statusCode ?? 0, headers: flat, body: body as T });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(options?.body);
    });
  return {
    sendGetRequestAsync: (url, options) => send('GET', url, options),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
}

export function createPublicClient(idp: Pick<IdentityProvider, 'authority' | 'knownAuthority'>, clientId: string, caPem: string, seen?: Array<{ method: string; url: string; body?: string }>): PublicClientApplication {
  return new PublicClientApplication({
    auth: { clientId, authority: idp.authority, knownAuthorities: [idp.knownAuthority], clientCapabilities: ['cp1'] },
    system: { networkClient: createCaNetworkClient(caPem, seen) },
  });
}

/** The claims of a JWT, without verifying it (the verifier tests verify). */
export function jwtClaims(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (!part) throw new Error('not a JWT');
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}
