// Opens Bastion's tunnel WebSocket as the CLI does (azure-wire-format §14.3): `wss://{dnsName}/webtunnelv2/
// {websocketToken}?X-Node-Id={nodeId}`, plain RFC 6455 with no subprotocol, no compression, Origin https://
// {dnsName}, over the verified TLS connection of bastion-tls. The URL holds the token: it is never logged,
// and no error text from ws or the server's answer leaves this file except Bastion's cleaned words.
import type { TLSSocket } from 'node:tls';
import WebSocket from 'ws';
import { AirlockError } from '../../../../shared/errors/airlock-error';
import { bastionWords, type TunnelTokens } from './bastion-tokens';
import { connectBastionTls, type BastionTlsDeps, withHost } from './bastion-tls';
import { tunnelStream, type TunnelDuplex } from './tunnel-stream';

const HANDSHAKE_TIMEOUT_MS = 30_000;
/** Bastion relays TCP reads (≤ 4 KiB in the CLI); a message far past that is not a tunnel. */
const MAX_MESSAGE_BYTES = 32 * 1024 * 1024;
const MAX_REFUSAL_BYTES = 16 * 1024;

/** Opens the WebSocket and returns it as the tunnel's Duplex (made inside 'open', so no early message is missed). */
export async function openTunnelWebSocket(deps: BastionTlsDeps, dnsName: string, tokens: TunnelTokens, signal?: AbortSignal): Promise<TunnelDuplex> {
  const socket: TLSSocket = await connectBastionTls(deps, dnsName, signal);
  const url = `wss://${dnsName}/webtunnelv2/${encodeURIComponent(tokens.websocketToken)}?X-Node-Id=${encodeURIComponent(tokens.nodeId)}`;
  const ws = new WebSocket(url, {
    perMessageDeflate: false,
    origin: `https://${dnsName}`,
    handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
    maxPayload: MAX_MESSAGE_BYTES,
    followRedirects: false,
    // The TLS connection is already open and verified against dnsName; ws speaks HTTP over it.
    createConnection: (() => socket) as unknown as NonNullable<WebSocket.ClientOptions['createConnection']>,
  });

  return new Promise<TunnelDuplex>((resolve, reject) => {
    const fail = (error: AirlockError) => {
      signal?.removeEventListener('abort', onAbort);
      ws.removeAllListeners('open');
      ws.on('error', () => undefined);
      ws.terminate();
      socket.destroy();
      reject(error);
    };
    const onAbort = () => fail(new AirlockError('E_TIMEOUT', { message: 'Opening the Bastion route was stopped before it finished.' }));
    signal?.addEventListener('abort', onAbort, { once: true });
    ws.once('open', () => {
      signal?.removeEventListener('abort', onAbort);
      ws.removeAllListeners('error');
      // Synchronously, in 'open': Bastion may send the SSH banner in the same read as its 101.
      resolve(tunnelStream(ws));
    });
    ws.once('unexpected-response', (_req, res) => {
      const status = res.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_REFUSAL_BYTES) chunks.push(chunk);
      });
      const refuse = () => {
        const words = bastionWords(Buffer.concat(chunks).toString('utf8'), [tokens.authToken, tokens.websocketToken]);
        fail(
          new AirlockError('E_BASTION_REFUSED', {
            message: `Azure Bastion (${dnsName}) refused the tunnel's WebSocket (HTTP ${status})${words ? `: “${words}”` : '.'}`,
            retryable: status >= 500,
            details: { status: status >= 100 && status <= 599 ? status : 500, ...withHost(dnsName) },
          }),
        );
      };
      res.once('end', refuse);
      res.once('error', refuse);
    });
    ws.once('error', (error: Error & { code?: string }) => {
      const timedOut = /timed out/i.test(error.message);
      fail(
        timedOut
          ? new AirlockError('E_TIMEOUT', { message: `Azure Bastion (${dnsName}) did not open the tunnel's WebSocket in time.` })
          : new AirlockError('E_UNREACHABLE', { message: `Azure Bastion (${dnsName}) closed the connection while the tunnel's WebSocket was opening.`, details: { via: 'bastion', ...withHost(dnsName) } }),
      );
    });
  });
}
