// Which web pages Airlock opens outside itself: https only, on a short allow-list of Microsoft hosts, plus
// Entra's device-code pages as single pages. Pure decision, shared by both hosts (Electron's window guards
// and shell, the Chromium host's stand-in browser). No URL shorteners (aka.ms): they would let a link go anywhere.

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

/** An https URL without credentials in it, parsed; null for anything else. */
export function parseHttpsUrl(raw: string): URL | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  return url.protocol === 'https:' && url.username === '' && url.password === '' ? url : null;
}

export function isAllowedExternalUrl(raw: string): boolean {
  const url = parseHttpsUrl(raw);
  if (!url || url.port !== '') return false;
  if (EXTERNAL_HOSTS.has(url.hostname)) return true;
  const page = `${url.hostname}${url.pathname.replace(/\/$/, '')}`.toLowerCase();
  return EXTERNAL_PAGES.has(page) && url.search === '' && url.hash === '';
}
