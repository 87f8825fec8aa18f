// The admin policy changes while Airlock runs: routes and local forwards the new policy forbids (the route kind
// for endpoints, localForwards: false, the environment, the tenant of the account that opened them) close at
// once; each closure is a system record in the audit trail with the reason, and a route's pushed route.state
// says why in its last error (E_POLICY_DENIED). What the new policy still allows stays open.
import { afterEach, describe, expect, it } from 'vitest';
import type { RouteStatus } from '../../../../../../electron/services/routes';
import { contextFor, routesFixture, settingsWith, WORKSPACE, type RoutesFixture } from './compose-routes-fixture';

let fixture: RoutesFixture | null = null;
afterEach(async () => {
  await fixture?.routes.closeAll('test');
  fixture = null;
});

const A = contextFor('env-a');
const managed = <T>(value: T) => ({ value, managed: true });

async function upEverywhere(f: RoutesFixture) {
  for (const via of ['vpn', 'jump', 'bastion'] as const) expect(await f.routes.connect(A, via)).toMatchObject({ state: 'up' });
}

const lastState = (f: RoutesFixture, environmentId: string, via: string) =>
  f.pushed
    .filter((e) => e.name === 'route.state')
    .map((e) => e.payload as RouteStatus)
    .filter((s) => s.environmentId === environmentId && s.via === via)
    .at(-1);

describe('a policy change closes what it forbids', () => {
  it('a route kind no longer allowed for endpoints: that route goes off with E_POLICY_DENIED in words, audited; the others stay up', async () => {
    const f = (fixture = routesFixture());
    await upEverywhere(f);
    f.setSettings(settingsWith({ routes: managed({ endpoint: ['bastion'] }) }));
    await f.routes.enforcePolicy();
    expect(lastState(f, 'env-a', 'jump')).toMatchObject({ state: 'off', lastError: { code: 'E_POLICY_DENIED', message: expect.stringContaining('SSH jump host') as unknown } });
    expect(lastState(f, 'env-a', 'vpn')).toMatchObject({ state: 'off', lastError: { code: 'E_POLICY_DENIED' } });
    expect(lastState(f, 'env-a', 'bastion')).toMatchObject({ state: 'up' });
    const records = f.audited.filter((r) => r.action === 'route.closedByPolicy');
    expect(records.map((r) => r.resource)).toEqual(['environment:env-a', 'environment:env-a']);
    expect(records[0]).toMatchObject({ kind: 'system', environmentId: 'env-a', accountId: 'acct-env-a', rule: 'policy-changed', reason: expect.stringContaining('policy') as unknown });
    // The list says so too, and a new connect is refused.
    const list = await f.routes.list(A);
    expect(list.routes.find((r) => r.via === 'jump')).toMatchObject({ state: 'off', allowed: false, lastError: { code: 'E_POLICY_DENIED' } });
    await expect(f.routes.connect(A, 'jump')).rejects.toMatchObject({ code: 'E_POLICY_DENIED' });
  });

  it('localForwards: false closes every open forward (audited with the reason); routes stay up', async () => {
    const f = (fixture = routesFixture());
    await upEverywhere(f);
    const forward = await f.routes.openForward(A, { workspaceId: WORKSPACE, endpointName: 'credit-ep', via: 'jump' });
    f.setSettings(settingsWith({ allowLocalForwards: managed(false) }));
    await f.routes.enforcePolicy();
    expect((await f.routes.listForwards(A)).forwards).toEqual([]);
    expect(f.pushed.filter((e) => e.name === 'forward.state').at(-1)).toMatchObject({ payload: { kind: 'closed', forward: { id: forward.id } } });
    const closed = f.audited.find((r) => r.action === 'forward.closed');
    expect(closed).toMatchObject({ kind: 'system', resource: `forward:${forward.id}`, rule: 'closed-by-policy', reason: expect.stringContaining('local port forwards') as unknown });
    expect(lastState(f, 'env-a', 'jump')).toMatchObject({ state: 'up' });
  });

  it('an environment no longer allowed: its routes and forwards close, another environment’s stay open', async () => {
    const f = (fixture = routesFixture());
    const B = contextFor('env-b');
    await f.routes.connect(A, 'jump');
    await f.routes.connect(B, 'jump');
    const forwardA = await f.routes.openForward(A, { workspaceId: WORKSPACE, endpointName: 'credit-ep', via: 'jump' });
    const forwardB = await f.routes.openForward(B, { workspaceId: WORKSPACE, endpointName: 'credit-ep', via: 'jump' });
    f.setSettings(settingsWith({ environments: managed(['env-b']) }));
    await f.routes.enforcePolicy();
    expect(lastState(f, 'env-a', 'jump')).toMatchObject({ state: 'off', lastError: { code: 'E_POLICY_DENIED', message: expect.stringContaining("'env-a'") as unknown } });
    expect(lastState(f, 'env-b', 'jump')).toMatchObject({ state: 'up' });
    expect((await f.routes.listForwards(B)).forwards.map((x) => x.id)).toEqual([forwardB.id]);
    expect((await f.routes.listForwards(A)).forwards).toEqual([]);
    expect(f.audited.find((r) => r.action === 'forward.closed')).toMatchObject({ resource: `forward:${forwardA.id}`, rule: 'closed-by-policy' });
  });

  it('a tenant no longer allowed: what its account opened closes', async () => {
    const f = (fixture = routesFixture());
    await f.routes.connect(A, 'bastion');
    f.setSettings(settingsWith({ tenants: managed(['tenant-other']) }));
    await f.routes.enforcePolicy();
    expect(lastState(f, 'env-a', 'bastion')).toMatchObject({ state: 'off', lastError: { code: 'E_POLICY_DENIED', message: expect.stringContaining('tenant') as unknown } });
  });

  it('a change that forbids nothing open closes nothing and records nothing', async () => {
    const f = (fixture = routesFixture());
    await upEverywhere(f);
    await f.routes.openForward(A, { workspaceId: WORKSPACE, endpointName: 'credit-ep', via: 'vpn' });
    f.setSettings(settingsWith({ idleLockMinutes: managed(5) }));
    await f.routes.enforcePolicy();
    for (const via of ['vpn', 'jump', 'bastion']) expect(lastState(f, 'env-a', via)).toMatchObject({ state: 'up' });
    expect((await f.routes.listForwards(A)).forwards).toHaveLength(1);
    expect(f.audited.filter((r) => r.action === 'route.closedByPolicy' || r.action === 'forward.closed')).toEqual([]);
  });
});
