// What a stand-in window reaches when a page it may open sends it elsewhere: an https server on loopback with a
// certificate from a sandbox CA (trusted for this run, as preview trusts it) answers with redirects. Playwright's
// routing sees only the first URL of a redirect chain and does not route shared workers at all, so these are
// the requests that would slip past it. None may reach the server it names: a redirect to another https origin,
// to another http://localhost:<port> service, or from a page already open; a shared worker's request to another
// origin. A redirect to the window's own loopback listener still arrives (the sign-in's hand-off).
import { once } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { prepareBrowserTrust, type BrowserTrust } from '../../../electron/preview/browser-trust';
import { CHROMIUM_ARGS, chromiumSandboxAvailable, findChromium } from '../../../electron/preview/chromium-binary';
import { createStandInBrowser, type StandInBrowser } from '../../../electron/preview/stand-in-browser';
import { silentLogger } from '../../../electron/services';
import { openCertificateAuthority } from '../../../sandbox/pki/certificate-authority';
import { certutilMissing } from '../../harness/certutil';

const missing = certutilMissing();
if (missing) console.log(`SKIPPED stand-in redirect e2e (test/e2e/preview): the stand-in browser cannot trust the test CA — ${missing}.`);

/** A loopback server that records the path of every request it receives. */
interface Recorder {
  readonly port: number;
  readonly hits: string[];
  close(): Promise<void>;
}

async function listen(server: http.Server | https.Server, hits: string[]): Promise<Recorder> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    hits,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

let stateDir: string;
let trust: BrowserTrust;
let browser: Browser;
let standIn: StandInBrowser;
let answered = 0;
let page: Recorder; // the page the window may open (https, CA-issued certificate)
let otherHttps: Recorder; // another https origin on the same machine and CA
let otherLoopback: Recorder; // another http://localhost:<port> service
let listener: Recorder; // the sign-in window's own loopback redirect

const servers = (): Recorder[] => [page, otherHttps, otherLoopback, listener].filter(Boolean);
const pageUrl = (p: string) => `https://localhost:${page.port}${p}`;
const withRedirectUri = (p: string) => `${pageUrl(p)}${p.includes('?') ? '&' : '?'}redirect_uri=${encodeURIComponent(`http://localhost:${listener.port}`)}`;

beforeAll(async () => {
  if (missing) return;
  stateDir = await mkdtemp(path.join(tmpdir(), 'airlock-stand-in-redirects-'));
  const ca = await openCertificateAuthority(stateDir);
  const leaf = await ca.issue({ dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });
  const html = (body: string) => ({ 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  const answer = (res: http.ServerResponse, body: string, type = 'text/html') => res.writeHead(200, { ...html(body), 'content-type': `${type}; charset=utf-8` }).end(body);
  otherHttps = await listen(https.createServer({ key: leaf.keyPem, cert: leaf.certPem }, (req, res) => void (otherHttps.hits.push(req.url!), answer(res, 'other'))), []);
  otherLoopback = await listen(http.createServer((req, res) => void (otherLoopback.hits.push(req.url!), answer(res, 'other'))), []);
  listener = await listen(http.createServer((req, res) => void (listener.hits.push(req.url!), answer(res, '<p>You can close this window.</p>'))), []);
  page = await listen(
    https.createServer({ key: leaf.keyPem, cert: leaf.certPem }, (req, res) => {
      page.hits.push(req.url!);
      const url = new URL(req.url!, 'https://localhost');
      const redirect = (location: string) => res.writeHead(302, { location }).end();
      switch (url.pathname) {
        case '/to-other-https':
          return redirect(`https://localhost:${otherHttps.port}/stolen?secret=1`);
        case '/to-other-loopback':
          return redirect(`http://localhost:${otherLoopback.port}/stolen?code=1`);
        case '/to-own-loopback':
          return redirect(`http://localhost:${listener.port}/?code=handed-back`);
        case '/shared-worker':
          return answer(res, "<p>worker</p><script>new SharedWorker('/worker.js');</script>");
        case '/worker.js':
          return answer(res, `fetch('http://localhost:${otherLoopback.port}/from-worker').catch(() => null).finally(() => fetch('/worker-done'));`, 'text/javascript');
        default:
          return answer(res, '<p>sign in</p>');
      }
    }),
    [],
  );
  trust = await prepareBrowserTrust([ca.certPath]);
  browser = await chromium.launch({ executablePath: findChromium(), chromiumSandbox: chromiumSandboxAvailable(), args: CHROMIUM_ARGS, env: { ...process.env, ...trust.env } });
  standIn = await createStandInBrowser(browser, { unavailable: trust.unavailable, logger: silentLogger, onSignInAnswered: () => void (answered += 1) });
});

afterAll(async () => {
  await browser?.close();
  await trust?.dispose();
  for (const server of servers()) await server.close();
  if (stateDir) await rm(stateDir, { recursive: true, force: true });
});

afterEach(async () => {
  // Each case starts with no window open, whatever the one before left.
  for (const win of standIn?.context.pages() ?? []) await win.close();
});

describe.skipIf(missing !== null)('stand-in windows and redirects', () => {
  it('a link page that redirects to another https origin: refused with a typed error, nothing reaches that origin, no window left', async () => {
    await expect(standIn.openLink(pageUrl('/to-other-https'))).rejects.toMatchObject({ code: 'E_UNAVAILABLE', details: { reason: 'refused' } });
    expect(otherHttps.hits).toEqual([]);
    expect(standIn.context.pages()).toEqual([]);
  });

  it('a sign-in page that redirects to another http://localhost:<port> than its redirect_uri: refused, nothing reaches it', async () => {
    await expect(standIn.openSignIn(withRedirectUri('/to-other-loopback'))).rejects.toMatchObject({ code: 'E_UNAVAILABLE', details: { reason: 'refused' } });
    expect(otherLoopback.hits).toEqual([]);
    expect(standIn.context.pages()).toEqual([]);
  });

  it('an open sign-in window later sent through a redirect to another loopback service is closed, and nothing reaches it', async () => {
    await standIn.openSignIn(withRedirectUri('/authorize'));
    const [win] = standIn.context.pages();
    const closed = win!.waitForEvent('close');
    await win!.evaluate((to) => void (location.href = to), pageUrl('/to-other-loopback'));
    await closed;
    expect(otherLoopback.hits).toEqual([]);
    expect(standIn.context.pages()).toEqual([]);
  });

  it("a shared worker of an open window reaches nothing beyond the window's origins", async () => {
    await standIn.openSignIn(withRedirectUri('/shared-worker'));
    await expect.poll(() => page.hits.includes('/worker-done')).toBe(true);
    expect(otherLoopback.hits).toEqual([]);
  });

  it("a redirect to the sign-in window's own loopback listener is followed: the answer arrives and the window closes", async () => {
    const before = answered;
    await standIn.openSignIn(withRedirectUri('/to-own-loopback'));
    await expect.poll(() => answered).toBe(before + 1);
    expect(listener.hits).toEqual(['/?code=handed-back']);
    expect(standIn.context.pages()).toEqual([]);
  });
});
