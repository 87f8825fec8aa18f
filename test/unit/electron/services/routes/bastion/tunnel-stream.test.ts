// The Bastion WebSocket as a Node Duplex (azure-wire-format §14.4), against a fake socket: each write is one
// binary frame, each message (text or binary) is passed on verbatim, an empty message or a close frame ends
// the stream, a drop without a close frame is E_ROUTE_DROPPED, and backpressure holds both ways.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { tunnelStream, type TunnelWebSocket } from '../../../../../../electron/services/routes/bastion/tunnel-stream';
import { AirlockError } from '../../../../../../shared/errors/airlock-error';

class FakeWebSocket extends EventEmitter implements TunnelWebSocket {
  readyState = 1;
  isPaused = false;
  sent: Array<{ data: Buffer; binary: boolean }> = [];
  pending: Array<(error?: Error) => void> = [];
  closed: number[] = [];
  terminated = false;
  autoFlush = true;
  send(data: Buffer, options: { binary: boolean }, callback: (error?: Error) => void): void {
    this.sent.push({ data: Buffer.from(data), binary: options.binary });
    if (this.autoFlush) queueMicrotask(() => callback());
    else this.pending.push(callback);
  }
  close(code?: number): void {
    this.closed.push(code ?? 1005);
    this.readyState = 2;
  }
  terminate(): void {
    this.terminated = true;
    this.readyState = 3;
  }
  pause(): void {
    this.isPaused = true;
  }
  resume(): void {
    this.isPaused = false;
  }
  receive(data: Buffer | string, isBinary = true): void {
    this.emit('message', Buffer.from(data), isBinary);
  }
  drop(code = 1006): void {
    this.readyState = 3;
    this.emit('close', code, Buffer.alloc(0));
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('tunnelStream', () => {
  it('sends each write as one binary frame and passes each message on verbatim', async () => {
    const ws = new FakeWebSocket();
    const stream = tunnelStream(ws);
    const got: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => got.push(chunk));
    stream.write(Buffer.from('SSH-2.0-airlock\r\n'));
    stream.write(Buffer.alloc(70_000, 7));
    await tick();
    expect(ws.sent.map((f) => [f.data.length, f.binary])).toEqual([
      [17, true],
      [70_000, true],
    ]);
    ws.receive(Buffer.from([0, 1, 2, 255]));
    ws.receive('text frame', false);
    await tick();
    expect(Buffer.concat(got)).toEqual(Buffer.concat([Buffer.from([0, 1, 2, 255]), Buffer.from('text frame')]));
  });

  it('ends on an empty message and closes the WebSocket', async () => {
    const ws = new FakeWebSocket();
    const stream = tunnelStream(ws);
    const ended = new Promise((resolve) => stream.once('end', resolve));
    stream.resume();
    ws.receive(Buffer.alloc(0));
    await ended;
    expect(ws.closed).toEqual([1000]);
  });

  it('ends on a close frame, whatever its code', async () => {
    const ws = new FakeWebSocket();
    const stream = tunnelStream(ws);
    const ended = new Promise((resolve) => stream.once('end', resolve));
    stream.resume();
    ws.drop(1011);
    await ended;
  });

  it('fails E_ROUTE_DROPPED when the WebSocket drops without a close frame, or errors', async () => {
    for (const fail of [(ws: FakeWebSocket) => ws.drop(1006), (ws: FakeWebSocket) => ws.emit('error', Object.assign(new Error('read ECONNRESET https://x/webtunnelv2/PLANTED'), { code: 'ECONNRESET' }))]) {
      const ws = new FakeWebSocket();
      const stream = tunnelStream(ws);
      const failed = new Promise<unknown>((resolve) => stream.once('error', resolve));
      stream.resume();
      fail(ws);
      const error = await failed;
      expect(error).toBeInstanceOf(AirlockError);
      expect(error).toMatchObject({ code: 'E_ROUTE_DROPPED', details: { via: 'bastion' } });
      expect(JSON.stringify((error as AirlockError).toShape())).not.toContain('PLANTED');
    }
  });

  it('closes the WebSocket when the local side ends, and terminates it when destroyed', async () => {
    const ws = new FakeWebSocket();
    const stream = tunnelStream(ws);
    stream.resume();
    const closed = new Promise((resolve) => stream.once('close', resolve));
    stream.end();
    await tick();
    expect(ws.closed).toEqual([1000]);
    ws.drop(1000);
    await closed;
    const other = new FakeWebSocket();
    tunnelStream(other).destroy();
    await tick();
    expect(other.terminated).toBe(true);
  });

  it('pauses the WebSocket while the reader is full and resumes when it reads', async () => {
    const ws = new FakeWebSocket();
    const stream = tunnelStream(ws, { readableHighWaterMark: 1024 });
    ws.receive(Buffer.alloc(4096));
    expect(ws.isPaused).toBe(true);
    stream.read();
    await tick();
    expect(ws.isPaused).toBe(false);
  });

  it('holds writes until the frame left (write backpressure)', async () => {
    const ws = new FakeWebSocket();
    ws.autoFlush = false;
    const stream = tunnelStream(ws, { writableHighWaterMark: 16 });
    expect(stream.write(Buffer.alloc(32))).toBe(false);
    stream.write(Buffer.alloc(8));
    await tick();
    expect(ws.sent).toHaveLength(1);
    ws.pending.shift()?.();
    await tick();
    expect(ws.sent).toHaveLength(2);
  });

  it('refuses writes after a drop with E_ROUTE_DROPPED', async () => {
    const ws = new FakeWebSocket();
    const stream = tunnelStream(ws);
    stream.on('error', () => undefined);
    ws.readyState = 3;
    const result = await new Promise<Error | null | undefined>((resolve) => stream.write(Buffer.from('x'), resolve));
    expect(result).toMatchObject({ code: 'E_ROUTE_DROPPED' });
  });
});
