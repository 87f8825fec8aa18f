// The connector port: a TCP connection to host:port, resolved to a connected socket or a typed failure.
// The OS adapter dials what it is given (real machines); the sandbox adapter dials loopback only. Callers that
// checked a name's posture pass the approved ADDRESS, so nothing is resolved a second time between check and dial.
import type { Socket } from 'node:net';
import { AirlockError } from '../../../../shared/errors/airlock-error';

export interface ConnectorPort {
  /** Resolves once connected. Fails E_UNREACHABLE (refused, reset, no route, not playable) or E_TIMEOUT. */
  connect(host: string, port: number, signal?: AbortSignal): Promise<Socket>;
}

/** `host:port` as error details and people write it (`[v6]:port` for IPv6). */
export function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

const HOST_DETAIL = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,120}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]{2,45}\]):[0-9]{1,5}$/;

export function unreachable(host: string, port: number, reason: string, message?: string): AirlockError {
  const where = hostPort(host, port);
  return new AirlockError('E_UNREACHABLE', {
    message: message ?? `${where} could not be reached (${reason}).`,
    details: { ...(HOST_DETAIL.test(where) ? { host: where } : {}), reason: reason.replace(/[^A-Za-z0-9_.-]/g, '').slice(0, 64) || 'error' },
  });
}
