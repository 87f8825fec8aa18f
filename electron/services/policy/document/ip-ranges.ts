// Address ranges in ip_range conditions: a CIDR range (10.0.0.0/8, fd00::/8) or one address (taken as /32
// or /128). Checked here so the problem names its line; Cedar's own ip() parser checks them again at compile
// time. Zone ids (fe80::1%eth0) are refused: a range is about addresses, not interfaces.
import { isIP } from 'node:net';

export function normalizeRange(text: string): string | null {
  const [address = '', prefix, extra] = text.split('/');
  if (extra !== undefined || address.includes('%')) return null;
  const family = isIP(address);
  if (family === 0) return null;
  const max = family === 4 ? 32 : 128;
  if (prefix === undefined) return `${address.toLowerCase()}/${max}`;
  if (!/^[0-9]{1,3}$/.test(prefix) || Number(prefix) > max) return null;
  return `${address.toLowerCase()}/${Number(prefix)}`;
}
