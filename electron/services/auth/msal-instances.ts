// The MSAL PublicClientApplications of the auth service, per environment: the one whose cache is the
// environment's (loaded once from the vault), its WAM broker twin on Windows (WAM keeps those tokens), and a
// fresh, empty one for each sign-in attempt, so an attempt's tokens join the environment's cache only when
// Airlock still wants them (see sign-in-attempt.ts). Saving goes back to the store of the environment's own
// instance only.
// Every instance: cp1, PII logging off, MSAL's own log lines redacted again before Airlock's logger.
import { readFile } from 'node:fs/promises';
import { LogLevel, PublicClientApplication, type INetworkModule } from '@azure/msal-node';
import type { Environment } from '../environments';
import { redactSecrets } from '../logging';
import { createNodeHttpsPort, type HttpsPort, type Logger } from '../ports';
import { brokerPluginOnce, type BrokerPluginLoader, type INativeBrokerPlugin } from './broker';
import { createHttpsNetworkClient } from './https-network-client';
import { authorityFor } from './tenant';

/** Where an environment's serialized MSAL cache is kept (the vault: encrypted at rest). */
export interface MsalCacheStore {
  read(): Promise<string | null>;
  write(serialized: string): Promise<void>;
  /** Marks the cache as in use (silent calls count as activity for the idle lock); never blocks. */
  touch?(): void;
}

export interface MsalInstanceDeps {
  readonly logger: Logger;
  readonly cacheStoreFor?: (environmentId: string) => MsalCacheStore | undefined;
  /** Tests: a network client of their own (given the environment's CA, read for it). */
  readonly networkClientFor?: (environment: Environment, extraCaPem: string | undefined) => INetworkModule;
  /** The control plane's HTTP port from the host (it reads each environment's CA once); node:https by default. */
  readonly https?: HttpsPort;
  readonly brokerPlugin?: BrokerPluginLoader;
}

export interface MsalInstances {
  /** The environment's instance, its cache loaded from the store on first use (a locked vault refuses). */
  application(environment: Environment): Promise<PublicClientApplication>;
  /** The broker twin, or null without a usable broker. */
  broker(environment: Environment): Promise<PublicClientApplication | null>;
  /** A new instance with an empty cache, for one sign-in attempt. */
  staging(environment: Environment): Promise<PublicClientApplication>;
  /** The known instance of this environment (undefined if not loaded): `found` lookups reuse it. */
  loaded(environmentId: string, broker: boolean): Promise<PublicClientApplication | null> | undefined;
  /**
   * Saves the instance's cache to the store, and takes back what the store kept (it caps access-token
   * lifetimes). A broker instance (WAM keeps its tokens) or one evicted meanwhile (the vault locked or was
   * wiped while a refresh was under way) saves nothing: its tokens belong to a session that has ended.
   */
  save(environmentId: string, app: PublicClientApplication): Promise<void>;
  /** Forgets the environment's instance (and so MSAL's in-memory copy of its cache); true if there was one. */
  evict(environmentId: string): boolean;
}

const MSAL_LEVELS: Record<LogLevel, 'debug' | 'info' | 'warn' | 'error'> = {
  [LogLevel.Error]: 'error',
  [LogLevel.Warning]: 'warn',
  [LogLevel.Info]: 'info',
  [LogLevel.Verbose]: 'debug',
  [LogLevel.Trace]: 'debug',
};

export function createMsalInstances(deps: MsalInstanceDeps): MsalInstances {
  const applications = new Map<string, Promise<PublicClientApplication>>();
  // Each environment's broker twin (null without a usable broker). Its cache is empty (WAM keeps the tokens),
  // so it is never persisted: saving it would overwrite the vault.
  const brokers = new Map<string, Promise<PublicClientApplication | null>>();
  const brokerApps = new WeakSet<PublicClientApplication>();
  const brokerPlugin = brokerPluginOnce(deps.brokerPlugin, deps.logger);

  const https = deps.https ?? createNodeHttpsPort();
  // Every instance of an environment (its own, the broker twin, each sign-in attempt's) shares the port's
  // sender: the CA file is read by the port, once, not here per instance.
  const networkClientOf = async (environment: Environment): Promise<INetworkModule> =>
    deps.networkClientFor
      ? deps.networkClientFor(environment, environment.caCertPath ? await readFile(environment.caCertPath, 'utf8') : undefined)
      : createHttpsNetworkClient(https.forEnvironment(environment));

  function newApplication(environment: Environment, networkClient: INetworkModule, nativeBrokerPlugin?: INativeBrokerPlugin): PublicClientApplication {
    return new PublicClientApplication({
      auth: {
        clientId: environment.clientId!,
        authority: authorityFor(environment),
        clientCapabilities: ['cp1'],
        ...(environment.knownAuthorities ? { knownAuthorities: [...environment.knownAuthorities] } : {}),
      },
      system: {
        networkClient,
        loggerOptions: {
          piiLoggingEnabled: false,
          logLevel: LogLevel.Warning,
          loggerCallback: (level, message, containsPii) => {
            if (!containsPii) deps.logger.log(MSAL_LEVELS[level], 'auth.msal', { message: redactSecrets(message).slice(0, 500) });
          },
        },
      },
      ...(nativeBrokerPlugin ? { broker: { nativeBrokerPlugin } } : {}),
    });
  }

  return {
    application(environment) {
      let app = applications.get(environment.id);
      if (!app) {
        app = (async () => {
          const networkClient = await networkClientOf(environment);
          const store = deps.cacheStoreFor?.(environment.id);
          const saved = store ? await store.read() : null; // a locked vault refuses here (E_AUTH_REQUIRED)
          const pca = newApplication(environment, networkClient);
          if (saved) pca.getTokenCache().deserialize(saved);
          return pca;
        })();
        app.catch(() => applications.delete(environment.id));
        applications.set(environment.id, app);
      }
      return app;
    },

    broker(environment) {
      let app = brokers.get(environment.id);
      if (!app) {
        app = (async () => {
          const plugin = await brokerPlugin();
          if (!plugin) return null;
          const pca = newApplication(environment, await networkClientOf(environment), plugin);
          brokerApps.add(pca);
          return pca;
        })();
        app.catch(() => brokers.delete(environment.id));
        brokers.set(environment.id, app);
      }
      return app;
    },

    staging: async (environment) => newApplication(environment, await networkClientOf(environment)),
    loaded: (environmentId, broker) => (broker ? brokers : applications).get(environmentId),

    async save(environmentId, app) {
      const store = deps.cacheStoreFor?.(environmentId);
      if (!store || brokerApps.has(app) || (await applications.get(environmentId)?.catch(() => null)) !== app) return;
      const serialized = app.getTokenCache().serialize();
      await store.write(serialized);
      const kept = await store.read();
      if (kept !== null && kept !== serialized) app.getTokenCache().deserialize(kept);
    },
    evict: (environmentId) => applications.delete(environmentId),
  };
}
