import { describe, expect, it } from 'vitest';
import { denyAllPermissions } from '../../../../electron/main/permission-guards';
import { fakeEvent, FakeSession } from '../../../support/fake-electron';

describe('permission guards', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'serial', 'usb'])(
    'refuses a request for %s and reports it as not granted',
    (permission) => {
      const session = new FakeSession();
      denyAllPermissions(session as never);
      const answers: boolean[] = [];
      session.requestHandler?.({}, permission, (granted: boolean) => answers.push(granted), { requestingUrl: 'app://bundle/' });
      expect(answers).toEqual([false]);
      expect(session.checkHandler?.({}, permission, 'app://bundle', {})).toBe(false);
      expect(session.deviceHandler?.({ deviceType: permission, origin: 'app://bundle' })).toBe(false);
    },
  );

  it("lets Airlock's own page write text to the clipboard, and nothing else ask for it", () => {
    const session = new FakeSession();
    denyAllPermissions(session as never);
    const ask = (permission: string, requestingUrl: string) => {
      const answers: boolean[] = [];
      session.requestHandler?.({}, permission, (granted: boolean) => answers.push(granted), { requestingUrl });
      return answers;
    };
    expect(ask('clipboard-sanitized-write', 'app://bundle/index.html')).toEqual([true]);
    expect(session.checkHandler?.({}, 'clipboard-sanitized-write', 'app://bundle', {})).toBe(true);
    // Another origin (a page that got in somehow), a look-alike host, reading: refused.
    expect(ask('clipboard-sanitized-write', 'https://evil.example/')).toEqual([false]);
    expect(ask('clipboard-sanitized-write', 'app://bundle.evil/')).toEqual([false]);
    expect(ask('clipboard-sanitized-write', 'not a url')).toEqual([false]);
    expect(session.checkHandler?.({}, 'clipboard-sanitized-write', 'https://evil.example', {})).toBe(false);
    expect(ask('clipboard-read', 'app://bundle/')).toEqual([false]);
  });

  it('cancels every download', () => {
    const session = new FakeSession();
    denyAllPermissions(session as never);
    const event = fakeEvent();
    session.events.emit('will-download', event, { getURL: () => 'https://evil.example/x.exe' });
    expect(event.defaultPrevented).toBe(true);
  });
});
