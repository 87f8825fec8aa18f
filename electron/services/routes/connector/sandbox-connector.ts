// The sandbox connector adapter: plays the private network on loopback. A private address:port (or sandbox
// name:port) is dialled at 127.0.0.1 on the port the sandbox's servicePorts map gives; a loopback destination is
// dialled as is; ANYTHING else is refused without a packet sent — private addresses are data here, never
// destinations, and a sandbox environment must never reach past this machine.
import { isIPv4, isIPv6 } from 'node:net';
import type { Scheduler } from '../../ports';
import { hostPort, unreachable, type ConnectorPort } from './connector-port';
import { dial } from './os-connector';

export interface SandboxConnectorOptions {
  readonly servicePorts: Readonly<Record<string, number>>;
  readonly scheduler: Scheduler;
  readonly timeoutMs?: number;
}

export function createSandboxConnector({ servicePorts, scheduler, timeoutMs = 10_000 }: SandboxConnectorOptions): ConnectorPort {
  const ports = new Map(Object.entries(servicePorts).map(([key, port]) => [key.toLowerCase(), port]));
  return {
    connect(host, port, signal) {
      const mapped = ports.get(hostPort(host, port).toLowerCase());
      if (mapped !== undefined) return dial('127.0.0.1', mapped, scheduler, timeoutMs, signal, { host, port });
      const loopback = loopbackOf(host);
      if (loopback) return dial(loopback, port, scheduler, timeoutMs, signal);
      return Promise.reject(
        unreachable(host, port, 'not-in-sandbox', `The sandbox does not play ${hostPort(host, port)}, so Airlock did not dial it (a sandbox environment reaches nothing but this machine).`),
      );
    },
  };
}

/** The loopback address to dial for a loopback destination (`localhost` → 127.0.0.1), else null. */
function loopbackOf(host: string): string | null {
  const lower = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (lower === 'localhost') return '127.0.0.1';
  if (isIPv4(lower) && lower.startsWith('127.')) return lower;
  if (isIPv6(lower) && (lower === '::1' || /^::ffff:127\./.test(lower))) return lower;
  return null;
}
