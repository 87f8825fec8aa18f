// The connector port: a TCP connection to host:port, resolved to a connected socket or a typed failure.
// The OS adapter dials what it is given (real machines); the sandbox adapter dials loopback only. Callers that
// checked a name's posture pass the approved ADDRESS, so nothing is resolved a second time between check and dial.
import type { Socket } from 'node:net';
import { AirlockError } from '../../../../shared/errors/airlock-error';
import { codeDetail, hostDetail } from '../../../../shared/errors/details';

export interface ConnectorPort {
  /** Resolves once connected. Fails E_UNREACHABLE (refused, reset, no route, not playable) or E_TIMEOUT. */
  connect(host: string, port: number, signal?: AbortSignal): Promise<Socket>;
}

/** `host:port` as error details and people write it (`[v6]:port` for IPv6). */
export function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

export function unreachable(host: string, port: number, reason: string, message?: string): AirlockError {
  const where = hostPort(host, port);
  return new AirlockError('E_UNREACHABLE', {
    message: message ?? `${where} could not be reached (${reason}).`,
    details: { ...(hostDetail(where) ? { host: where } : {}), reason: codeDetail(reason) ?? 'error' },
  });
}
