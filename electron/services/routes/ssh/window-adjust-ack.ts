// Answers the jump host's window adjustments at once, so its Nagle does not hold a reply back.
// Measured against Debian's sshd (and the same with OpenSSH's own `ssh -L`): every ~96 KiB a channel carries
// towards the server, sshd sends a small SSH_MSG_CHANNEL_WINDOW_ADJUST just before the endpoint's reply. sshd
// sets no TCP_NODELAY on a connection without a terminal, so the reply waits until the client's kernel ACKs
// that small packet, and the client, with nothing to send, delays its ACK ~40 ms: a 43 ms stall every ~83
// scoring requests, the whole p99. Sending a zero-byte window adjustment back (a no-op in the protocol: "you
// may send 0 more bytes") carries the ACK at once. One 28-byte packet per ~96 KiB sent; nothing else changes.
// ssh2 has no public hook for the message, so this wraps its handler; if ssh2's internals differ, it does
// nothing and the route works as before (only the stall returns).
import type { Client } from 'ssh2';

interface Ssh2Internals {
  _protocol?: {
    _handlers?: Record<string, unknown>;
    channelWindowAdjust?: (remoteChannel: number, amount: number) => void;
  };
  _chanMgr?: { get(local: number): unknown };
}

type WindowAdjustHandler = (protocol: unknown, recipient: number, amount: number) => void;

/** Call right after client.connect(): ssh2 builds its message handlers there. Returns whether it took hold. */
export function ackWindowAdjustments(client: Client): boolean {
  const internals = client as unknown as Ssh2Internals;
  const protocol = internals._protocol;
  const handlers = protocol?._handlers;
  const original = handlers?.['CHANNEL_WINDOW_ADJUST'];
  if (!protocol || !handlers || typeof original !== 'function' || typeof protocol.channelWindowAdjust !== 'function') return false;
  const handle = original as WindowAdjustHandler;
  handlers['CHANNEL_WINDOW_ADJUST'] = (self: unknown, recipient: number, amount: number) => {
    handle(self, recipient, amount);
    if (amount <= 0) return;
    const channel = internals._chanMgr?.get(recipient) as { outgoing?: { id?: unknown; state?: unknown } } | undefined;
    const remote = channel?.outgoing?.id;
    if (typeof remote !== 'number' || channel?.outgoing?.state !== 'open') return;
    try {
      protocol.channelWindowAdjust!(remote, 0);
    } catch {
      // A closing transport: the adjustment was only ever a nudge.
    }
  };
  return true;
}
