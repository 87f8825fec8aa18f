import { describe, expect, it } from 'vitest';
import { EVENT_CHANNEL, EVENTS, isEventName, listenerMethod } from '../../../../shared/contract/event-names';
import { events } from '../../../../shared/contract/events';
import { CHANNELS } from '../../../../shared/contract/channels';
import type { RouteStatusView } from '../../../../shared/contract/schemas/route';
import type { RouteStatus } from '../../../../electron/services/routes/route-types';

// Compile-time: the manager's RouteStatus (wave 2 emits it as is) and the shared view are the same shape.
export const statusAsView = (status: RouteStatus): RouteStatusView => status;
export const viewAsStatus = (view: RouteStatusView): RouteStatus => view;

const SINCE = '2026-12-03T22:00:00.000Z';
const ROUTE = {
  environmentId: 'sandbox',
  via: 'jump',
  state: 'degraded',
  since: SINCE,
  target: 'jumpbox.internal.sandbox:22 as alice',
  bytesIn: 1024,
  bytesOut: 512,
  rttMs: 12.5,
  lastError: { code: 'E_ROUTE_DROPPED', message: 'The SSH jump host route dropped.' },
  reconnect: { attempt: 2, at: SINCE },
};

describe('push events in the contract (main → renderer)', () => {
  it('declares exactly the events of event-names.ts, each named <service>.<event>, with a summary', () => {
    expect(Object.keys(events).sort()).toEqual([...EVENTS].sort());
    expect([...EVENTS].sort()).toEqual(['audit.verifyProgress', 'auth.signInProgress', 'forward.state', 'route.prompt', 'route.state', 'testRun.progress', 'vault.locked']);
    for (const name of EVENTS) {
      expect(name).toMatch(/^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/);
      expect(events[name].summary.length).toBeGreaterThan(10);
    }
  });

  it('pushes on one fixed channel that no request channel can be mistaken for', () => {
    expect(EVENT_CHANNEL).toBe('airlock:event');
    expect(CHANNELS as readonly string[]).not.toContain(EVENT_CHANNEL);
    expect(EVENT_CHANNEL).not.toMatch(/^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/);
  });

  it('names each listener on<Event> under its service, never a generic on()', () => {
    expect(EVENTS.map(listenerMethod)).toEqual(
      expect.arrayContaining([
        { service: 'auth', method: 'onSignInProgress' },
        { service: 'vault', method: 'onLocked' },
        { service: 'route', method: 'onState' },
        { service: 'route', method: 'onPrompt' },
        { service: 'forward', method: 'onState' },
        { service: 'audit', method: 'onVerifyProgress' },
      ]),
    );
  });

  it('does not treat inherited object keys or request channels as events', () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'auth.signIn', 42, null]) expect(isEventName(name)).toBe(false);
    expect(isEventName('vault.locked')).toBe(true);
  });

  it('auth.signInProgress carries what the auth.signInProgress channel returns', () => {
    const waiting = { state: 'device-code', environmentId: 'sandbox', deviceCode: { userCode: 'ABCD-EFGH', verificationUri: 'https://login.example/device', message: 'Enter the code', expiresAt: SINCE } };
    expect(events['auth.signInProgress'].payload.parse(waiting)).toEqual(waiting);
    expect(events['auth.signInProgress'].payload.safeParse({ ...waiting, accessToken: 'eyJx' }).success).toBe(false);
  });

  it('vault.locked carries the environment id only', () => {
    expect(events['vault.locked'].payload.parse({ environmentId: 'sandbox' })).toEqual({ environmentId: 'sandbox' });
    expect(events['vault.locked'].payload.safeParse({ environmentId: 'sandbox', key: 'secret' }).success).toBe(false);
    expect(events['vault.locked'].payload.safeParse({ environmentId: '' }).success).toBe(false);
  });

  it('route.state carries a route status, display-safe and strict', () => {
    expect(events['route.state'].payload.parse(ROUTE)).toEqual(ROUTE);
    expect(events['route.state'].payload.parse({ ...ROUTE, state: 'off', rttMs: null, lastError: null, reconnect: null })).toMatchObject({ state: 'off' });
    for (const bad of [
      { ...ROUTE, via: 'teleport' },
      { ...ROUTE, state: 'sleeping' },
      { ...ROUTE, since: 'yesterday' },
      { ...ROUTE, bytesIn: -1 },
      { ...ROUTE, rttMs: Number.NaN },
      { ...ROUTE, lastError: { code: 'E_ROUTE_DROPPED', message: 'x'.repeat(2000) } },
      { ...ROUTE, lastError: { code: 'not a code', message: 'dropped' } },
      { ...ROUTE, target: 'x'.repeat(600) },
      { ...ROUTE, password: 'hunter2' },
      { ...ROUTE, lastError: { ...ROUTE.lastError, stack: 'Error: at …' } },
    ]) {
      expect(events['route.state'].payload.safeParse(bad).success, JSON.stringify(bad).slice(0, 80)).toBe(false);
    }
  });

  it('audit.verifyProgress carries what the audit.verifyProgress channel returns', () => {
    const running = { state: 'running', checked: 10, total: 100, report: null };
    expect(events['audit.verifyProgress'].payload.parse(running)).toEqual(running);
  });
});
