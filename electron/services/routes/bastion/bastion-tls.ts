// The one way the Bastion route reaches a Bastion host: a TCP stream from the connector port (the sandbox maps
// `dnsName:443` to its loopback port), then TLS verified against the Bastion's DNS name (SNI and certificate)
// with the system roots plus the environment's extra CA. Used by the token exchange, the DELETE and the
// WebSocket. Never disables verification; failures are typed and carry no URL, path or token.
import { once } from 'node:events';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { AirlockError } from '../../../../shared/errors/airlock-error';
import { codeDetail, hostDetail } from '../../../../shared/errors/details';
import { trustContext } from '../../ports';
import type { TcpConnector } from './bastion-ports';

export const BASTION_PORT = 443;
const TLS_TIMEOUT_MS = 30_000;

export interface BastionTlsDeps {
  readonly connector: TcpConnector;
  /** The environment's extra CA (PEM), trusted beside the system roots for this environment only. */
  readonly caPem?: string | undefined;
}

export async function connectBastionTls(deps: BastionTlsDeps, dnsName: string, signal?: AbortSignal): Promise<TLSSocket> {
  let raw: Duplex;
  try {
    raw = await deps.connector.connect(dnsName, BASTION_PORT, signal);
  } catch (thrown) {
    if (thrown instanceof AirlockError) throw thrown;
    throw new AirlockError('E_UNREACHABLE', {
      message: `The Azure Bastion host ${dnsName} could not be reached.`,
      details: { via: 'bastion', ...withHost(dnsName), ...withReason(thrown) },
    });
  }
  // The CLI sets TCP_NODELAY on its Bastion socket: SSH's small packets must not wait for Nagle.
  (raw as Duplex & { setNoDelay?: (noDelay: boolean) => unknown }).setNoDelay?.(true);
  // The trust is built once per CA and shared (ports/tls-trust.ts): a route comes up over three connections (token, WebSocket, DELETE).
  const socket = tlsConnect({ socket: raw, servername: dnsName, host: dnsName, secureContext: trustContext(deps.caPem), ALPNProtocols: ['http/1.1'] });
  const timer = setTimeout(() => socket.destroy(Object.assign(new Error('tls timeout'), { code: 'ETIMEDOUT' })), TLS_TIMEOUT_MS);
  const onAbort = () => socket.destroy(Object.assign(new Error('aborted'), { code: 'ABORT_ERR' }));
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await once(socket, 'secureConnect');
    return socket;
  } catch (thrown) {
    raw.destroy();
    throw tlsFailure(thrown, dnsName);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

function tlsFailure(thrown: unknown, dnsName: string): AirlockError {
  const code = codeDetail((thrown as { code?: unknown } | null)?.code);
  if (code === 'ETIMEDOUT') return new AirlockError('E_TIMEOUT', { message: `The Azure Bastion host ${dnsName} did not complete a secure connection in time.` });
  if (code === 'ABORT_ERR') return new AirlockError('E_TIMEOUT', { message: 'Opening the Bastion route was stopped before it finished.' });
  if (code !== undefined && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|HOSTNAME|ALTNAME/.test(code)) {
    return new AirlockError('E_TLS', { message: `The certificate of the Azure Bastion host ${dnsName} could not be verified, so Airlock did not send your sign-in.`, details: { reason: code } });
  }
  return new AirlockError('E_UNREACHABLE', { message: `The Azure Bastion host ${dnsName} closed the connection before it was secured.`, details: { via: 'bastion', ...withHost(dnsName), ...withReason(thrown) } });
}

export function withHost(host: string): { host?: string } {
  const value = hostDetail(host);
  return value === undefined ? {} : { host: value };
}

function withReason(thrown: unknown): { reason?: string } {
  const value = codeDetail((thrown as { code?: unknown } | null)?.code);
  return value === undefined ? {} : { reason: value };
}
