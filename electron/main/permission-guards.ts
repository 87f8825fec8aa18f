// Airlock's UI needs no browser permission (camera, notifications, geolocation, HID, ...) but one: writing
// text to the clipboard ("Copy as curl", a forward's address), and only from Airlock's own page. Electron
// approves every permission by default, so each session gets handlers that refuse everything else. Reading
// the clipboard stays refused: nothing in the UI needs to see what another app copied.
import type { Session } from 'electron';

export type GuardedSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'on'>;

/** Airlock's own page (app://bundle, see app-protocol.ts). */
const APP_PAGE_ORIGIN = 'app://bundle';
const CLIPBOARD_WRITE = 'clipboard-sanitized-write';

function isAppPage(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}` === APP_PAGE_ORIGIN;
  } catch {
    return false;
  }
}

export function denyAllPermissions(session: GuardedSession): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => callback(permission === CLIPBOARD_WRITE && isAppPage(details.requestingUrl)));
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => permission === CLIPBOARD_WRITE && isAppPage(requestingOrigin));
  session.setDevicePermissionHandler(() => false);
  // The UI never downloads anything; exports are written by main through a save dialog.
  session.on('will-download', (event) => event.preventDefault());
}
