// Electronegativity over the built bundles: zero blocking findings (severity ≥ MEDIUM, confidence ≥ FIRM,
// not manual-review) — and proof that the gate does block an insecure app.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runElectronegativityGate } from '../../../scripts/electronegativity-gate';

describe('Electronegativity gate', () => {
  it('finds nothing blocking in the built main, preload and renderer', async () => {
    const result = await runElectronegativityGate();
    expect(result.errors).toEqual([]);
    expect(result.scannedFiles.length).toBeGreaterThanOrEqual(4);
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
    const result = await runElectronegativityGate({ distDir: dist });
    expect(result.blocking.length).toBeGreaterThan(0);
    expect(result.blocking.map((f) => f.id)).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK']) as unknown);
  });
});
