// The stand-in system browser against the real sandbox IdP: Chromium checks the IdP's certificate itself, so
// without the sandbox CA trusted for this run the sign-in page is refused with a typed error, never opened
// anyway; with it, the page opens, and popups the page opens are closed at once.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareBrowserTrust, type BrowserTrust } from '../../../electron/preview/browser-trust';
import { CHROMIUM_ARGS, chromiumSandboxAvailable, findChromium } from '../../../electron/preview/chromium-binary';
import { createStandInBrowser } from '../../../electron/preview/stand-in-browser';
import { silentLogger } from '../../../electron/services';
import { startSandbox, type RunningSandbox } from '../../../sandbox/start-sandbox';
import { certutilMissing } from '../../harness/certutil';

let sandbox: RunningSandbox;
const browsers: Browser[] = [];
let trust: BrowserTrust | null = null;

async function launch(env: Readonly<Record<string, string>> = {}): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: findChromium(), chromiumSandbox: chromiumSandboxAvailable(), args: CHROMIUM_ARGS, env: { ...process.env, ...env } });
  browsers.push(browser);
  return browser;
}

beforeAll(async () => {
  sandbox = await startSandbox({ stateDir: await mkdtemp(path.join(tmpdir(), 'airlock-stand-in-')) });
});

afterAll(async () => {
  for (const browser of browsers) await browser.close();
  await trust?.dispose();
  await sandbox?.stop();
  if (sandbox) await rm(sandbox.context.stateDir, { recursive: true, force: true });
});

describe('stand-in browser (Chromium host) against the sandbox IdP', () => {
  it('refuses a sign-in page whose certificate it cannot verify, with a typed error, and leaves no window', async () => {
    const standIn = await createStandInBrowser(await launch(), { unavailable: null, logger: silentLogger });
    const authorize = `${sandbox.environment.authority}/oauth2/v2.0/authorize?client_id=${sandbox.environment.clientId}&redirect_uri=${encodeURIComponent('http://localhost:45678')}`;
    await expect(standIn.openSignIn(authorize)).rejects.toMatchObject({ code: 'E_UNAVAILABLE', details: { reason: 'certificate' } });
    expect(standIn.context.pages()).toEqual([]);
  });

  it.skipIf(certutilMissing() !== null)('with the sandbox CA trusted for this run: opens the page, and closes popups it opens', async () => {
    trust = await prepareBrowserTrust([sandbox.environment.caCertPath]);
    const standIn = await createStandInBrowser(await launch(trust.env), { unavailable: null, logger: silentLogger });
    await standIn.openLink(`${sandbox.environment.authority}/v2.0/.well-known/openid-configuration`);
    const [page] = standIn.context.pages();
    await expect.poll(async () => (await page!.textContent('body')) ?? '').toContain('authorization_endpoint');
    const popup = page!.waitForEvent('popup');
    await page!.evaluate(() => void window.open('about:blank'));
    const opened = await popup;
    if (!opened.isClosed()) await opened.waitForEvent('close');
    expect(standIn.context.pages()).toEqual([page]);
  });
});
