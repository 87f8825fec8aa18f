// One ARM client per call, as the account asked: its environment (from the auth service's cached lookup) and
// that environment's sender, built once per environment (the port reads the CA once).
import { readFile } from 'node:fs/promises';
import { createArmClient, type ArmClient, type ArmLimits } from '../azureml';
import type { AuthService } from '../auth';
import type { Environment } from '../environments';
import { createNodeHttpsPort, type HttpsPort, type HttpsSend, type Logger } from '../ports';

export interface ArmAccessDeps {
  readonly auth: AuthService;
  readonly logger: Logger;
  readonly https?: HttpsPort;
  readonly sendFor?: (environment: Environment, extraCaPem: string | undefined) => HttpsSend;
  readonly limits?: Partial<ArmLimits>;
}

export type ArmAccess = (accountId: string) => Promise<{ arm: ArmClient; environment: Environment }>;

export function armAccess(deps: ArmAccessDeps): ArmAccess {
  const https = deps.https ?? createNodeHttpsPort();
  const senders = new Map<string, Promise<HttpsSend>>();
  return async (accountId) => {
    const environment = await deps.auth.accountEnvironment(accountId);
    let send = senders.get(environment.id);
    if (!send) {
      const sendFor = deps.sendFor;
      send = sendFor
        ? (async () => sendFor(environment, environment.caCertPath ? await readFile(environment.caCertPath, 'utf8') : undefined))()
        : Promise.resolve(https.forEnvironment(environment)); // the port reads the CA, once per environment
      send.catch(() => senders.delete(environment.id));
      senders.set(environment.id, send);
    }
    const arm = createArmClient({ auth: deps.auth, accountId, environment, send: await send, logger: deps.logger, ...(deps.limits ? { limits: deps.limits } : {}) });
    return { arm, environment };
  };
}
