// Opens links in the system browser only for https URLs on a short allow-list of Microsoft hosts.
// Never hands a renderer-supplied string straight to shell.openExternal. No URL shorteners (aka.ms): they
// would let a link go anywhere.

export const EXTERNAL_HOSTS: ReadonlySet<string> = new Set([
  'learn.microsoft.com',
  'portal.azure.com',
  'ml.azure.com',
]);

/**
 * Single pages on hosts that are otherwise not allowed: Entra's device-code pages (public, US Government
 * and China clouds), which the sign-in screen links to while a device code is shown.
 */
export const EXTERNAL_PAGES: ReadonlySet<string> = new Set([
  'microsoft.com/devicelogin',
  'www.microsoft.com/devicelogin',
  'microsoft.com/deviceloginus',
  'microsoft.com/deviceloginchina',
  'login.microsoft.com/device',
]);

export interface ShellLike {
  openExternal(url: string): Promise<void>;
}

export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.port !== '') return false;
  if (EXTERNAL_HOSTS.has(url.hostname)) return true;
  const page = `${url.hostname}${url.pathname.replace(/\/$/, '')}`.toLowerCase();
  return EXTERNAL_PAGES.has(page) && url.search === '' && url.hash === '';
}

export function createExternalOpener(shell: ShellLike): (raw: string) => Promise<boolean> {
  return async (raw) => {
    if (!isAllowedExternalUrl(raw)) return false;
    await shell.openExternal(new URL(raw).href);
    return true;
  };
}

/**
 * The system browser for sign-in: https only. Which host is allowed is decided per environment by the auth
 * service's guard (only the environment's sign-in host); this is the single place that calls the OS.
 */
export function createSignInOpener(shell: ShellLike): (raw: string) => Promise<void> {
  return async (raw) => {
    const url = new URL(raw);
    if (url.protocol !== 'https:') throw new Error('sign-in pages open over https only');
    await shell.openExternal(url.href);
  };
}
