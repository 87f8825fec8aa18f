// The route composition with scripted drivers (no socket but the forwards' own 127.0.0.1 listeners): two
// environments with all three routes, a policy whose settings the test swaps, and what it pushed and audited.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AuditEvent } from '../../../../../../electron/services/audit';
import { composeRoutes, type RouteComposition } from '../../../../../../electron/services/composition/routes/compose-routes';
import type { Environment } from '../../../../../../electron/services/environments';
import type { RequestContext } from '../../../../../../electron/services/guard';
import type { ManagedSettings } from '../../../../../../electron/services/policy';
import { silentLogger } from '../../../../../../electron/services/ports';
import type { RouteVia } from '../../../../../../electron/services/routes';
import { fakeDriver } from '../../routes/manager/fake-route';
import { createManualTime } from '../../routes/manual-time';

export const WORKSPACE = '/subscriptions/5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws';

const environment = (id: string): Environment =>
  ({ id, kind: 'custom', network: { privateRanges: ['10.0.0.0/8'], canaryHost: 'canary.privatelink.test', jumpHost: { host: 'jump.test', port: 22 }, bastion: { name: 'b' } } }) as unknown as Environment;

const managed = <T>(value: T) => ({ value, managed: true });

/** Settings as a policy that allows everything leaves them; `overrides` replace some. */
export function settingsWith(overrides: Partial<ManagedSettings> = {}): ManagedSettings {
  // Only the settings the route composition reads; the rest of ManagedSettings is not its business.
  return {
    idleLockMinutes: managed(15),
    maxPayloadBytes: managed(1_000_000),
    auditRetentionDays: managed(365),
    historyRetentionDays: managed(30),
    allowLocalForwards: managed(true),
    hostKeyFirstUse: managed(true),
    endpointAuthModes: managed(['AMLToken', 'Key', 'AADToken'] as const),
    routes: managed({}),
    forwarding: managed(null),
    environments: managed(['*']),
    tenants: managed(['*']),
    anomalyBlock: managed([]),
    ...overrides,
  } as ManagedSettings;
}

export function contextFor(environmentId: string, tenantId = 'tenant-a'): RequestContext {
  return {
    correlationId: 'c',
    channel: 'route.connect',
    resource: { type: 'environment', id: 'active' },
    account: { accountId: `acct-${environmentId}`, username: 'alice@contoso.test', tenantId, environmentId },
    environmentId,
    route: 'none',
    time: new Date(),
    host: 'test',
  } as unknown as RequestContext;
}

export interface RoutesFixture {
  readonly routes: RouteComposition;
  readonly audited: AuditEvent[];
  readonly pushed: Array<{ name: string; payload: unknown }>;
  setSettings(settings: ManagedSettings): void;
}

export function routesFixture(): RoutesFixture {
  const time = createManualTime();
  let settings = settingsWith();
  const audited: AuditEvent[] = [];
  const pushed: Array<{ name: string; payload: unknown }> = [];
  const environments = [environment('env-a'), environment('env-b')];
  const routes = composeRoutes({
    environments: { list: () => environments, summaries: () => [], defaultId: () => 'env-a' },
    auth: {} as never,
    workspace: { endpointHost: async () => 'ep.westeurope.inference.ml.azure.com' } as never,
    settings: () => settings,
    audit: (event) => void audited.push(event),
    events: { emit: (name: string, payload: unknown) => void pushed.push({ name, payload }), subscribe: () => () => undefined } as never,
    userDataDir: mkdtempSync(path.join(tmpdir(), 'airlock-routes-unit-')),
    clock: time.clock,
    scheduler: time.scheduler,
    logger: silentLogger,
    drivers: (_environment: Environment, via: RouteVia) => fakeDriver(via),
  });
  return { routes, audited, pushed, setSettings: (next) => (settings = next) };
}
