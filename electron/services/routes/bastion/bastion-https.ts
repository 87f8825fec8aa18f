// HTTPS requests to a Bastion host (the token POST and DELETE) over bastion-tls: one fresh verified TLS
// connection per request, Host = the Bastion's DNS name, response size-capped. No proxy, no redirects, no
// Authorization header ever added here. Never logs: the form body and the path carry tokens.
import { request } from 'node:https';
import { AirlockError } from '../../../../shared/errors/airlock-error';
import { connectBastionTls, type BastionTlsDeps, withHost } from './bastion-tls';

export interface BastionHttpsRequest {
  readonly method: 'POST' | 'DELETE';
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly signal?: AbortSignal;
}

export interface BastionHttpsResponse {
  readonly status: number;
  readonly text: string;
}

/** Sends one request to `https://{dnsName}{path}`; rejects typed (E_TLS, E_UNREACHABLE, E_TIMEOUT). */
export type BastionHttpsSend = (dnsName: string, req: BastionHttpsRequest) => Promise<BastionHttpsResponse>;

const MAX_RESPONSE_BYTES = 64 * 1024;
const REQUEST_TIMEOUT_MS = 30_000;

export function createBastionHttps(deps: BastionTlsDeps): BastionHttpsSend {
  return async (dnsName, { method, path, headers = {}, body, signal }) => {
    const socket = await connectBastionTls(deps, dnsName, signal);
    return new Promise<BastionHttpsResponse>((resolve, reject) => {
      const sent: Record<string, string> = { ...headers, accept: 'application/json' };
      if (body !== undefined) sent['content-length'] = String(Buffer.byteLength(body));
      const failed = (code: 'E_TIMEOUT' | 'E_UNREACHABLE') => {
        socket.destroy();
        reject(
          code === 'E_TIMEOUT'
            ? new AirlockError('E_TIMEOUT', { message: `The Azure Bastion host ${dnsName} did not answer in time.` })
            : new AirlockError('E_UNREACHABLE', { message: `The Azure Bastion host ${dnsName} closed the connection without an answer.`, details: { via: 'bastion', ...withHost(dnsName) } }),
        );
      };
      const req = request({ host: dnsName, path, method, headers: sent, createConnection: () => socket, timeout: REQUEST_TIMEOUT_MS, ...(signal ? { signal } : {}) }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_RESPONSE_BYTES) chunks.push(chunk);
        });
        res.on('end', () => {
          socket.end();
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', () => failed('E_UNREACHABLE'));
      });
      req.on('timeout', () => failed('E_TIMEOUT'));
      req.on('error', () => failed(signal?.aborted ? 'E_TIMEOUT' : 'E_UNREACHABLE'));
      req.end(body);
    });
  };
}
