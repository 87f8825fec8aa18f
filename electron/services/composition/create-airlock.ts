// The one composition root. Electron's IPC binding, the CLI, the harness bridge and the tests all call
// createAirlock(); nothing else constructs services, and no service is reached through a module singleton.
// Hosts get only guarded doors (gateway / inProcess): every contract call passes the guard (policy decision,
// audit records) before its handler; the handlers object never leaves this file.
import { createAppService, createDiagnosticsService, readSignInState, userDataDiagnosticsTarget, type AppService, type DiagnosticsService, type DiagnosticsTarget, type RuntimeFacts } from '../app';
import { createAuthService, loadNativeBrokerPlugin, type AuthService, type BrokerPluginLoader, type BrowserOpener } from '../auth';
import { createEnvironmentsService, type Environment, type EnvironmentsService } from '../environments';
import { createEventHub, type EventHub, type EventSource } from '../events';
import { createGateway, createInProcessGateway, replaceHandlers, type FrameHost, type Gateway, type HandlerReplacements, type InProcessGateway, type InProcessHost, type ServiceHandlers, type TrustedOrigin } from '../gateway';
import { createContextBuilder, createGuard, createMachineAddresses } from '../guard';
import { createLinkService, type LinkOpener } from '../links';
import { createRecentLines, redactingLogger, teeLogger } from '../logging';
import { createNodeHttpsPort, systemScheduler, type Clock, type HttpsPort, type Logger, type Scheduler } from '../ports';
import { createSessionService, type SessionService } from '../session';
import type { Keychain } from '../vault';
import { createWorkspaceService, type WorkspaceService } from '../workspace';
import type { AnomalyDetector, AuditTrail } from '../audit';
import type { PolicyService } from '../policy';
import { activeIdentity } from './active-identity';
import { userDataExportTarget, type AuditExportTarget } from './audit-export-target';
import { auditHandlers, policyHandlers, type AuditPolicyDeps } from './audit-policy-handlers';
import { composeGuardServices, type GuardPorts } from './compose-guard';
import { startPolicyEffects } from './policy-effects';
import { createSignInPolicyCheck } from './sign-in-policy-check';
import { createVaultRegistry } from './vault-registry';
import { composeRoutes } from './routes/compose-routes';
import { createInvokeService } from '../invoke';
import { invokeHandlers, vaultTokenStore } from './invoke-handlers';
import { browseHandlers } from './browse-handlers';
import { routeHandlers } from './routes/route-handlers';
import { createTestRunService, keepAliveScheduler, type TestRunExportTarget } from '../test-run';
import { testRunHandlers } from './test-run-handlers';
import { createHistoryService, DEFAULT_HISTORY_RETENTION_DAYS, type HistoryService } from '../history';
import { historyHandlers, recordingScore } from './history-handlers';

export type { GuardPorts } from './compose-guard';
export type { AuditExportTarget } from './audit-export-target';

export interface AirlockConfig {
  readonly runtime: RuntimeFacts;
  /** Environments beyond the built-in clouds (sandbox, admin-provided). */
  readonly extraEnvironments?: readonly Environment[];
  /** Idle lock of decrypted token material (default 15 minutes); the admin policy's idleLockMinutes wins when it manages it. */
  readonly idleLockMs?: number;
}

export interface IdentityPorts {
  /** Opens the system browser (shell.openExternal in Electron; a scripted browser in tests). */
  readonly openBrowser: BrowserOpener;
  /** The OS keychain (keytar), or the memory adapter in unit tests. */
  readonly keychain: Keychain;
  /** Where the encrypted token cache lives (Electron's userData). */
  readonly userDataDir: string;
  readonly scheduler?: Scheduler;
  /** The WAM broker plugin; by default the real one, which exists on Windows only (null elsewhere). */
  readonly brokerPlugin?: BrokerPluginLoader;
  /** The native handle of Airlock's window, so WAM's dialog opens over it (BrowserWindow.getNativeWindowHandle). */
  readonly parentWindowHandle?: () => Buffer | undefined;
}

export interface AirlockPorts {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly identity: IdentityPorts;
  /** Opens a page `app.openLink` allowed (shell.openExternal in Electron, a guarded window in the Chromium host); none in the CLI. */
  readonly openLink?: LinkOpener;
  /** Where Export diagnostics writes (a save dialog in Electron); by default `<userData>/diagnostics/`. */
  readonly diagnosticsTarget?: DiagnosticsTarget;
  /** Where audit.export writes (a save dialog in Electron, --out or the working folder in the CLI); by default `<userData>/exports/`. */
  readonly auditExportTarget?: AuditExportTarget;
  /** Where testRun.export writes its CSV (a save dialog in Electron, --csv in the CLI); by default `<userData>/exports/`. */
  readonly testRunExportTarget?: TestRunExportTarget;
  /** The guard's parts (policy source, fakes for tests); by default the real ones (compose-guard.ts). */
  readonly guard?: GuardPorts;
  /**
   * The control plane's HTTP port (MSAL, ARM reads, the Bastion host lookup): net.fetch in Electron (system
   * proxy, PAC, OS certificates, redirects never followed); by default node:https, each environment's CA read once.
   */
  readonly http?: HttpsPort;
}

