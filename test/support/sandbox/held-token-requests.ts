// An MSAL network client for the sandbox IdP that can hold a token request at the door: the test learns when
// the request arrived, does what it races against it (a cancel, a wipe), then lets it through. Everything
// else goes straight to the IdP over createCaNetworkClient (sandbox CA only, TLS verification on).
import type { INetworkModule } from '@azure/msal-node';
import { createCaNetworkClient } from './msal-harness';

export interface HeldTokenRequest {
  /** Resolves once the token request is being held. */
  readonly reached: Promise<void>;
  /** Sends the held request on to the IdP. */
  release(): void;
}

export interface HoldingNetwork {
  /** A network client for one MSAL instance (give it as `networkClientFor`). */
  client(): INetworkModule;
  /** Holds the next POST to the IdP's token endpoint, from whichever instance sends it. */
  holdNextTokenRequest(): HeldTokenRequest;
}

export function createHoldingNetwork(caPem: string, seen?: Array<{ method: string; url: string; body?: string }>): HoldingNetwork {
  let next: { arrived(): void; released: Promise<void> } | null = null;
  return {
    client() {
      const real = createCaNetworkClient(caPem, seen);
      return {
        sendGetRequestAsync: (url, options) => real.sendGetRequestAsync(url, options),
        async sendPostRequestAsync(url, options) {
          const hold = next;
          if (hold && new URL(url).pathname.endsWith('/token')) {
            next = null;
            hold.arrived();
            await hold.released;
          }
          return real.sendPostRequestAsync(url, options);
        },
      };
    },
    holdNextTokenRequest() {
      let arrived: () => void = () => undefined;
      let release: () => void = () => undefined;
      const reached = new Promise<void>((resolve) => (arrived = resolve));
      next = { arrived, released: new Promise<void>((resolve) => (release = resolve)) };
      return { reached, release: () => release() };
    },
  };
}
