import { describe, expect, it } from 'vitest';
import { bindIpc } from '../../../../electron/main/ipc-binding';
import { APP_ORIGIN } from '../../../../electron/services';
import { CHANNELS } from '../../../../shared/contract/channels';
import { FakeFrame, FakeWebContents } from '../../../support/fake-electron';
import { testAirlock } from '../../../support/test-airlock';

function bound() {
  const contents = new FakeWebContents();
  const airlock = testAirlock();
  bindIpc(contents as never, airlock.gateway('electron', APP_ORIGIN));
  return contents;
}

describe('IPC binding', () => {
  it('registers exactly one handler per contract channel on the window’s own ipc', () => {
    const contents = bound();
    expect([...contents.ipc.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
  });

  it('answers our main frame on app://bundle', async () => {
    const contents = bound();
    const result = (await contents.ipc.invoke('app.info', contents.mainFrame, undefined)) as { ok: boolean; value: { name: string } };
    expect(result.ok).toBe(true);
    expect(result.value.name).toBe('Airlock');
  });

  it.each([
    ['a null senderFrame (navigated or destroyed)', null],
    ['a subframe on app://bundle', new FakeFrame('app://bundle/index.html')],
    ['a foreign https frame', new FakeFrame('https://evil.example/')],
    ['a file:// frame', new FakeFrame('file:///tmp/x.html')],
  ])('refuses %s with E_FORBIDDEN_SENDER', async (_label, frame) => {
    const contents = bound();
    expect(await contents.ipc.invoke('app.info', frame, undefined)).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN_SENDER' } });
  });

  it('refuses the main frame once it has navigated away from app://', async () => {
    const contents = bound();
    contents.mainFrame.url = 'https://evil.example/';
    expect(await contents.ipc.invoke('app.health', contents.mainFrame, undefined)).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN_SENDER' } });
  });

  it('refuses the main frame once it is detached (replaced by a navigation)', async () => {
    const contents = bound();
    contents.mainFrame.detached = true;
    expect(await contents.ipc.invoke('app.info', contents.mainFrame, undefined)).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN_SENDER' } });
  });

  it('treats a frame whose properties throw (being torn down) as untrusted', async () => {
    const contents = bound();
    const dying = Object.defineProperty(new FakeFrame('app://bundle/index.html'), 'url', {
      get() {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    });
    expect(await contents.ipc.invoke('app.info', dying, undefined)).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN_SENDER' } });
  });

  it('answers E_INTERNAL, never a raw message, should the gateway ever reject', async () => {
    const contents = new FakeWebContents();
    bindIpc(contents as never, { call: () => Promise.reject(new Error('raw internals')) });
    const result = await contents.ipc.invoke('app.info', contents.mainFrame, undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'E_INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('raw internals');
  });

  it('refuses calls with more than one argument', async () => {
    const contents = bound();
    expect(await contents.ipc.invoke('app.info', contents.mainFrame, undefined, 'extra')).toMatchObject({ ok: false, error: { code: 'E_BAD_REQUEST' } });
  });
});
