// One Bastion tunnel (azure-wire-format.md §14.4): raw TCP bytes both ways over a websocket, no header.
// Every socket read goes out as one binary frame; every received message (text or binary) is written
// verbatim to the socket; an empty message, a close frame or a socket end closes both sides. It connects
// only to the loopback port its session names (the jump host), and never logs the bytes it carries.
import { connect } from 'node:net';
import type { RawData, WebSocket } from 'ws';

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/** Pipes `ws` to 127.0.0.1:`port`. Returns a function that closes the tunnel; `onClose` runs once at the end. */
export function openTunnel(ws: WebSocket, port: number, onClose: () => void): () => void {
  const socket = connect({ host: '127.0.0.1', port, noDelay: true });
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    socket.destroy();
    if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(1000);
    else ws.terminate();
    onClose();
  };

  ws.on('message', (data) => {
    const chunk = toBuffer(data);
    if (chunk.length === 0) {
      close();
      return;
    }
    if (!socket.write(chunk)) {
      ws.pause();
      socket.once('drain', () => ws.resume());
    }
  });
  socket.on('data', (chunk: Buffer) => {
    socket.pause();
    ws.send(chunk, { binary: true }, (error) => {
      if (error) close();
      else socket.resume();
    });
  });
  socket.on('end', close);
  socket.on('close', close);
  socket.on('error', close);
  ws.on('close', close);
  ws.on('error', close);
  return close;
}
