// The route manager: per environment × via, off → connecting → up (degraded on slow or failed probes) → a drop
// reconnects with capped exponential backoff and jitter, saying so in status.reconnect → failed when it gives up.
// connection() hands out only an up route the caller allows, never anything else. Time is moved by hand.
import { describe, expect, it } from 'vitest';
import { createRouteManager, type RouteManagerOptions } from '../../../../../../electron/services/routes';
import type { RouteDriver, RouteStatus, RouteVia } from '../../../../../../electron/services/routes';
import { AirlockError } from '../../../../../../shared/errors/airlock-error';
import { createManualTime, type ManualTime } from '../manual-time';
import { fakeDriver, type FakeDriver } from './fake-route';

const ENV = 'Sandbox';

function rig(drivers: Partial<Record<RouteVia, FakeDriver>>, options: Partial<RouteManagerOptions> = {}) {
  const time: ManualTime = createManualTime();
  const seen: RouteStatus[] = [];
  const manager = createRouteManager({
    driverFor: (environmentId, via): RouteDriver | null => (environmentId === ENV ? (drivers[via] ?? null) : null),
    clock: time.clock,
    scheduler: time.scheduler,
    random: () => 0.5,
    ...options,
  });
  manager.onStatus((status) => seen.push(status));
  const states = (via: RouteVia) => seen.filter((s) => s.via === via).map((s) => s.state);
  return { time, manager, seen, states };
}

const failure = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e as AirlockError);
const refused = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error as AirlockError;
  }
  return null;
};

describe('route manager: connect and disconnect', () => {
  it('is off for a route never used, and up once its driver connects, since when it says', async () => {
    const jump = fakeDriver('jump');
    const { time, manager, states } = rig({ jump });
    expect(manager.status(ENV, 'jump')).toMatchObject({ environmentId: ENV, via: 'jump', state: 'off', rttMs: null, lastError: null, reconnect: null, bytesIn: 0, bytesOut: 0 });
    await time.advance(1_000);
    const status = await manager.connect(ENV, 'jump');
    expect(status).toMatchObject({ state: 'up', since: '2026-12-01T09:00:01.000Z', target: 'jump target' });
    expect(states('jump')).toEqual(['connecting', 'up']);
    expect(manager.statuses().map((s) => `${s.environmentId}/${s.via}/${s.state}`)).toEqual(['Sandbox/jump/up']);
    expect(await manager.connect(ENV, 'jump')).toMatchObject({ state: 'up' });
    expect(jump.signals).toHaveLength(1);
  });

  it('lists only routes someone used: asking for a status adds nothing', () => {
    const { manager } = rig({ jump: fakeDriver('jump') });
    expect(manager.status(ENV, 'bastion').state).toBe('off');
    expect(manager.statuses()).toEqual([]);
  });

  it('fails in words when the driver refuses, and does not retry a first connect on its own', async () => {
    const refusal = new AirlockError('E_HOST_KEY_CHANGED', { message: 'The jump host’s key changed.' });
    const { time, manager } = rig({ jump: fakeDriver('jump', [refusal]) });
    expect(await failure(manager.connect(ENV, 'jump'))).toBe(refusal);
    expect(manager.status(ENV, 'jump')).toMatchObject({ state: 'failed', lastError: { code: 'E_HOST_KEY_CHANGED', message: 'The jump host’s key changed.' }, reconnect: null });
    expect(time.pendingDelays()).toEqual([]);
  });

  it('refuses a route the environment does not offer', async () => {
    const { manager } = rig({});
    const error = await failure(manager.connect(ENV, 'bastion'));
    expect(error?.code).toBe('E_ROUTE_DOWN');
    expect(error?.details).toEqual({ via: 'bastion' });
  });

  it('gives up a connect that takes too long, aborting the driver', async () => {
    const jump = fakeDriver('jump', ['hang']);
    const { time, manager } = rig({ jump }, { timing: { connectTimeoutMs: 20_000 } });
    const pending = failure(manager.connect(ENV, 'jump'));
    await time.advance(20_000);
    expect((await pending)?.code).toBe('E_TIMEOUT');
    expect(jump.signals[0]?.aborted).toBe(true);
    expect(manager.status(ENV, 'jump').state).toBe('failed');
  });

  it('disconnects: closes the connection, stops probing, and a late connect result is closed, not used', async () => {
    const jump = fakeDriver('jump', ['ok', 'hang']);
    const { time, manager } = rig({ jump });
    await manager.connect(ENV, 'jump');
    expect(await manager.disconnect(ENV, 'jump')).toMatchObject({ state: 'off' });
    expect(jump.connections[0]?.closed).toBe(true);
    expect(time.pendingDelays()).toEqual([]);

    const pending = failure(manager.connect(ENV, 'jump'));
    await time.advance(0);
    await manager.disconnect(ENV, 'jump');
    expect(jump.signals[1]?.aborted).toBe(true);
    expect((await pending)?.code).toBe('E_ROUTE_DOWN');
    jump.finishHanging();
    await time.advance(0);
    expect(jump.connections[1]?.closed).toBe(true);
    expect(manager.status(ENV, 'jump').state).toBe('off');
  });

  it('closeAll ends every route', async () => {
    const jump = fakeDriver('jump');
    const vpn = fakeDriver('vpn');
    const { manager } = rig({ jump, vpn });
    await manager.connect(ENV, 'jump');
    await manager.connect(ENV, 'vpn');
    await manager.closeAll();
    expect(manager.statuses().map((s) => s.state)).toEqual(['off', 'off']);
    expect([...jump.connections, ...vpn.connections].every((c) => c.closed)).toBe(true);
  });
});