export interface Airlock {
  /** The guarded door for a host that serves the renderer (Electron's IPC, the Chromium host): frames checked first. */
  gateway(host: FrameHost, trustedOrigin: TrustedOrigin): Gateway;
  /** The guarded door for a trusted in-process caller: the CLI (and tests). */
  inProcess(host: InProcessHost): InProcessGateway;
  /**
   * The push channel's source: contract events (shared/contract/events.ts), each payload already checked
   * against its schema. Hosts that serve the renderer subscribe and send them to Airlock's own page only.
   */
  readonly events: EventSource;
  /** The services themselves, for tests that look inside; hosts never call them (only the guarded doors). */
  readonly services: {
    readonly app: AppService;
    readonly environments: EnvironmentsService;
    readonly auth: AuthService;
    readonly session: SessionService;
    readonly workspace: WorkspaceService;
    readonly diagnostics: DiagnosticsService;
    /** Test inferences kept on this device (endpoint.score records; its writes land just after each answer). */
    readonly history: HistoryService;
    /** The admin policy service and the audit trail (as they start); null where a test gave the guard a fake. */
    readonly policy: Promise<PolicyService> | null;
    readonly audit: Promise<AuditTrail> | null;
    /** Anomaly hints over the audit trail (fed by the guard's appends); null where a test gave the guard a fake trail. */
    readonly anomalies: AnomalyDetector | null;
    /** The event hub behind `events`: tests emit through it where they replaced the handler that would. */
    readonly events: EventHub;
  };
  /** The ports as given, except `logger`: it redacts, and keeps recent lines for the diagnostics export. Hosts log through it. */
  readonly ports: AirlockPorts;
  dispose(): Promise<void>;
}

/**
 * `replacements`: tests stub some handlers here (a service they do not want to run); what replaces them still
 * runs behind the guard. Hosts never pass it.
 */
