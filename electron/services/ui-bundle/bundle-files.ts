// Serves the built renderer for app://bundle/<path> (Electron) and the Chromium host's page routing: resolves
// the path inside the bundle folder only (no traversal, no symlink escape) and attaches the CSP header. Pure
// Node, so both hosts serve the UI through this same function. Never serves a file outside the bundle.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { buildCsp } from './csp';

export const NONCE_PLACEHOLDER = '__AIRLOCK_STYLE_NONCE__';

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json', // development builds only; production bundles carry no source maps
};

export interface BundleResponse {
  readonly status: 200 | 404;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer | null;
}

const NOT_FOUND: BundleResponse = { status: 404, headers: { 'content-type': 'text/plain' }, body: null };

const realRoots = new Map<string, Promise<string>>();

/** The bundle root with symlinks resolved, once per root (it does not move while Airlock runs). */
function realRootOf(root: string): Promise<string> {
  let real = realRoots.get(root);
  if (!real) {
    real = fs.realpath(root);
    real.catch(() => realRoots.delete(root));
    realRoots.set(root, real);
  }
  return real;
}

/** Maps a request URL's path to a file strictly inside `root`, or null. */
export function resolveBundlePath(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const file = path.resolve(root, relative);
  return file.startsWith(path.resolve(root) + path.sep) ? file : null;
}

export async function readBundleFile(root: string, pathname: string): Promise<BundleResponse> {
  const file = resolveBundlePath(root, pathname);
  if (!file) return NOT_FOUND;
  const type = MIME[path.extname(file).toLowerCase()];
  if (!type) return NOT_FOUND;
  let real: string;
  let realRoot: string;
  try {
    [real, realRoot] = await Promise.all([fs.realpath(file), realRootOf(root)]);
  } catch {
    return NOT_FOUND;
  }
  if (!real.startsWith(realRoot + path.sep)) return NOT_FOUND;
  const body = await fs.readFile(real).catch(() => null);
  if (!body) return NOT_FOUND;

  const common = { 'content-type': type, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' };
  if (type.startsWith('text/html')) {
    // A fresh nonce per page load lets Fluent UI insert its style elements while inline styles stay blocked.
    const nonce = randomBytes(16).toString('base64');
    const html = body.toString('utf8').replaceAll(NONCE_PLACEHOLDER, nonce);
    return { status: 200, headers: { ...common, 'content-security-policy': buildCsp({ styleNonce: nonce }) }, body: Buffer.from(html) };
  }
  return { status: 200, headers: { ...common, 'content-security-policy': buildCsp() }, body };
}
