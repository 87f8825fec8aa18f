// ConnectOffer's choice of routes: only the allowed ones, the route main named in E_ROUTE_DOWN first.
import { describe, expect, it } from 'vitest';
import type { RouteListEntry } from '../../../../shared/contract/schemas/route';
import { offeredRoutes } from '../../../../renderer/features/invoke/ConnectOffer';

const route = (via: RouteListEntry['via'], allowed: boolean): RouteListEntry => ({
  environmentId: 'AzureCloud',
  via,
  state: 'off',
  since: '2026-01-01T00:00:00.000Z',
  target: via,
  bytesIn: 0,
  bytesOut: 0,
  rttMs: null,
  lastError: null,
  reconnect: null,
  allowed,
  why: allowed ? null : 'forbidden',
});

describe('offeredRoutes', () => {
  it('keeps allowed routes, the named one first', () => {
    const routes = [route('vpn', true), route('jump', true), route('bastion', false)];
    expect(offeredRoutes(routes, 'jump').map((r) => r.via)).toEqual(['jump', 'vpn']);
    expect(offeredRoutes(routes, undefined).map((r) => r.via)).toEqual(['vpn', 'jump']);
    expect(offeredRoutes([route('bastion', false)], 'bastion')).toEqual([]);
  });
});
