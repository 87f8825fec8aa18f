// The trust anchors for TLS over a route, per environment: the system roots plus, when the environment names
// one, its extra CA file (the sandbox's own CA). The file is read ONCE per environment and the answer kept,
// so a thousand requests do not read a thousand files. It never returns "trust anything": an unreadable CA
// file is an error, not a reason to verify less.
import { readFile as fsReadFile } from 'node:fs/promises';
import { rootCertificates } from 'node:tls';
import { AirlockError } from '../../../../shared/errors/airlock-error';
import type { Environment } from '../../environments';

export interface EnvironmentTrust {
  /** The `ca` list for tls.connect; undefined = Node's default roots (no extra CA in this environment). */
  caFor(environment: Pick<Environment, 'id' | 'caCertPath'>): Promise<readonly string[] | undefined>;
}

export function createEnvironmentTrust(readFile: (path: string) => Promise<string> = (p) => fsReadFile(p, 'utf8')): EnvironmentTrust {
  const cached = new Map<string, Promise<readonly string[] | undefined>>();
  return {
    caFor(environment) {
      const key = `${environment.id}\u0000${environment.caCertPath ?? ''}`;
      let trust = cached.get(key);
      if (!trust) {
        const path = environment.caCertPath;
        trust = path
          ? readFile(path).then(
              (pem) => [...rootCertificates, pem],
              () => {
                cached.delete(key); // a file fixed later is read again
                throw new AirlockError('E_CONFIG_INVALID', {
                  message: `The certificate authority file of environment ${environment.id} could not be read, so Airlock sent nothing over its private route.`,
                  details: { environmentId: environment.id.slice(0, 64), reason: 'ca-unreadable' },
                });
              },
            )
          : Promise.resolve(undefined);
        cached.set(key, trust);
      }
      return trust;
    },
  };
}
