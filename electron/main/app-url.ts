// Where the UI lives: a privileged app:// scheme instead of file://, so the page has a real origin,
// gets CSP from a response header, and cannot read the disk.
import { APP_ORIGIN, isTrustedUrl } from '../services';

export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export function isAppUrl(raw: string): boolean {
  return isTrustedUrl(raw, APP_ORIGIN);
}
