// Plain-text renderings of `airlock route list|connect|disconnect|check` and `airlock tunnel` for people
// reading a terminal: states, counts, latency and errors in words; each Test connection step with its time.
import type { ForwardView, RouteList, RouteStatusView, TestConnectionView } from '../../shared/contract/schemas/route';

const ms = (value: number): string => `${value < 10 ? value.toFixed(1) : String(Math.round(value))} ms`;

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/** The parts of a status beyond its state: target, latency, bytes, the reconnect and the last error. */
function statusFacts(status: RouteStatusView): string[] {
  return [
    ...(status.target ? [`target ${status.target}`] : []),
    ...(status.rttMs === null ? [] : [`rtt ${ms(status.rttMs)}`]),
    ...(status.bytesIn + status.bytesOut > 0 ? [`in ${bytes(status.bytesIn)}, out ${bytes(status.bytesOut)}`] : []),
    ...(status.reconnect ? [`reconnecting, attempt ${status.reconnect.attempt} at ${status.reconnect.at}`] : []),
    ...(status.lastError ? [`last error: ${status.lastError.message} (${status.lastError.code})`] : []),
  ];
}

export function formatRouteList(list: RouteList): string {
  const lines = [`Routes of ${list.environmentId}:`];
  for (const route of list.routes) {
    lines.push(`${route.via.padEnd(8)} ${route.state.padEnd(10)} since ${route.since}`);
    for (const fact of route.allowed ? statusFacts(route) : [`not allowed: ${route.why ?? 'the environment or the policy does not allow it'}`]) lines.push(`         ${fact}`);
  }
  return `${lines.join('\n')}\n`;
}

export function formatRouteStatus(status: RouteStatusView): string {
  const lines = [`${status.via}: ${status.state} since ${status.since}`, ...statusFacts(status).map((fact) => `  ${fact}`)];
  return `${lines.join('\n')}\n`;
}

export function formatCheck(view: TestConnectionView): string {
  const lines = [`Test connection to ${view.host} over ${view.via}: ${view.ok ? 'ok' : 'failed'} (${ms(view.totalMs)}, started ${view.at})`];
  for (const step of view.steps) {
    if (step.skipped) {
      lines.push(`  ${step.name.padEnd(8)} skipped`);
      continue;
    }
    const words = step.ok ? (step.detail ?? '') : `${step.cause ?? step.detail ?? 'failed'}${step.code ? ` (${step.code})` : ''}`;
    lines.push(`  ${step.name.padEnd(8)} ${(step.ok ? 'ok' : 'failed').padEnd(7)} ${ms(step.ms).padStart(9)}  ${words}`.trimEnd());
  }
  return `${lines.join('\n')}\n`;
}

export function formatTunnelOpen(forward: ForwardView): string {
  return `${forward.address}\n  → ${forward.target} over ${forward.via}. Press Ctrl-C to close it.\n`;
}

export function formatTunnelClosed(forward: ForwardView, disconnected: boolean): string {
  return `Closed ${forward.address}${disconnected ? ` and the ${forward.via} route it connected` : ''}.\n`;
}
