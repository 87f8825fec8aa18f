import { describe, expect, it, vi } from 'vitest';
import { installWebContentsGuards } from '../../../../electron/main/web-contents-guards';
import { fakeEvent, FakeWebContents } from '../../../support/fake-electron';

function guarded() {
  const contents = new FakeWebContents();
  const openExternal = vi.fn(async () => true);
  installWebContentsGuards(contents as never, openExternal);
  return { contents, openExternal };
}

describe('web contents guards', () => {
  it('prevents attaching any <webview>', () => {
    const { contents } = guarded();
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });

  it.each(['will-navigate', 'will-redirect'])('%s: denies leaving app://bundle and allows staying', (name) => {
    const { contents } = guarded();
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other/index.html', 'http://localhost:3000/', 'javascript:alert(1)']) {
      // Electron 45 passes the URL on the event (the positional url argument is deprecated): give a
      // harmless one positionally to prove the guard reads the event.
      const event = fakeEvent({ url });
      contents.emit(name, event, 'app://bundle/index.html');
      expect(event.defaultPrevented, url).toBe(true);
    }
    const inside = fakeEvent({ url: 'app://bundle/index.html' });
    contents.emit(name, inside, 'https://evil.example/');
    expect(inside.defaultPrevented).toBe(false);
  });

  it('will-frame-navigate: denies foreign frames and allows app://bundle', () => {
    const { contents } = guarded();
    const event = fakeEvent({ url: 'https://evil.example/frame' });
    contents.emit('will-frame-navigate', event);
    expect(event.defaultPrevented).toBe(true);
    const inside = fakeEvent({ url: 'app://bundle/index.html' });
    contents.emit('will-frame-navigate', inside);
    expect(inside.defaultPrevented).toBe(false);
  });

  it('denies every new window and hands the URL to the safe external opener only', () => {
    const { contents, openExternal } = guarded();
    expect(contents.windowOpenHandler?.({ url: 'https://learn.microsoft.com/x' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://bundle/index.html' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://learn.microsoft.com/x');
  });
});
