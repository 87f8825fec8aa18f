import { describe, expect, it, vi } from 'vitest';
import { fake } from '../../../support/fake-electron';
import { EVENT_CHANNEL } from '../../../../shared/contract/event-names';

vi.mock('electron', async () => (await import('../../../support/fake-electron')).fake.module);
await import('../../../../electron/preload/preload');

type Api = Record<string, Record<string, (arg?: unknown) => unknown>>;

function surface(api: Api): Record<string, string[]> {
  return Object.fromEntries(Object.entries(api).map(([service, methods]) => [service, Object.keys(methods).sort()]));
}

describe('preload', () => {
  const api = fake.exposed.get('airlock') as Api;

  it('exposes exactly one global, `airlock`', () => {
    expect([...fake.exposed.keys()]).toEqual(['airlock']);
  });

  it('exposes named methods only — the surface is a reviewed snapshot', () => {
    expect(surface(api)).toMatchSnapshot();
  });

  it('never exposes ipcRenderer, a generic invoke/send/on, or an event object', () => {
    const names = Object.keys(api).concat(...Object.values(api).map((m) => Object.keys(m)));
    for (const forbidden of ['ipcRenderer', 'invoke', 'send', 'on', 'once', 'sendSync', 'postMessage', 'electron', 'require', 'process']) {
      expect(names).not.toContain(forbidden);
    }
    for (const methods of Object.values(api)) for (const fn of Object.values(methods)) expect(typeof fn).toBe('function');
  });

  it('is frozen all the way down', () => {
    expect(Object.isFrozen(api)).toBe(true);
    for (const methods of Object.values(api)) expect(Object.isFrozen(methods)).toBe(true);
  });

  it('forwards a call to its own channel with exactly one argument', async () => {
    await api['app']!['info']!();
    await api['app']!['health']!({ ignored: true });
    expect(fake.ipcRendererCalls).toEqual([
      { channel: 'app.info', args: [undefined] },
      { channel: 'app.health', args: [{ ignored: true }] },
    ]);
  });

  it('listens to main on the one push channel only', () => {
    expect([...fake.ipcRendererEvents.listeners.keys()]).toEqual([EVENT_CHANNEL]);
    expect(fake.ipcRendererEvents.count(EVENT_CHANNEL)).toBe(1);
  });

  it("hands an event's listener the payload alone — never the IpcRendererEvent — and stops on unsubscribe", () => {
    const calls: unknown[][] = [];
    const stop = api['auth']!['onSignInProgress']!((...args: unknown[]) => void calls.push(args)) as () => void;
    const ipcEvent = { sender: { send: () => undefined }, senderId: 0, ports: [] };
    const waiting = { state: 'browser', environmentId: 'sandbox', deviceCode: null };
    fake.ipcRendererEvents.emit(EVENT_CHANNEL, ipcEvent, { name: 'auth.signInProgress', payload: waiting });
    fake.ipcRendererEvents.emit(EVENT_CHANNEL, ipcEvent, { name: 'vault.locked', payload: { environmentId: 'sandbox' } });
    fake.ipcRendererEvents.emit(EVENT_CHANNEL, ipcEvent, { name: 'auth.token', payload: 'nope' });
    fake.ipcRendererEvents.emit(EVENT_CHANNEL, ipcEvent, 'not a message');
    expect(calls).toEqual([[waiting]]);
    stop();
    fake.ipcRendererEvents.emit(EVENT_CHANNEL, ipcEvent, { name: 'auth.signInProgress', payload: waiting });
    expect(calls).toHaveLength(1);
  });

  it('delivers each event to its own listeners, and one that throws does not stop the others', () => {
    const locked: unknown[] = [];
    const stops = [
      api['vault']!['onLocked']!(() => {
        throw new Error('listener bug');
      }) as () => void,
      api['vault']!['onLocked']!((payload: unknown) => void locked.push(payload)) as () => void,
    ];
    fake.ipcRendererEvents.emit(EVENT_CHANNEL, {}, { name: 'vault.locked', payload: { environmentId: 'sandbox' } });
    expect(locked).toEqual([{ environmentId: 'sandbox' }]);
    for (const stop of stops) stop();
    expect(() => api['route']!['onState']!('not a function')).toThrow(TypeError);
  });
});
