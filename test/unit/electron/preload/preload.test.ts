import { describe, expect, it, vi } from 'vitest';
import { fake } from '../../../support/fake-electron';

vi.mock('electron', async () => (await import('../../../support/fake-electron')).fake.module);
await import('../../../../electron/preload/preload');

type Api = Record<string, Record<string, (req?: unknown) => Promise<unknown>>>;

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
});
