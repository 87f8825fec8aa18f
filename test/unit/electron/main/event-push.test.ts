// Main → renderer pushes: every event from Airlock's event source goes on the one push channel to the
// window's own main frame — only while that frame shows Airlock (app://bundle), never to a subframe, another
// window or a destroyed one.
import { describe, expect, it } from 'vitest';
import { pushEvents } from '../../../../electron/main/event-push';
import type { AirlockEvent, EventSource } from '../../../../electron/services';
import { EVENT_CHANNEL } from '../../../../shared/contract/event-names';
import { FakeFrame, FakeWebContents } from '../../../support/fake-electron';
import { capturingLogger } from '../../../support/test-airlock';

function source(): EventSource & { emit(event: AirlockEvent): void; count(): number } {
  const listeners = new Set<(event: AirlockEvent) => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emit: (event) => listeners.forEach((l) => l(event)),
    count: () => listeners.size,
  };
}

const LOCKED: AirlockEvent = { name: 'vault.locked', payload: { environmentId: 'sandbox' } };

describe('pushEvents (Electron main)', () => {
  it("sends each event on the push channel to the window's main frame, as { name, payload }", () => {
    const contents = new FakeWebContents();
    const events = source();
    pushEvents(contents, events, capturingLogger());
    events.emit(LOCKED);
    expect(contents.mainFrame.sent).toEqual([{ channel: EVENT_CHANNEL, args: [{ name: 'vault.locked', payload: { environmentId: 'sandbox' } }] }]);
  });

  it('sends nothing while the main frame is not Airlock, is detached, or the contents are destroyed', () => {
    const logger = capturingLogger();
    for (const spoil of [
      (c: FakeWebContents) => void (c.mainFrame.url = 'https://evil.example/'),
      (c: FakeWebContents) => void (c.mainFrame.url = 'app://bundle.evil/index.html'),
      (c: FakeWebContents) => void (c.mainFrame.detached = true),
      (c: FakeWebContents) => void (c.destroyed = true),
    ]) {
      const contents = new FakeWebContents();
      const events = source();
      pushEvents(contents, events, logger);
      spoil(contents);
      events.emit(LOCKED);
      expect(contents.mainFrame.sent).toEqual([]);
    }
    expect(logger.entries.every((e) => e.event === 'shell.event_not_sent' && JSON.stringify(e.fields) === '{"event":"vault.locked"}')).toBe(true);
  });

  it('never sends to a subframe, and stops when unsubscribed', () => {
    const contents = new FakeWebContents();
    const frame = new FakeFrame('app://bundle/index.html');
    const events = source();
    const stop = pushEvents(contents, events, capturingLogger());
    events.emit(LOCKED);
    expect(frame.sent).toEqual([]);
    stop();
    expect(events.count()).toBe(0);
  });
});