export function createAirlock(config: AirlockConfig, given: AirlockPorts, replacements?: HandlerReplacements): Airlock {
  // Every service logs through the tee, so the diagnostics export sees recent lines whatever the host prints.
  const recentLines = createRecentLines({ clock: given.clock });
  // Redacted first, for the host's log and the recent lines alike: no service has to get every field right.
  const ports: AirlockPorts = { ...given, logger: redactingLogger(teeLogger(given.logger, recentLines)) };
  const environments = createEnvironmentsService(config.extraEnvironments);
  const app = createAppService(config.runtime, environments, ports.clock);
  const events = createEventHub({ logger: ports.logger });
  const https = ports.http ?? createNodeHttpsPort(); // one for every control-plane caller

  const vaults = createVaultRegistry({
    keychain: ports.identity.keychain,
    userDataDir: ports.identity.userDataDir,
    clock: ports.clock,
    logger: ports.logger,
    ...(ports.identity.scheduler ? { scheduler: ports.identity.scheduler } : {}),
    idleLockMs: () => policyEffects.idleLockMs(), // the admin policy's when it manages it, else the configured one
    // MSAL's in-memory copy and the invoke service's endpoint keys go with the vault's material.
    onMaterialDropped: (environmentId) => {
      auth.evict(environmentId);
      invoke.evict(environmentId);
    },
    onLocked: (environmentId) => {
      events.emit('vault.locked', { environmentId });
      testRuns.stopAll('Airlock locked after a while without use, so the test run stopped. Unlock and run it again.');
      void routes.closeAll('idle-lock'); // routes and forwards lock with the tokens
    },
  });

  const auth = createAuthService({
    environments,
    openBrowser: ports.identity.openBrowser,
    logger: ports.logger,
    clock: ports.clock,
    ...(ports.identity.scheduler ? { scheduler: ports.identity.scheduler } : {}),
    brokerPlugin: ports.identity.brokerPlugin ?? (() => loadNativeBrokerPlugin(ports.logger)),
    https,
    ...(ports.identity.parentWindowHandle ? { parentWindowHandle: ports.identity.parentWindowHandle } : {}),
    cacheStoreFor: (environmentId) => vaults.msalCacheStore(environmentId),
  });
  const session = createSessionService({
    auth,
    environments,
    vaultFor: (environmentId) => vaults.vaultFor(environmentId),
    clock: ports.clock,
    logger: ports.logger,
    onSignInProgress: (progress) => events.emit('auth.signInProgress', progress),
  });
  const workspace = createWorkspaceService({ auth, logger: ports.logger, https });
  const browse = browseHandlers({ workspace });
  let policyNow: PolicyService | null = null;
  const links = createLinkService({
    ...(ports.openLink ? { open: ports.openLink } : {}),
    deviceCodePage: async () => (await session.signInProgress()).deviceCode?.verificationUri ?? null,
    logger: ports.logger,
  });
  const diagnostics = createDiagnosticsService({
    app,
    signInState: () => readSignInState({ session, environments, vaultStatuses: () => vaults.statuses() }),
    recentLines: () => recentLines.lines(),
    connectionTests: () => routes.lastChecks(),
    chooseTarget: ports.diagnosticsTarget ?? userDataDiagnosticsTarget(ports.identity.userDataDir),
    clock: ports.clock,
    logger: ports.logger,
  });

  const guardServices = composeGuardServices({ ports: ports.guard, userDataDir: ports.identity.userDataDir, keychain: ports.identity.keychain, clock: ports.clock, logger: ports.logger });
  // The policy's managed settings outside the guard: policy.loaded records, the vaults' idle lock (open ones
  // too), audit retention (hourly, on the system scheduler: the identity scheduler is the idle lock's).
  const policyEffects = startPolicyEffects({
    policy: guardServices.policyService,
    trail: guardServices.auditTrail,
    configIdleLockMs: config.idleLockMs,
    applyIdleLockMs: (ms) => vaults.setIdleLockMs(ms),
    clock: ports.clock,
    scheduler: systemScheduler,
    logger: ports.logger,
  });
  // A sign-in whose account the policy does not allow (its tenant, say) is signed out again at once.
  const signInPolicyCheck = createSignInPolicyCheck({
    policy: guardServices.policy,
    audit: guardServices.audit,
    signOut: (accountId) => session.signOut(accountId),
    // Its sign-out failed: the wipe drops the vault's memory first, so MSAL's copy goes too even if the files stay.
    wipeEnvironment: async (environmentId) => {
      try {
        await vaults.vaultFor(environmentId).signOut();
      } finally {
        auth.evict(environmentId);
        await session.accounts().catch(() => undefined); // the session's active account is read again
      }
    },
    logger: ports.logger,
  });
  // Settings → Policy, the Audit screen and `airlock policy|audit`: the policy service and the trail via their faces.
  const auditPolicy: AuditPolicyDeps = {
    policy: guardServices.policyService,
    audit: guardServices.auditTrail,
    anomalies: guardServices.anomalies, // null (a fake trail): audit.anomalies answers E_UNAVAILABLE, never an empty list
    forwarding: () => guardServices.forwarding.status(),
    exportTarget: ports.auditExportTarget ?? userDataExportTarget(ports.identity.userDataDir),
    clock: ports.clock,
    keychainBackend: async () => (await ports.identity.keychain.backend()).backend,
    onVerifyProgress: (progress) => events.emit('audit.verifyProgress', progress),
  };

  void guardServices.policyService
    ?.then((service) => {
      policyNow = service;
      // Routes and forwards a changed policy forbids close at once (audited; a route's status says why).
      service.onChange(() => void routes.enforcePolicy());
    })
    .catch(() => undefined);
  const routes = composeRoutes({
    environments,
    auth,
    workspace,
    settings: () => policyNow?.settings() ?? null,
    // Host-key and forward events: system records through the guard's audit port, like policy.loaded.
    audit: (event) => void Promise.resolve(guardServices.audit).then((trail) => trail.append(event)).catch(() => ports.logger.log('warn', 'routes.event_unrecorded', { action: event.action })),
    events,
    userDataDir: ports.identity.userDataDir,
    clock: ports.clock,
    scheduler: systemScheduler,
    logger: ports.logger,
    https,
  });
  // Scoring: credentials from the endpoint's own auth mode (AML tokens in the vault, keys in memory only), the
  // payload checked against the deployment's schema and the policy's size limit, sent over the route dataPlane gives.
  const invoke = createInvokeService({
    controlPlane: workspace,
    mlToken: async (accountId, options) => (await auth.accessToken(accountId, 'ml', options)).token,
    stepUpRequired: (accountId, claims) => auth.stepUpRequired(accountId, 'ml', claims),
    tokenStore: (environmentId) => vaultTokenStore(vaults.vaultFor(environmentId)),
    settings: () => policyNow?.settings() ?? null,
    clock: ports.clock,
    logger: ports.logger,
  });
  // Test runs (support staff): the payload checked once by invoke.prepare, then N sends at concurrency C; one run at a time.
  const testRuns = createTestRunService({
    invoke,
    clock: ports.clock,
    scheduler: keepAliveScheduler,
    logger: ports.logger,
    onProgress: (progress) => events.emit('testRun.progress', progress),
    exportTarget: ports.testRunExportTarget ?? ((name) => userDataExportTarget(ports.identity.userDataDir)(name, 'csv')),
  });
  // Every test inference kept on this device, bodies sealed under a keychain key, for the policy's days (history-handlers.ts).
  const history = createHistoryService({
    userDataDir: ports.identity.userDataDir,
    keychain: ports.identity.keychain,
    retentionDays: () => policyNow?.settings().historyRetentionDays.value ?? DEFAULT_HISTORY_RETENTION_DAYS,
    clock: ports.clock,
    scheduler: systemScheduler,
    logger: ports.logger,
  });
  const composed: ServiceHandlers = replaceHandlers({
    app: {
      info: () => app.info(),
      health: () => app.health(),
      exportDiagnostics: () => diagnostics.export(),
      openLink: async ({ url }) => {
        await links.open(url);
        return { opened: true };
      },
    },
    auth: {
      signIn: async (request, ctx) => signInPolicyCheck(await session.signIn(request), ctx),
      signInProgress: () => session.signInProgress(),
      cancelSignIn: () => session.cancelSignIn(),
      accounts: () => session.accounts(),
      // Routes and forwards were opened with the previous account's SSH login and tokens: they close first.
      switchAccount: async ({ accountId }) => (testRuns.stopAll('You switched account, so the test run stopped.'), await routes.closeAll('switch-account'), session.switchAccount(accountId)),
      // Every route and forward closes with the account that opened them (and before the device forgets all).
      signOut: async ({ accountId }) => (testRuns.stopAll('You signed out, so the test run stopped.'), await routes.closeAll('sign-out'), session.signOut(accountId)),
      // Forgetting the device forgets its history and the history key too (signing out keeps them).
      forgetDevice: async () => {
        testRuns.stopAll('Airlock forgot this device, so the test run stopped.');
        await routes.closeAll('forget-device');
        try {
          return await session.forgetDevice();
        } finally {
          await history.forgetDevice().catch(() => ports.logger.log('error', 'history.forget_failed'));
        }
      },
      session: () => session.session(),
      unlock: () => session.unlock(),
      stepUp: ({ stepUpId }) => session.stepUp(stepUpId),
    },
    workspace: browse.workspace,
    endpoint: { ...browse.endpoint, ...invokeHandlers({ invoke, routes }) },
    history: historyHandlers({ history }),
    testRun: testRunHandlers({ testRuns, routes }),
    policy: policyHandlers(auditPolicy),
    audit: auditHandlers(auditPolicy),
    ...routeHandlers(routes),
  }, replacements);
  // Scoring is recorded whoever answers it (a test's replacement too): audit facts, history, the result's historyId.
  const handlers: ServiceHandlers = { ...composed, endpoint: { ...composed.endpoint, score: recordingScore(composed.endpoint.score, history, ports.logger) } };

  /** Who the session says is active, with the MFA facts of that account's tokens: from memory, never the vault. */
  const identity = activeIdentity(session, auth, environments);
  const guard = createGuard({
    context: createContextBuilder({
      identity,
      defaultEnvironmentId: () => environments.defaultId(),
      addresses: ports.guard?.addresses ?? createMachineAddresses({ clock: ports.clock }),
      clock: ports.clock,
      // The hints active for the account now: the policy's anomalies.block may make one refuse the call.
      ...(guardServices.contextAnomalies ? { anomalies: guardServices.contextAnomalies } : {}),
      route: (environmentId) => routes.routeInUse(environmentId),
    }),
    policy: guardServices.policy,
    audit: guardServices.audit,
    clock: ports.clock,
    logger: ports.logger,
  });
  const doors = { handlers, guard, logger: ports.logger };

  return {
    gateway: (host, trustedOrigin) => createGateway({ ...doors, host, trustedOrigin }),
    inProcess: (host) => createInProcessGateway({ ...doors, host }),
    // Subscribe-only: a host cannot emit through it (the hub itself stays in services, for tests).
    events: { subscribe: (listener) => events.subscribe(listener) },
    services: { app, environments, auth, session, workspace, diagnostics, history, policy: guardServices.policyService, audit: guardServices.auditTrail, anomalies: guardServices.anomalies, events },
    ports,
    async dispose() {
      testRuns.stopAll('Airlock is closing, so the test run stopped.');
      await routes.closeAll('quit');
      await vaults.dispose();
      policyEffects.dispose();
      await history.written(); // the last answers' entries (a one-shot CLI invoke exits right after this)
      history.dispose();
      await guardServices.dispose();
      ports.logger.log('info', 'airlock.disposed');
    },
  };
}
