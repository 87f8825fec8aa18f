// Private routes at the composition root: the route manager over the drivers of each environment (built per
// connect for the account that connects), route.state pushed on every status change, the pending first-use
// trust of jump host keys, passphrase prompts (route.prompt), Test connection against an endpoint's scoring
// host from ARM, local forwards (each belongs to the environment that opened it), audit records of host-key and
// forward events, closing what a changed policy forbids (enforcePolicy), and closeAll for sign-out, idle lock and
// quit. Never a fallback to a public path; never a secret in a status, an event, a record or a log.
import type { InputOf, OutputOf } from '../../../../shared/contract/contract';
import { AirlockError } from '../../../../shared/errors/airlock-error';
import type { AuditEvent } from '../../audit';
import type { AuthService } from '../../auth';
import type { Environment, EnvironmentsService } from '../../environments';
import type { EventHub } from '../../events';
import type { RequestContext, RouteKind } from '../../guard';
import type { DataPlane } from '../../invoke';
import type { ManagedSettings } from '../../policy';
import type { Clock, HttpsPort, Logger, Scheduler } from '../../ports';
import { checkPosture, createEnvironmentTrust, createKnownHostsStore, createLocalForwards, createRouteHttpClient, createRouteManager, privateRanges, resolverForEnvironment, ROUTE_VIAS, runConnectionTest, type ConnectionTestResult, type HostKeyEvent, type RouteDriver, type RouteHttpClient, type RouteVia } from '../../routes';
import type { WorkspaceService } from '../../workspace';
import { createHostKeyTrust } from './host-key-trust';
import { createPassphrasePrompts } from './passphrase-prompts';
import { driverFor, missingRoute } from './route-drivers';
import { forwardForbidden, POLICY_KIND, routeForbidden, routeKindAllowed } from './route-policy';
import { connectionTestView, forwardView, systemEvent } from './route-views';

export interface RouteComposition {
  list(ctx: RequestContext): Promise<OutputOf<'route.list'>>;
  connect(ctx: RequestContext, via: RouteVia): Promise<OutputOf<'route.connect'>>;
  disconnect(ctx: RequestContext, via: RouteVia): Promise<OutputOf<'route.disconnect'>>;
  trustHostKey(ctx: RequestContext, via: RouteVia, fingerprint: string): Promise<OutputOf<'route.trustHostKey'>>;
  check(ctx: RequestContext, request: InputOf<'route.check'>): Promise<OutputOf<'route.check'>>;
  answerPrompt(promptId: string, answer: string | null): Promise<OutputOf<'route.answerPrompt'>>;
  openForward(ctx: RequestContext, request: InputOf<'forward.open'>): Promise<OutputOf<'forward.open'>>;
  /** Only a forward of the context's environment: another environment's is E_NOT_FOUND. */
  closeForward(ctx: RequestContext, id: string): Promise<OutputOf<'forward.close'>>;
  /** The context environment's forwards only. */
  listForwards(ctx: RequestContext): Promise<OutputOf<'forward.list'>>;
  /**
   * The data plane for the context's environment: an HTTPS client carried only by a route the environment and
   * the policy allow that is up (`via` narrows it to one). None up → E_ROUTE_DOWN; never a public fallback.
   */
  dataPlane(ctx: RequestContext, via?: RouteVia): DataPlane;
  /**
   * The route an environment's requests go over now, as the policy names it (Airlock's jump is the policy's ssh):
   * the guard's context.route for a call about that environment; 'none' for none (null) or no route up.
   */
  routeInUse(environmentId: string | null): RouteKind;
  /**
   * The policy changed: closes at once every route and local forward it no longer allows (its environment, the
   * opener's tenant, its route kind, local forwards at all), each a system record in the audit trail, a route's
   * status saying why (E_POLICY_DENIED as its last error). Resolves when they are closed; never rejects.
   */
  enforcePolicy(): Promise<void>;
  /** The last Test connection results, display-safe, for the diagnostics export. */
  lastChecks(): readonly ConnectionTestResult[];
  /** Closes every route and forward and cancels open prompts (sign-out, idle lock, quit). */
  closeAll(reason: string): Promise<void>;
}

export interface RouteCompositionDeps {
  readonly environments: EnvironmentsService;
  readonly auth: AuthService;
  readonly workspace: WorkspaceService;
  /** The policy's settings; null while it loads or where a test gave the guard a fake (then Airlock's defaults). */
  readonly settings: () => ManagedSettings | null;
  readonly audit: (event: AuditEvent) => void;
  readonly events: EventHub;
  readonly userDataDir: string;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly logger: Logger;
  /** The control plane's HTTP port (the Bastion host lookup on ARM); node:https by default. */
  readonly https?: HttpsPort;
  /** Tests: scripted drivers instead of the environment's real ones (route-drivers.ts). */
  readonly drivers?: (environment: Environment, via: RouteVia) => RouteDriver | null;
}

