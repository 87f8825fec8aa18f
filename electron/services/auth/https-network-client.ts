// MSAL's network port over the environment's sender from the HTTP port (net.fetch in Electron, node:https
// elsewhere; verified TLS, the environment's extra CA only for that environment). Bodies are parsed as JSON
// when they are JSON; MSAL reports anything else (an HTML error page) as a network error.
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import type { HttpsSend } from '../ports';

export function createHttpsNetworkClient(https: HttpsSend): INetworkModule {
  const send = async <T>(method: 'GET' | 'POST', url: string, options?: NetworkRequestOptions, timeoutMs?: number): Promise<NetworkResponse<T>> => {
    const response = await https({ method, url, headers: options?.headers ?? {}, ...(options?.body !== undefined ? { body: options.body } : {}), ...(timeoutMs ? { timeoutMs } : {}) });
    let body: unknown = response.text;
    try {
      body = JSON.parse(response.text);
    } catch {
      // not JSON: left as text
    }
    return { status: response.status, headers: { ...response.headers }, body: body as T };
  };
  return {
    sendGetRequestAsync: (url, options, timeout) => send('GET', url, options, timeout),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
}
