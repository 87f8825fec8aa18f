// An online endpoint's scoring (or swagger) URI from ARM is usable only as an https name under the
// environment's inference DNS suffix on port 443: private routes dial that name and tokens are sent to it,
// so anything else (another domain, an IP literal, a port, plain http, a wrong type) is treated as absent.
const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** The URL when it is https under `.<inferenceDnsSuffix>` (port 443, no userinfo), else null. */
export function inferenceUrlOf(value: unknown, inferenceDnsSuffix: string): URL | null {
  if (typeof value !== 'string' || value.length > 2048) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  const host = url.hostname.toLowerCase();
  const suffix = inferenceDnsSuffix.toLowerCase();
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || !DNS_NAME.test(host) || !host.endsWith(`.${suffix}`) || (url.port !== '' && url.port !== '443')) return null;
  return url;
}
