// The OS connector adapter, for real machines: net.connect to the address given, with a deadline from the
// scheduler port and the caller's abort signal. Nagle off (requests are small and latency-bound). It does not
// decide whether an address may be dialled: the VPN driver passes only addresses the posture check approved.
import { connect as netConnect, type Socket } from 'node:net';
import { AirlockError } from '../../../../shared/errors/airlock-error';
import type { Scheduler } from '../../ports';
import { unreachable, type ConnectorPort } from './connector-port';

export interface OsConnectorOptions {
  readonly scheduler: Scheduler;
  readonly timeoutMs?: number;
}

export function createOsConnector({ scheduler, timeoutMs = 10_000 }: OsConnectorOptions): ConnectorPort {
  return { connect: (host, port, signal) => dial(host, port, scheduler, timeoutMs, signal) };
}

/** Dials host:port (both adapters end here) and settles once: connected, failed, timed out or aborted. */
export function dial(host: string, port: number, scheduler: Scheduler, timeoutMs: number, signal?: AbortSignal, shownAs = { host, port }): Promise<Socket> {
  return new Promise<Socket>((resolve, reject) => {
    if (signal?.aborted) {
      reject(unreachable(shownAs.host, shownAs.port, 'aborted'));
      return;
    }
    const socket = netConnect({ host, port });
    const done = (error?: AirlockError) => {
      timer.cancel();
      signal?.removeEventListener('abort', onAbort);
      socket.off('error', onError);
      socket.off('connect', onConnect);
      if (error) {
        socket.destroy();
        reject(error);
      } else resolve(socket);
    };
    const onConnect = () => {
      socket.setNoDelay(true);
      done();
    };
    const onError = (error: NodeJS.ErrnoException) => done(unreachable(shownAs.host, shownAs.port, error.code ?? 'error'));
    const onAbort = () => done(unreachable(shownAs.host, shownAs.port, 'aborted'));
    const timer = scheduler.schedule(timeoutMs, () =>
      done(new AirlockError('E_TIMEOUT', { message: `${shownAs.host}:${shownAs.port} did not accept a connection in time.` })),
    );
    socket.once('connect', onConnect);
    socket.once('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
