import { mkdtemp, mkdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { NONCE_PLACEHOLDER, readBundleFile, resolveBundlePath } from '../../../../../electron/services/ui-bundle/bundle-files';

let root: string;

beforeAll(async () => {
  const base = await mkdtemp(path.join(tmpdir(), 'airlock-bundle-'));
  root = path.join(base, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), `<meta name="n" content="${NONCE_PLACEHOLDER}"><p>hi</p>`);
  await writeFile(path.join(root, 'app.js'), 'console.log(1)');
  await writeFile(path.join(root, 'assets', 'logo.svg'), '<svg/>');
  await writeFile(path.join(root, 'notes.txt'), 'no mime');
  await writeFile(path.join(base, 'secret.js'), 'outside');
  await symlink(path.join(base, 'secret.js'), path.join(root, 'escape.js'));
});

describe('bundle files (app:// server)', () => {
  it('serves index.html for / with a CSP header whose style nonce matches the page', async () => {
    const res = await readBundleFile(root, '/');
    expect(res.status).toBe(200);
    const html = res.body!.toString();
    const nonce = /content="([^"]+)"/.exec(html)?.[1];
    expect(nonce).toMatch(/^[A-Za-z0-9+/=]{20,}$/);
    expect(html).not.toContain(NONCE_PLACEHOLDER);
    expect(res.headers['content-security-policy']).toContain(`'nonce-${nonce}'`);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('uses a fresh nonce for every page load', async () => {
    const a = (await readBundleFile(root, '/index.html')).headers['content-security-policy'];
    const b = (await readBundleFile(root, '/index.html')).headers['content-security-policy'];
    expect(a).not.toBe(b);
  });

  it('serves scripts and assets with their types and the CSP header', async () => {
    const js = await readBundleFile(root, '/app.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    expect(js.headers['content-security-policy']).toContain("default-src 'self'");
    expect((await readBundleFile(root, '/assets/logo.svg')).headers['content-type']).toBe('image/svg+xml');
  });

  it.each([
    '/../secret.js',
    '/%2e%2e/secret.js',
    '/assets/%2E%2E/%2E%2E/secret.js',
    '/..%2fsecret.js',
    '/..%5csecret.js',
    '/app.js%00.html',
    '/%E0%A4%A',
    '/escape.js',
    '/missing.js',
    '/notes.txt',
    '/assets',
  ])('refuses %s with 404', async (pathname) => {
    const res = await readBundleFile(root, pathname);
    expect(res.status).toBe(404);
    expect(res.body).toBeNull();
  });

  it('resolves only inside the root', () => {
    expect(resolveBundlePath(root, '/app.js')).toBe(path.join(root, 'app.js'));
    expect(resolveBundlePath(root, '/../x')).toBeNull();
    expect(resolveBundlePath(root, '/' + encodeURIComponent('../../etc/passwd'))).toBeNull();
  });
});
