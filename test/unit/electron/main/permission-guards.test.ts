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

  it('cancels every download', () => {
    const session = new FakeSession();
    denyAllPermissions(session as never);
    const event = fakeEvent();
    session.events.emit('will-download', event, { getURL: () => 'https://evil.example/x.exe' });
    expect(event.defaultPrevented).toBe(true);
  });
});
