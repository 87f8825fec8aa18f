// The one composition root. Electron's IPC binding, the CLI, the harness bridge and the tests all call
// createAirlock(); nothing else constructs services, and no service is reached through a module singleton.
import type { ServiceHandlers } from '../../../shared/contract/contract';
import { createAppService, type AppService, type RuntimeFacts } from '../app';
import { createEnvironmentsService, type Environment, type EnvironmentsService } from '../environments';
import { type Clock, type Logger } from '../ports';

export interface AirlockConfig {
  readonly runtime: RuntimeFacts;
  /** Environments beyond the built-in clouds (sandbox, admin-provided). */
  readonly extraEnvironments?: readonly Environment[];
}

export interface AirlockPorts {
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface Airlock {
  /** What the contract exposes, keyed like the channels (`app.info` → handlers.app.info). */
  readonly handlers: ServiceHandlers;
  readonly services: { readonly app: AppService; readonly environments: EnvironmentsService };
  readonly ports: AirlockPorts;
  dispose(): Promise<void>;
}

export function createAirlock(config: AirlockConfig, ports: AirlockPorts): Airlock {
  const environments = createEnvironmentsService(config.extraEnvironments);
  const app = createAppService(config.runtime, environments, ports.clock);

  const handlers: ServiceHandlers = {
    app: { info: () => app.info(), health: () => app.health() },
  };

  return {
    handlers,
    services: { app, environments },
    ports,
    async dispose() {
      ports.logger.log('info', 'airlock.disposed');
    },
  };
}