describe('route manager: drops and reconnects', () => {
  it('a driverFor that throws on reconnect marks the route failed with the typed error instead of wedging it', async () => {
    const jump = fakeDriver('jump');
    let throwing: Error | null = null;
    const { time, manager } = rig({}, {
      driverFor: () => {
        if (throwing) throw throwing;
        return jump;
      },
      timing: { reconnectInitialMs: 1_000, probeIntervalMs: 600_000 },
    });
    await manager.connect(ENV, 'jump');
    throwing = new AirlockError('E_AUTH_REQUIRED');
    jump.connections[0]!.drop();
    await time.advance(1_000);
    expect(manager.status(ENV, 'jump')).toMatchObject({ state: 'failed', reconnect: null, lastError: { code: 'E_AUTH_REQUIRED' } });
    // An untyped throw is E_INTERNAL (its text never shown), through connect as a rejection; the route is not stuck.
    throwing = new Error('secret-looking text');
    const error = await failure(manager.connect(ENV, 'jump'));
    expect(error).toMatchObject({ code: 'E_INTERNAL' });
    expect(manager.status(ENV, 'jump')).toMatchObject({ state: 'failed', lastError: { code: 'E_INTERNAL' } });
    throwing = null;
    expect(await manager.connect(ENV, 'jump')).toMatchObject({ state: 'up' });
  });

  it('reconnects after a drop with exponential backoff, saying which attempt and when', async () => {
    const jump = fakeDriver('jump', ['ok', new AirlockError('E_UNREACHABLE'), new AirlockError('E_UNREACHABLE'), 'ok']);
    const { time, manager, states } = rig({ jump }, { timing: { reconnectInitialMs: 1_000, reconnectMaxMs: 30_000, probeIntervalMs: 600_000 } });
    await manager.connect(ENV, 'jump');
    jump.connections[0]!.drop();
    await time.advance(0);
    expect(jump.connections[0]!.closed).toBe(true);
    expect(manager.status(ENV, 'jump')).toMatchObject({ state: 'connecting', reconnect: { attempt: 1, at: '2026-12-01T09:00:01.000Z' }, lastError: { code: 'E_ROUTE_DROPPED' } });
    await time.advance(1_000);
    expect(manager.status(ENV, 'jump')).toMatchObject({ state: 'connecting', reconnect: { attempt: 2, at: '2026-12-01T09:00:03.000Z' }, lastError: { code: 'E_UNREACHABLE' } });
    await time.advance(2_000);
    expect(manager.status(ENV, 'jump').reconnect).toEqual({ attempt: 3, at: '2026-12-01T09:00:07.000Z' });
    await time.advance(4_000);
    expect(manager.status(ENV, 'jump')).toMatchObject({ state: 'up', reconnect: null, lastError: null });
    expect(states('jump')).toEqual(['connecting', 'up', 'connecting', 'connecting', 'connecting', 'up']);
  });

  it('caps the backoff and jitters it within ±jitter', async () => {
    const drops = Array.from({ length: 8 }, () => new AirlockError('E_UNREACHABLE'));
    for (const [random, expected] of [[0, [800, 1_600, 3_200, 6_400, 8_000]], [1, [1_200, 2_400, 4_800, 9_600, 10_000]]] as const) {
      const jump = fakeDriver('jump', ['ok', ...drops]);
      const { time, manager } = rig({ jump }, { random: () => random, timing: { reconnectInitialMs: 1_000, reconnectMaxMs: 10_000, reconnectJitter: 0.2, probeIntervalMs: 600_000, maxReconnectAttempts: 20 } });
      await manager.connect(ENV, 'jump');
      jump.connections[0]!.drop();
      const delays: number[] = [];
      for (let i = 0; i < 5; i++) {
        await time.advance(0);
        delays.push(Date.parse(manager.status(ENV, 'jump').reconnect!.at) - time.clock.now().getTime());
        await time.next();
      }
      expect(delays).toEqual(expected);
      await manager.closeAll();
    }
  });

  it('gives up after the last attempt, and at once on a refusal that retrying cannot fix', async () => {
    const jump = fakeDriver('jump', ['ok', new AirlockError('E_UNREACHABLE'), new AirlockError('E_UNREACHABLE')]);
    const { time, manager } = rig({ jump }, { timing: { maxReconnectAttempts: 2, probeIntervalMs: 600_000 } });
    await manager.connect(ENV, 'jump');
    jump.connections[0]!.drop();
    await time.next();
    await time.next();
    expect(manager.status(ENV, 'jump')).toMatchObject({ state: 'failed', reconnect: null, lastError: { code: 'E_UNREACHABLE' } });
    expect(time.pendingDelays()).toEqual([]);

    const changed = fakeDriver('jump', ['ok', new AirlockError('E_HOST_KEY_CHANGED')]);
    const second = rig({ jump: changed }, { timing: { probeIntervalMs: 600_000 } });
    await second.manager.connect(ENV, 'jump');
    changed.connections[0]!.drop();
    await second.time.next();
    expect(second.manager.status(ENV, 'jump')).toMatchObject({ state: 'failed', lastError: { code: 'E_HOST_KEY_CHANGED' } });
    expect(second.time.pendingDelays()).toEqual([]);
  });
});