/** Who opened a route or forward: the account and its tenant (the policy's tenants rule reads it). */
interface Opener {
  readonly accountId: string;
  readonly username: string;
  readonly tenantId: string;
}
const MAX_CHECKS = 10;

export function composeRoutes(deps: RouteCompositionDeps): RouteComposition {
  const store = createKnownHostsStore(deps.userDataDir);
  const trust = createHostKeyTrust(store);
  const prompts = createPassphrasePrompts((prompt) => deps.events.emit('route.prompt', prompt));
  const accounts = new Map<string, Opener>();
  /** Each open forward's environment and opener: forward.list and forward.close answer for one environment. */
  const forwardOwners = new Map<string, Opener & { environmentId: string }>();
  /** Why a forward is being closed by a policy change, for its forward.closed record. */
  const closingBecause = new Map<string, string>();
  const checks: ConnectionTestResult[] = [];
  const caTrust = createEnvironmentTrust();
  const forwards = createLocalForwards({ stateDir: deps.userDataDir, clock: deps.clock, logger: deps.logger });
  const environmentOf = (id: string): Environment => {
    const environment = deps.environments.list().find((e) => e.id === id);
    if (!environment) throw new AirlockError('E_NOT_FOUND', { message: 'Airlock does not know the environment these routes belong to.' });
    return environment;
  };
  const onHostKeyEvent = (environmentId: string, accountId: string, event: HostKeyEvent) => {
    if (event.kind !== 'changed') return;
    const reason = `The jump host ${event.host}:${event.port} (${event.via}) presented ${event.presented}; Airlock expected ${event.expected ?? 'another key'} and did not connect.`;
    deps.audit(systemEvent('route.hostKeyChanged', `environment:${environmentId}`, { accountId, environmentId }, 'host-key-changed', reason));
  };
  const manager = createRouteManager({
    driverFor: (environmentId, via) => {
      const account = accounts.get(environmentId);
      if (!account) return null;
      if (deps.drivers) return deps.drivers(environmentOf(environmentId), via);
      return driverFor(environmentOf(environmentId), via, account, {
        auth: deps.auth,
        store,
        trust,
        passphrase: prompts.prompt,
        allowFirstUse: () => deps.settings()?.hostKeyFirstUse.value ?? true,
        onHostKeyEvent,
        clock: deps.clock,
        scheduler: deps.scheduler,
        logger: deps.logger,
        ...(deps.https ? { https: deps.https } : {}),
      });
    },
    clock: deps.clock,
    scheduler: deps.scheduler,
    logger: deps.logger,
  });
  manager.onStatus((status) => deps.events.emit('route.state', status));
  forwards.onChange((change) => {
    const because = change.kind === 'closed' ? closingBecause.get(change.forward.id) : undefined;
    // The screen says why a forward it showed went away when the user did not end it.
    deps.events.emit('forward.state', { kind: change.kind, forward: forwardView(change.forward), ...(because ? { closedBecause: `Your organization's policy changed: ${because}` } : {}) });
    if (change.kind === 'updated') return;
    const action = change.kind === 'opened' ? 'forward.opened' : 'forward.closed';
    const owner = forwardOwners.get(change.forward.id);
    if (change.kind === 'closed') {
      closingBecause.delete(change.forward.id);
      forwardOwners.delete(change.forward.id);
    }
    const reason = `Local forward ${change.forward.address} → ${change.forward.target} over ${change.forward.via} ${change.kind}${because ? ` because the policy changed: ${because}` : '.'}`;
    const who = owner ? { accountId: owner.accountId, environmentId: owner.environmentId } : null;
    deps.audit(systemEvent(action, `forward:${change.forward.id}`, who, because ? 'closed-by-policy' : change.kind, reason));
  });

  const policyAllows = (via: RouteVia): boolean => routeKindAllowed(deps.settings(), via);
  const whyNot = (environment: Environment, via: RouteVia): string | null =>
    missingRoute(environment, via) ?? (policyAllows(via) ? null : "Your organization's policy does not allow this route for endpoints.");
  const activeEnvironment = (ctx: RequestContext): Environment => {
    if (!ctx.environmentId) throw new AirlockError('E_AUTH_REQUIRED');
    return environmentOf(ctx.environmentId);
  };
  const usable = (ctx: RequestContext, via: RouteVia): Environment => {
    const environment = activeEnvironment(ctx);
    if (!ctx.account) throw new AirlockError('E_AUTH_REQUIRED');
    const why = whyNot(environment, via);
    if (why) throw new AirlockError(missingRoute(environment, via) ? 'E_CONFIG_INVALID' : 'E_POLICY_DENIED', { message: why });
    accounts.set(environment.id, { accountId: ctx.account.accountId, username: ctx.account.username, tenantId: ctx.account.tenantId });
    return environment;
  };
  const allowedVias = (environment: Environment, preferred?: RouteVia): RouteVia[] => (preferred ? [preferred] : ROUTE_VIAS.filter((via) => whyNot(environment, via) === null));
  // One client per environment and route kind, so invokes reuse kept-alive connections; it follows a reconnected route itself.
  const dataClients = new Map<string, RouteHttpClient>();
  const accountOf = (ctx: RequestContext) => {
    if (!ctx.account) throw new AirlockError('E_AUTH_REQUIRED');
    return ctx.account.accountId;
  };
  /** The first up route among the vias (else the first degraded one): the one requests go over. */
  const inUse = (environmentId: string, vias: readonly RouteVia[]): RouteVia | null => {
    const stateOf = (v: RouteVia) => manager.status(environmentId, v).state;
    return vias.find((v) => stateOf(v) === 'up') ?? vias.find((v) => stateOf(v) === 'degraded') ?? null;
  };
  const dropDataClient = (environmentId: string, via: RouteVia) => {
    const key = `${environmentId}\u0000${via}`;
    dataClients.get(key)?.close();
    dataClients.delete(key);
  };
  const ownForward = (ctx: RequestContext, id: string): boolean => ctx.environmentId !== null && forwardOwners.get(id)?.environmentId === ctx.environmentId;
  const closeRoutesForbidden = (): Array<Promise<unknown>> =>
    manager.statuses().flatMap((status) => {
      if (status.state === 'off' || status.state === 'failed') return [];
      const opener = accounts.get(status.environmentId);
      const why = routeForbidden(deps.settings(), { environmentId: status.environmentId, tenantId: opener?.tenantId ?? null, via: status.via });
      if (!why) return [];
      const error = new AirlockError('E_POLICY_DENIED', { message: `Airlock closed this route because your organization's policy changed: ${why}` });
      const reason = `The ${status.via} route of ${status.environmentId} (${status.target}) was closed because the policy changed: ${why}`;
      const who = { accountId: opener?.accountId ?? null, environmentId: status.environmentId };
      dropDataClient(status.environmentId, status.via);
      return [manager.disconnect(status.environmentId, status.via, error).then(() => deps.audit(systemEvent('route.closedByPolicy', `environment:${status.environmentId}`, who, 'policy-changed', reason)))];
    });
  const closeForwardsForbidden = (): Array<Promise<unknown>> =>
    forwards.list().flatMap((forward) => {
      const owner = forwardOwners.get(forward.id);
      const why = forwardForbidden(deps.settings(), { environmentId: owner?.environmentId ?? '', tenantId: owner?.tenantId ?? null, via: forward.via });
      if (!why) return [];
      closingBecause.set(forward.id, why);
      return [forwards.close(forward.id)];
    });

  return {
    async list(ctx) {
      const environment = activeEnvironment(ctx);
      const routes = ROUTE_VIAS.map((via) => ({ ...manager.status(environment.id, via), allowed: whyNot(environment, via) === null, why: whyNot(environment, via) }));
      return { environmentId: environment.id, routes };
    },
    async connect(ctx, via) {
      const environment = usable(ctx, via);
      try {
        return await manager.connect(environment.id, via);
      } catch (thrown) {
        const pending = trust.pending(environment.id, via);
        if (thrown instanceof AirlockError && thrown.code === 'E_HOST_KEY_UNKNOWN' && pending) {
          throw new AirlockError('E_HOST_KEY_UNKNOWN', {
            message: `Airlock has not seen the jump host ${pending.host}:${pending.port} before. Its key is ${pending.fingerprint}: check it with your administrator, then trust it to connect.`,
            details: { presented: pending.fingerprint },
          });
        }
        throw thrown;
      }
    },
    async disconnect(ctx, via) {
      return manager.disconnect(activeEnvironment(ctx).id, via);
    },
    async trustHostKey(ctx, via, fingerprint) {
      if (!(deps.settings()?.hostKeyFirstUse.value ?? true)) {
        throw new AirlockError('E_POLICY_DENIED', { message: "Your organization's policy allows only pinned jump host keys, so Airlock cannot trust a new one." });
      }
      const environment = activeEnvironment(ctx);
      const trusted = await trust.trust(environment.id, via, fingerprint);
      const reason = `The user trusted the jump host ${trusted.host}:${trusted.port} (${via}) key ${trusted.fingerprint} on first use.`;
      deps.audit(systemEvent('route.hostKeyTrusted', `environment:${environment.id}`, { accountId: ctx.account?.accountId ?? null, environmentId: environment.id }, 'first-use-trusted', reason));
      return { trusted: true };
    },
    async check(ctx, { via, workspaceId, endpointName }) {
      const environment = usable(ctx, via);
      const host = await deps.workspace.endpointHost(accountOf(ctx), workspaceId, endpointName);
      const ranges = privateRanges(environment.network.privateRanges);
      const result = await runConnectionTest({
        host,
        via,
        ensureRoute: async () => {
          await manager.connect(environment.id, via);
          return manager.connection(environment.id, [via], host);
        },
        ...(via === 'vpn' ? { posture: (name: string, signal: AbortSignal) => checkPosture(name, { resolver: resolverForEnvironment(environment, deps.scheduler).resolver, ranges }, signal) } : {}),
        ca: await caTrust.caFor(environment),
      });
      checks.unshift(result);
      checks.length = Math.min(checks.length, MAX_CHECKS);
      return connectionTestView(result);
    },
    async answerPrompt(promptId, answer) {
      prompts.answer(promptId, answer);
      return { done: true };
    },
    async openForward(ctx, { workspaceId, endpointName, via, localPort }) {
      const settings = deps.settings();
      if (settings && !settings.allowLocalForwards.value) throw new AirlockError('E_POLICY_DENIED', { message: "Your organization's policy does not allow local port forwards." });
      const environment = activeEnvironment(ctx);
      const vias = allowedVias(environment, via);
      if (via) usable(ctx, via);
      const host = await deps.workspace.endpointHost(accountOf(ctx), workspaceId, endpointName);
      manager.connection(environment.id, vias, host); // E_ROUTE_DOWN now, rather than at the first local socket
      const chosen = inUse(environment.id, vias) ?? vias[0]!;
      const opener = { accountId: accountOf(ctx), username: ctx.account!.username, tenantId: ctx.account!.tenantId, environmentId: environment.id };
      const view = await forwards.open({ target: { host, port: 443 }, via: chosen, connection: () => manager.connection(environment.id, vias, host), ...(localPort === undefined ? {} : { localPort }) });
      forwardOwners.set(view.id, opener);
      return forwardView(view);
    },
    async closeForward(ctx, id) {
      if (!ownForward(ctx, id) || !(await forwards.close(id))) throw new AirlockError('E_NOT_FOUND', { message: 'That local forward is not open any more.' });
      return { closed: true };
    },
    async listForwards(ctx) {
      return { forwards: forwards.list().filter((forward) => ownForward(ctx, forward.id)).map(forwardView) };
    },
    dataPlane(ctx, via) {
      const environment = via ? usable(ctx, via) : activeEnvironment(ctx);
      if (!ctx.account) throw new AirlockError('E_AUTH_REQUIRED');
      const vias = allowedVias(environment, via);
      manager.connection(environment.id, vias); // E_ROUTE_DOWN in the manager's words when none is up
      const chosen = inUse(environment.id, vias) ?? vias[0]!;
      const key = `${environment.id}\u0000${chosen}`;
      let client = dataClients.get(key);
      if (!client) {
        client = createRouteHttpClient({ environment, trust: caTrust, route: (host) => manager.connection(environment.id, [chosen], host), via: chosen });
        dataClients.set(key, client);
      }
      return { client, via: chosen, id: `${environment.id}/${chosen}` };
    },
    routeInUse(environmentId) {
      const environment = environmentId === null ? undefined : deps.environments.list().find((e) => e.id === environmentId);
      const via = environment ? inUse(environment.id, allowedVias(environment)) : null;
      return via ? POLICY_KIND[via] : 'none';
    },
    async enforcePolicy() {
      try {
        await Promise.all([...closeRoutesForbidden(), ...closeForwardsForbidden()].map((closing) => closing.catch(() => undefined)));
      } catch {
        deps.logger.log('warn', 'routes.policyEnforceFailed');
      }
    },
    lastChecks: () => [...checks],
    async closeAll(reason) {
      prompts.cancelAll();
      trust.clear();
      // Routes first: ending SSH ends every channel a forward's sockets still hold, so the forwards close at once.
      const forwardsClosed = forwards.closeAll().catch(() => undefined);
      await manager.closeAll().catch(() => undefined);
      await forwardsClosed;
      for (const client of dataClients.values()) client.close();
      dataClients.clear();
      accounts.clear(); // a reconnect must never sign in as whoever opened the route before
      deps.logger.log('info', 'routes.closedAll', { reason });
    },
  };
}
