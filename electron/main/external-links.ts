// The one file that calls shell.openExternal (lint's single door). Which pages may open is decided in the
// services (links/ for the allow-list and the device-code page, auth's browser guard for sign-in pages);
// this file only refuses anything that is not https and hands a normalized URL to the OS. Never hands a
// renderer-supplied string straight to the shell.
import { isAllowedExternalUrl } from '../services';

export interface ShellLike {
  openExternal(url: string): Promise<void>;
}

/** For new-window requests from a page: allow-listed https pages go to the system browser, nothing else. */
export function createExternalOpener(shell: ShellLike): (raw: string) => Promise<boolean> {
  return async (raw) => {
    if (!isAllowedExternalUrl(raw)) return false;
    await shell.openExternal(new URL(raw).href);
    return true;
  };
}

/**
 * The system browser for pages a service already decided on: sign-in pages (auth's guard passes only the
 * environment's sign-in host) and `app.openLink` (the link service's allow-list). https only, as a last check.
 */
export function createHttpsOpener(shell: ShellLike): (raw: string) => Promise<void> {
  return async (raw) => {
    const url = new URL(raw);
    if (url.protocol !== 'https:') throw new Error('sign-in pages and links open over https only');
    await shell.openExternal(url.href);
  };
}
