// The jump host's window adjustments are answered at once with a zero-byte one (window-adjust-ack.ts): the
// hook takes hold on ssh2's real client, nudges only open channels for real adjustments, and leaves ssh2's
// own handling in place. (The effect on latency is the route-scoring bench's to show, not a test's.)
import { PassThrough } from 'node:stream';
import ssh2 from 'ssh2';
import { describe, expect, it, vi } from 'vitest';
import { ackWindowAdjustments } from '../../../../../../electron/services/routes/ssh/window-adjust-ack';

function fakeClient(channels: Record<number, unknown>) {
  const original = vi.fn();
  const channelWindowAdjust = vi.fn();
  const client = {
    _protocol: { _handlers: { CHANNEL_WINDOW_ADJUST: original }, channelWindowAdjust },
    _chanMgr: { get: (local: number) => channels[local] },
  };
  const deliver = (recipient: number, amount: number) => (client._protocol._handlers.CHANNEL_WINDOW_ADJUST as (p: unknown, r: number, a: number) => void)(client._protocol, recipient, amount);
  return { client, original, channelWindowAdjust, deliver };
}

describe('ackWindowAdjustments', () => {
  it("takes hold on ssh2's real client once connect() has built its protocol", () => {
    const client = new ssh2.Client();
    client.on('error', () => undefined);
    client.connect({ sock: new PassThrough(), username: 'u', readyTimeout: 0 });
    try {
      expect(ackWindowAdjustments(client)).toBe(true);
    } finally {
      client.end();
    }
  });

  it('answers an adjustment of an open channel with a zero-byte one to its remote id, after ssh2 handled it', () => {
    const { client, original, channelWindowAdjust, deliver } = fakeClient({ 3: { outgoing: { id: 7, state: 'open' } } });
    expect(ackWindowAdjustments(client as never)).toBe(true);
    deliver(3, 98_304);
    expect(original).toHaveBeenCalledWith(client._protocol, 3, 98_304);
    expect(channelWindowAdjust).toHaveBeenCalledExactlyOnceWith(7, 0);
  });

  it('stays quiet for a zero adjustment, a closing channel or an unknown one', () => {
    const { client, original, channelWindowAdjust, deliver } = fakeClient({ 1: { outgoing: { id: 4, state: 'eof' } } });
    ackWindowAdjustments(client as never);
    deliver(1, 0);
    deliver(1, 4096);
    deliver(9, 4096);
    expect(original).toHaveBeenCalledTimes(3);
    expect(channelWindowAdjust).not.toHaveBeenCalled();
  });

  it('does nothing when ssh2 has no such internals (another version): the route works as before', () => {
    expect(ackWindowAdjustments({} as never)).toBe(false);
    expect(ackWindowAdjustments({ _protocol: { _handlers: {} } } as never)).toBe(false);
  });
});
