// The Connections screen's and the status bar's words for routes: names, states, bytes, times, the reconnect
// notice and test-step names. Plain strings from the values given; never reads anything else, never shows more
// than the route status carries (no keys, no tokens — the status has none).
import type { CONNECTION_TEST_STEPS, RouteStatusView, ROUTE_STATES, ROUTE_VIAS } from '../../../shared/contract/schemas/route';

type Via = (typeof ROUTE_VIAS)[number];
type State = (typeof ROUTE_STATES)[number];
type Step = (typeof CONNECTION_TEST_STEPS)[number];

const VIA_WORDS: Record<Via, string> = { vpn: 'VPN or direct', jump: 'SSH jump host', bastion: 'Azure Bastion' };
export const viaWords = (via: Via): string => VIA_WORDS[via];

export type BadgeColor = 'success' | 'warning' | 'danger' | 'informative' | 'brand';
const STATE_WORDS: Record<State, { label: string; color: BadgeColor }> = {
  // Off is an outlined grey badge (informative); 'subtle' outlined is invisible on the card.
  off: { label: 'Off', color: 'informative' },
  connecting: { label: 'Connecting', color: 'brand' },
  up: { label: 'Up', color: 'success' },
  degraded: { label: 'Degraded', color: 'warning' },
  failed: { label: 'Failed', color: 'danger' },
};
export const stateWords = (state: State): { label: string; color: BadgeColor } => STATE_WORDS[state];

const STEP_WORDS: Record<Step, string> = { dns: 'DNS', tcp: 'TCP', route: 'Route', channel: 'Channel', tls: 'TLS', http: 'HTTP' };
export const stepWords = (step: Step): string => STEP_WORDS[step];

/** Decimal units (kB = 1,000 B), one decimal below 100 of a unit: what people read on a network meter. */
export function bytesWords(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  if (unit === 0) return `${value} B`;
  const shown = value < 100 ? Math.round(value * 10) / 10 : Math.round(value);
  return `${shown} ${units[unit]}`;
}

export function rttWords(rttMs: number | null): string {
  if (rttMs === null) return '—';
  return rttMs < 1 ? '< 1 ms' : `${Math.round(rttMs)} ms`;
}

export function msWords(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(Math.round(ms / 100) / 10).toFixed(1)} s`;
}

function spanWords(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h`;
  return `${Math.floor(seconds / 86_400)} d`;
}

/** How long ago; a time slightly ahead of this clock (another process's clock) is "just now", never "in". */
export function relativeWords(iso: string, now: number): string {
  const seconds = Math.floor((now - Date.parse(iso)) / 1000);
  if (seconds < 5) return 'just now';
  return `${spanWords(seconds)} ago`;
}

/** "Dropped — reconnecting, attempt 2 in 4 s"; null when the route is not waiting to reconnect. */
export function reconnectWords(route: RouteStatusView, now: number): string | null {
  if (!route.reconnect) return null;
  const seconds = Math.ceil((Date.parse(route.reconnect.at) - now) / 1000);
  const when = seconds <= 0 ? 'now' : `in ${spanWords(seconds)}`;
  return `Dropped — reconnecting, attempt ${route.reconnect.attempt} ${when}`;
}

const RANK: Record<State, number> = { up: 0, degraded: 1, connecting: 2, failed: 3, off: 4 };

/** The status bar's one line: the route that matters most now (up, then degraded, connecting, failed). */
export function statusBarWords(routes: readonly RouteStatusView[]): string {
  if (routes.length === 0) return 'Connection: no private route';
  const best = [...routes].sort((a, b) => RANK[a.state] - RANK[b.state])[0]!;
  if (best.state === 'off') return 'Connection: off';
  const name = viaWords(best.via);
  // No round trip measured yet: nothing after the state rather than a bare dash.
  if (best.state === 'up' || best.state === 'degraded') return `${name}: ${best.state}${best.rttMs === null ? '' : ` · ${rttWords(best.rttMs)}`}`;
  if (best.state === 'failed' && best.reconnect) return `${name}: reconnecting (attempt ${best.reconnect.attempt})`;
  return `${name}: ${best.state}`;
}
