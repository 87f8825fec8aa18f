// The security gate over a fresh build: zero blocking findings (Electronegativity severity ≥ MEDIUM,
// confidence ≥ FIRM, not manual-review; Airlock's window check) — and proof that the scan blocks an insecure
// app. weakened-window.test.ts proves the window check sees each weakened setting.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isBlocking, runElectronegativityGate, scanBuiltApp } from '../../../scripts/electronegativity-gate';

describe('Electronegativity gate', () => {
  it('finds nothing blocking in a fresh build of main, preload and renderer (windows included)', async () => {
    const result = await runElectronegativityGate();
    expect(result.errors).toEqual([]);
    expect(result.scannedFiles).toEqual(expect.arrayContaining(['main/main.cjs', 'preload/preload.cjs', 'renderer/app.js', 'renderer/index.html']) as unknown);
    expect(result.blocking).toEqual([]);
  });

  it('blocks an app that turns off isolation and loads remote content', async () => {
    const dist = await mkdtemp(path.join(tmpdir(), 'airlock-insecure-'));
    await mkdir(path.join(dist, 'main'), { recursive: true });
    // A deliberately insecure sample app, written only to a temp dir: the gate must flag it.
    await writeFile(
      path.join(dist, 'main', 'main.cjs'),
      [
        "const { app, BrowserWindow } = require('electron');",
        "app.whenReady().then(() => {",
        "  const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, webSecurity: false, allowRunningInsecureContent: true } });",
        "  win.loadURL('http://example.invalid/');",
        '});',
      ].join('\n'),
    );
    const result = await scanBuiltApp(dist);
    const blocking = result.findings.filter(isBlocking);
    expect(blocking.length).toBeGreaterThan(0);
    expect(blocking.map((f) => f.id)).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK']) as unknown);
  });
});
