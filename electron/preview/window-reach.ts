// Which origins a stand-in browser window may reach: a sign-in window its https sign-in page's origin plus
// MSAL's loopback listener named in the page's redirect_uri (plain http, a loopback host, an explicit port);
// a link window only its page's origin. Pure decisions; stand-in-browser.ts enforces them on every request.
import { AirlockError } from '../../shared/errors/airlock-error';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** An http(s) URL's origin, or null for anything else (data:, blob:, about:, not a URL). */
export function originOf(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
  } catch {
    return null;
  }
}

/** The page to open, if it is https without credentials in it; refused otherwise. */
export function httpsPage(raw: string): URL {
  let url: URL | null = null;
  try {
    url = new URL(raw);
  } catch {
    url = null;
  }
  if (!url || url.protocol !== 'https:' || url.username || url.password) {
    throw new AirlockError('E_BAD_REQUEST', { message: 'Airlock opens sign-in pages and links over https only.' });
  }
  return url;
}

/** MSAL's loopback listener, as named in an authorize URL's redirect_uri; null when it is not one. */
export function loopbackRedirectOf(url: URL): string | null {
  const raw = url.searchParams.get('redirect_uri');
  if (!raw) return null;
  try {
    const redirect = new URL(raw);
    return redirect.protocol === 'http:' && LOOPBACK_HOSTS.has(redirect.hostname) && redirect.port !== '' ? redirect.origin : null;
  } catch {
    return null;
  }
}

export function signInWindowReach(url: URL): ReadonlySet<string> {
  const loopback = loopbackRedirectOf(url);
  return new Set([url.origin, ...(loopback ? [loopback] : [])]);
}

export function linkWindowReach(url: URL): ReadonlySet<string> {
  return new Set([url.origin]);
}
