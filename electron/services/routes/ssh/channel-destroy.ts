// Makes an SSH channel's destroy() keep Node's stream promise: the stream is torn down at once and emits 'close'
// (once). ssh2's Channel#destroy() only ends politely and sends CHANNEL_CLOSE; its 'close' comes when the far
// side answers AND the readable side has been read to its end. A local forward that destroyed its socket has
// stopped reading (pipe pauses the channel), and after the route ended nobody answers, so 'close' never came
// and whoever waited on it (closing a forward, sign-out, idle lock, quit) hung. Here the far side still gets
// CHANNEL_CLOSE while the transport can carry it; the transport is never written to after it ended.
import { Duplex, type Writable } from 'node:stream';

interface Ssh2Channel extends Duplex {
  /** ssh2: sends CHANNEL_CLOSE when the channel is open or half-closed (no-op otherwise). */
  close(): void;
}

export function destroyPromptly(channel: Duplex, transport: Writable): void {
  const ssh = channel as Ssh2Channel;
  // ssh2 builds channels with emitClose: false because it emits 'close' itself; Node's destroy now does too,
  // and whichever comes second is dropped, so listeners see exactly one 'close'.
  (channel as unknown as { _readableState: { emitClose: boolean } })._readableState.emitClose = true;
  (channel as unknown as { _writableState: { emitClose: boolean } })._writableState.emitClose = true;
  const emit = channel.emit.bind(channel);
  let closeEmitted = false;
  channel.emit = (event: string | symbol, ...args: unknown[]) => {
    if (event === 'close') {
      if (closeEmitted) return false;
      closeEmitted = true;
    }
    return emit(event, ...args);
  };
  channel.destroy = (error?: Error) => {
    if (channel.destroyed) return channel;
    // Tell the far side while the connection can still carry it; an ended transport is left alone.
    if (!transport.writableEnded && !transport.destroyed) {
      try {
        ssh.close();
      } catch {
        // The connection is going away under us: nothing left to tell.
      }
    }
    Duplex.prototype.destroy.call(channel, error);
    return channel;
  };
}
