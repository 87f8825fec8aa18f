// The control plane's HTTP port (Entra via MSAL, ARM reads, the Bastion host lookup): one sender per
// environment. The host gives it to createAirlock: Electron's main a net.fetch adapter (electron/main/
// net-fetch-https.ts), the CLI, tests and the preview host this Node one. Each environment's transport is
// built once and reads its CA file once; an environment never trusts another environment's CA.
// Never logs: requests carry bearer tokens.
import { readFile } from 'node:fs/promises';
import { createHttpsSend, type HttpsSend } from './https-request';

/** What the port needs of an environment (Environment satisfies it). */
export interface HttpsEnvironment {
  readonly id: string;
  /** An extra CA this environment's hosts are trusted with (the sandbox's), on top of the system's. */
  readonly caCertPath?: string;
  readonly authorityHost?: string;
  readonly armEndpoint?: string;
  readonly authority?: string;
  readonly knownAuthorities?: readonly string[];
}

export interface HttpsPort {
  /** The environment's sender; the same transport (and one CA read) for every caller and request. */
  forEnvironment(environment: HttpsEnvironment): HttpsSend;
}

export interface NodeHttpsPortDeps {
  /** Reads a CA file (tests count the reads); fs by default. */
  readonly readCa?: (file: string) => Promise<string>;
}

export function createNodeHttpsPort(deps: NodeHttpsPortDeps = {}): HttpsPort {
  const readCa = deps.readCa ?? ((file: string) => readFile(file, 'utf8'));
  const transports = new Map<string, Promise<HttpsSend>>();
  const senders = new Map<string, HttpsSend>();

  const transportOf = (environment: HttpsEnvironment): Promise<HttpsSend> => {
    const key = `${environment.id}\0${environment.caCertPath ?? ''}`;
    let transport = transports.get(key);
    if (!transport) {
      transport = environment.caCertPath ? readCa(environment.caCertPath).then((pem) => createHttpsSend(pem)) : Promise.resolve(createHttpsSend());
      // A failed read (the file moved, a permission) is not remembered: the next request reads again.
      transport.catch(() => transports.delete(key));
      transports.set(key, transport);
    }
    return transport;
  };

  return {
    forEnvironment(environment) {
      const key = `${environment.id}\0${environment.caCertPath ?? ''}`;
      let send = senders.get(key);
      if (!send) {
        send = async (request) => (await transportOf(environment))(request);
        senders.set(key, send);
      }
      return send;
    },
  };
}
