// The Connections screen's words: bytes in human units, route names and states, relative times, the reconnect
// notice, test-step names and timings, and the status bar's one-line summary of the live routes.
import { describe, expect, it } from 'vitest';
import type { RouteStatusView } from '../../../../shared/contract/schemas/route';
import {
  bytesWords,
  msWords,
  reconnectWords,
  relativeWords,
  rttWords,
  stateWords,
  statusBarWords,
  stepWords,
  viaWords,
} from '../../../../renderer/features/connections/route-words';

const NOW = Date.parse('2026-12-03T12:00:00.000Z');
const route = (over: Partial<RouteStatusView>): RouteStatusView => ({
  environmentId: 'Sandbox',
  via: 'jump',
  state: 'off',
  since: '2026-12-03T11:59:00.000Z',
  target: 'jumpbox:22 as alice',
  bytesIn: 0,
  bytesOut: 0,
  rttMs: null,
  lastError: null,
  reconnect: null,
  ...over,
});

describe('route words', () => {
  it('bytes in human (decimal) units', () => {
    expect(bytesWords(0)).toBe('0 B');
    expect(bytesWords(999)).toBe('999 B');
    expect(bytesWords(1_500)).toBe('1.5 kB');
    expect(bytesWords(12_345_678)).toBe('12.3 MB');
    expect(bytesWords(256_000_000_000)).toBe('256 GB');
    expect(bytesWords(3_100_000_000_000)).toBe('3.1 TB');
  });

  it('route names and states for people', () => {
    expect(viaWords('vpn')).toBe('VPN or direct');
    expect(viaWords('jump')).toBe('SSH jump host');
    expect(viaWords('bastion')).toBe('Azure Bastion');
    expect(stateWords('up')).toEqual({ label: 'Up', color: 'success' });
    expect(stateWords('degraded')).toEqual({ label: 'Degraded', color: 'warning' });
    expect(stateWords('failed')).toEqual({ label: 'Failed', color: 'danger' });
    expect(stateWords('connecting')).toEqual({ label: 'Connecting', color: 'brand' });
    expect(stateWords('off')).toEqual({ label: 'Off', color: 'informative' });
  });

  it('relative times, never in the future', () => {
    expect(relativeWords('2026-12-03T11:59:58.000Z', NOW)).toBe('just now');
    expect(relativeWords('2026-12-03T12:00:30.000Z', NOW)).toBe('just now');
    expect(relativeWords('2026-12-03T11:59:30.000Z', NOW)).toBe('30 s ago');
    expect(relativeWords('2026-12-03T11:55:00.000Z', NOW)).toBe('5 min ago');
    expect(relativeWords('2026-12-03T09:00:00.000Z', NOW)).toBe('3 h ago');
    expect(relativeWords('2026-11-30T12:00:00.000Z', NOW)).toBe('3 d ago');
  });

  it('latency and step timings', () => {
    expect(rttWords(null)).toBe('—');
    expect(rttWords(12.4)).toBe('12 ms');
    expect(rttWords(0.3)).toBe('< 1 ms');
    expect(msWords(840)).toBe('840 ms');
    expect(msWords(1_250)).toBe('1.3 s');
  });

  it('the reconnect notice: attempt and when', () => {
    const r = route({ state: 'failed', reconnect: { attempt: 2, at: '2026-12-03T12:00:04.000Z' } });
    expect(reconnectWords(r, NOW)).toBe('Dropped — reconnecting, attempt 2 in 4 s');
    expect(reconnectWords({ ...r, reconnect: { attempt: 3, at: '2026-12-03T11:59:59.000Z' } }, NOW)).toBe('Dropped — reconnecting, attempt 3 now');
    expect(reconnectWords({ ...r, reconnect: { attempt: 1, at: '2026-12-03T12:02:00.000Z' } }, NOW)).toBe('Dropped — reconnecting, attempt 1 in 2 min');
    expect(reconnectWords(route({}), NOW)).toBeNull();
  });

  it('test steps by name', () => {
    expect(['dns', 'tcp', 'route', 'channel', 'tls', 'http'].map((s) => stepWords(s as never))).toEqual(['DNS', 'TCP', 'Route', 'Channel', 'TLS', 'HTTP']);
  });

  it('status bar: the best live route, its state and latency', () => {
    expect(statusBarWords([])).toBe('Connection: no private route');
    expect(statusBarWords([route({}), route({ via: 'vpn' })])).toBe('Connection: off');
    expect(statusBarWords([route({ via: 'vpn', state: 'failed' }), route({ state: 'up', rttMs: 12 })])).toBe('SSH jump host: up · 12 ms');
    expect(statusBarWords([route({ state: 'connecting' }), route({ via: 'bastion', state: 'degraded', rttMs: 480 })])).toBe('Azure Bastion: degraded · 480 ms');
    expect(statusBarWords([route({ state: 'connecting' })])).toBe('SSH jump host: connecting');
    expect(statusBarWords([route({ via: 'vpn', state: 'failed', reconnect: { attempt: 2, at: '2026-12-03T12:00:04.000Z' } })])).toBe('VPN or direct: reconnecting (attempt 2)');
    expect(statusBarWords([route({ via: 'vpn', state: 'failed' })])).toBe('VPN or direct: failed');
  });
});
