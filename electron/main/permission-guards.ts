// Airlock's UI needs no browser permission (camera, notifications, geolocation, HID, ...). Electron
// approves every permission by default, so each session gets handlers that refuse everything.
import type { Session } from 'electron';

export type GuardedSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'on'>;

export function denyAllPermissions(session: GuardedSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // The UI never downloads anything; exports are written by main through a save dialog.
  session.on('will-download', (event) => event.preventDefault());
}