describe('route manager: probes and bytes', () => {
  it('records round trips; slow or failed probes degrade the route, a good one restores it', async () => {
    const jump = fakeDriver('jump');
    const { time, manager, states } = rig({ jump }, { timing: { probeIntervalMs: 15_000, slowProbeMs: 1_000, failedProbesBeforeDrop: 3 } });
    await manager.connect(ENV, 'jump');
    jump.connections[0]!.probes.push(12, 1_500, new AirlockError('E_TIMEOUT'), 30);
    await time.advance(15_000);
    expect(manager.status(ENV, 'jump')).toMatchObject({ state: 'up', rttMs: 12 });
    await time.advance(15_000);
    expect(manager.status(ENV, 'jump')).toMatchObject({ state: 'degraded', rttMs: 1_500, since: '2026-12-01T09:00:30.000Z' });
    await time.advance(15_000);
    expect(manager.status(ENV, 'jump')).toMatchObject({ state: 'degraded', lastError: { code: 'E_TIMEOUT' } });
    await time.advance(15_000);
    expect(manager.status(ENV, 'jump')).toMatchObject({ state: 'up', rttMs: 30, lastError: null });
    expect(states('jump')).toEqual(['connecting', 'up', 'up', 'degraded', 'degraded', 'up']);
  });

  it('treats repeated failed probes as a drop and reconnects; a probe that hangs times out', async () => {
    const jump = fakeDriver('jump');
    const { time, manager } = rig({ jump }, { timing: { probeIntervalMs: 10_000, probeTimeoutMs: 5_000, failedProbesBeforeDrop: 2, reconnectInitialMs: 1_000 } });
    await manager.connect(ENV, 'jump');
    jump.connections[0]!.probes.push('hang', new AirlockError('E_UNREACHABLE'));
    await time.advance(15_000);
    expect(manager.status(ENV, 'jump')).toMatchObject({ state: 'degraded', lastError: { code: 'E_TIMEOUT' } });
    await time.advance(10_000);
    expect(manager.status(ENV, 'jump')).toMatchObject({ state: 'connecting', reconnect: { attempt: 1 } });
    expect(jump.connections[0]!.closed).toBe(true);
    await time.advance(1_000);
    expect(manager.status(ENV, 'jump').state).toBe('up');
    expect(jump.connections).toHaveLength(2);
  });

  it('counts bytes from the connection, and keeps them across a reconnect', async () => {
    const jump = fakeDriver('jump');
    const { time, manager } = rig({ jump }, { timing: { probeIntervalMs: 600_000 } });
    await manager.connect(ENV, 'jump');
    Object.assign(jump.connections[0]!.bytes, { in: 1_000, out: 200 });
    expect(manager.status(ENV, 'jump')).toMatchObject({ bytesIn: 1_000, bytesOut: 200 });
    jump.connections[0]!.drop();
    await time.next();
    Object.assign(jump.connections[1]!.bytes, { in: 5, out: 6 });
    expect(manager.status(ENV, 'jump')).toMatchObject({ state: 'up', bytesIn: 1_005, bytesOut: 206 });
  });
});

