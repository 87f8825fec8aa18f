// Airlock in the real Electron binary, driven by Playwright's _electron. These tests run wherever the
// binary exists; elsewhere they are skipped and say so in one line — never a silent pass.
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAll, ROOT } from '../../../scripts/build';
import { locateElectronBinary } from '../../../scripts/electron-binary';

const binary = locateElectronBinary(ROOT);
if (!binary.found) {
  console.log(`SKIPPED real-Electron e2e (test/e2e/electron): no Electron binary here — ${binary.reason}.`);
}

describe.skipIf(!binary.found)('Airlock in real Electron', () => {
  let app: ElectronApplication;
  let page: Page;

  beforeAll(async () => {
    if (!binary.found) return;
    await buildAll({ mode: 'production' });
    app = await _electron.launch({ executablePath: binary.path, args: [ROOT], env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' } });
    page = await app.firstWindow();
    await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('loads the UI from app://bundle with the navigation rail and status bar', async () => {
    expect(page.url()).toBe('app://bundle/index.html');
    expect(await page.title()).toBe('Airlock');
    await page.getByRole('contentinfo', { name: 'Status bar' }).waitFor();
  });

  it('runs the window sandboxed and isolated', async () => {
    // Electron 45 has no getter for webPreferences; the OS-level flag is reported on macOS and Windows.
    const renderers = await app.evaluate(({ app: electronApp }) => electronApp.getAppMetrics().filter((m) => m.type === 'Tab').map((m) => m.sandboxed));
    expect(renderers.length).toBeGreaterThan(0);
    for (const sandboxed of renderers) expect(sandboxed).not.toBe(false);
    expect(await page.evaluate(() => [typeof (window as never as Record<string, unknown>)['require'], typeof (window as never as Record<string, unknown>)['process']])).toEqual(['undefined', 'undefined']);
  });

  it('serves the CSP as a response header', async () => {
    const csp = await page.evaluate(async () => (await fetch('app://bundle/index.html')).headers.get('content-security-policy'));
    expect(csp).toMatch(/default-src 'self'.*connect-src 'self'.*object-src 'none'.*frame-ancestors 'none'/);
  });

  it('answers the contract through the preload', async () => {
    const info = await page.evaluate(() => (window as never as { airlock: { app: { info(): Promise<unknown> } } }).airlock.app.info());
    expect(info).toMatchObject({ ok: true, value: { name: 'Airlock', runtime: 'electron' } });
  });

  it('refuses navigation away from the app and new windows', async () => {
    await page.evaluate(() => {
      window.location.href = 'https://example.invalid/';
    });
    expect(page.url()).toBe('app://bundle/index.html');
    expect(await page.evaluate(() => window.open('https://example.invalid/') === null)).toBe(true);
    expect(app.windows()).toHaveLength(1);
  });
});
