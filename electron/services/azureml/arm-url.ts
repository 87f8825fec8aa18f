// Where an ARM request may go: the environment's ARM endpoint, exactly (https, the same host name and the
// same port), with no user name or password in the URL. Checked on every request the SDK makes — nextLinks
// and anything a policy rewrites included — before a token is asked for, and again by the HTTP client before
// a byte leaves, because the SDK (2.1.1) would send the bearer token to any absolute https nextLink.
import { isIP } from 'node:net';

const portOf = (url: URL): string => url.port || '443';

/** Whether `href` names the ARM endpoint `base` exactly (https, host, port; no userinfo, no IP literal). */
export function isArmUrl(href: string, base: URL): boolean {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') return false;
  // An IP literal is never the ARM host (ARM is reached by name, so the certificate and the pin mean something).
  const bare = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(bare) !== 0) return false;
  return url.hostname.toLowerCase() === base.hostname.toLowerCase() && portOf(url) === portOf(base);
}