describe('route manager: which connection carries a request', () => {
  it('hands out an up route the caller allows, preferring up over degraded, in the caller’s order', async () => {
    const jump = fakeDriver('jump');
    const vpn = fakeDriver('vpn');
    const { time, manager } = rig({ jump, vpn }, { timing: { probeIntervalMs: 10_000, slowProbeMs: 100 } });
    await manager.connect(ENV, 'jump');
    await manager.connect(ENV, 'vpn');
    expect(manager.connection(ENV, ['vpn', 'jump'])).toBe(vpn.connections[0]);
    expect(manager.connection(ENV, ['jump', 'vpn'])).toBe(jump.connections[0]);
    jump.connections[0]!.probes.push(500);
    await time.advance(10_000);
    expect(manager.status(ENV, 'jump').state).toBe('degraded');
    expect(manager.connection(ENV, ['jump', 'vpn'])).toBe(vpn.connections[0]);
    expect(manager.connection(ENV, ['jump'])).toBe(jump.connections[0]);
  });

  it('never falls back: E_ROUTE_DOWN when no allowed route is up', async () => {
    const jump = fakeDriver('jump');
    const { manager } = rig({ jump });
    expect(refused(() => manager.connection(ENV, ['jump']))).toMatchObject({ code: 'E_ROUTE_DOWN', details: { via: 'jump' } });
    await manager.connect(ENV, 'jump');
    const notAllowed = refused(() => manager.connection(ENV, ['vpn', 'bastion']));
    expect(notAllowed?.code).toBe('E_ROUTE_DOWN');
    expect(notAllowed?.message).toContain('VPN');
    expect(refused(() => manager.connection('Other', ['jump']))?.code).toBe('E_ROUTE_DOWN');
    expect(refused(() => manager.connection(ENV, []))?.code).toBe('E_ROUTE_DOWN');
  });
});
