// Routes and forwards answer for the request's environment, not for every environment: forward.list shows the
// active environment's forwards only (and forward.close finds only those), and the route in use (the guard's
// context.route, which the policy's route rules read) is that environment's, never another one's up route.
import { afterEach, describe, expect, it } from 'vitest';
import { contextFor, routesFixture, WORKSPACE, type RoutesFixture } from './compose-routes-fixture';

let fixture: RoutesFixture | null = null;
afterEach(async () => {
  await fixture?.routes.closeAll('test');
  fixture = null;
});

const A = contextFor('env-a');
const B = contextFor('env-b');

describe('forwards of the active environment', () => {
  it('forward.list shows only the context environment’s forwards', async () => {
    const f = (fixture = routesFixture());
    await f.routes.connect(A, 'jump');
    await f.routes.connect(B, 'vpn');
    const a = await f.routes.openForward(A, { workspaceId: WORKSPACE, endpointName: 'credit-ep' });
    const b = await f.routes.openForward(B, { workspaceId: WORKSPACE, endpointName: 'credit-ep' });
    expect((await f.routes.listForwards(A)).forwards.map((x) => x.id)).toEqual([a.id]);
    expect((await f.routes.listForwards(B)).forwards.map((x) => x.id)).toEqual([b.id]);
  });

  it('forward.close of another environment’s forward is E_NOT_FOUND and leaves it open', async () => {
    const f = (fixture = routesFixture());
    await f.routes.connect(B, 'jump');
    const b = await f.routes.openForward(B, { workspaceId: WORKSPACE, endpointName: 'credit-ep' });
    await expect(f.routes.closeForward(A, b.id)).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    expect((await f.routes.listForwards(B)).forwards.map((x) => x.id)).toEqual([b.id]);
    expect(await f.routes.closeForward(B, b.id)).toEqual({ closed: true });
  });
});

describe('the route in use', () => {
  it('is the context environment’s up route, in the policy’s words', async () => {
    const f = (fixture = routesFixture());
    await f.routes.connect(B, 'jump');
    expect(f.routes.routeInUse('env-b')).toBe('ssh');
    expect(f.routes.routeInUse('env-a')).toBe('none');
    await f.routes.connect(A, 'bastion');
    expect(f.routes.routeInUse('env-a')).toBe('bastion');
  });

  it('is none without an environment', async () => {
    const f = (fixture = routesFixture());
    await f.routes.connect(A, 'vpn');
    expect(f.routes.routeInUse(null)).toBe('none');
  });

  it('prefers the route the data plane would use (vpn, then jump, then bastion)', async () => {
    const f = (fixture = routesFixture());
    await f.routes.connect(A, 'bastion');
    await f.routes.connect(A, 'jump');
    expect(f.routes.routeInUse('env-a')).toBe('ssh');
    expect(f.routes.dataPlane(A).via).toBe('jump');
  });
});
