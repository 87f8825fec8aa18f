// Which origins a stand-in browser window may reach: a sign-in window its https sign-in page's origin plus
// Airlock's loopback listener named in the page's redirect_uri (plain http, a loopback host, an explicit port);
// a link window only its page's origin. And whether one request hop may leave Chromium. Pure decisions;
// stand-in-browser.ts (each request's first URL) and network-gate.ts (every hop) enforce them.
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

/** Airlock's loopback listener, as named in an authorize URL's redirect_uri; null when it is not one. */
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

/** One request hop as the network gate sees it. */
export interface Hop {
  readonly url: string;
  /** The hop follows a redirect response. */
  readonly redirected: boolean;
  /** What the window may reach when the hop comes from its top frame; undefined for subframes, workers, unknown pages. */
  readonly window: ReadonlySet<string> | undefined;
  /** What each open window may reach. */
  readonly anyWindow: Iterable<ReadonlySet<string>>;
}

/**
 * A window's top frame reaches its own origins and nothing else, whatever the hop. A redirect anywhere else is
 * never followed (a sign-in's redirects happen in the top frame). Other requests (a subframe's, a worker's;
 * their first URL was already held to their window by routing, but a shared worker's never was) reach only
 * an origin some open window may reach.
 */
export function hopAllowed(hop: Hop): boolean {
  const origin = originOf(hop.url);
  if (origin === null) return false;
  if (hop.window) return hop.window.has(origin);
  if (hop.redirected) return false;
  for (const origins of hop.anyWindow) if (origins.has(origin)) return true;
  return false;
}
