// The init script that stands in for the preload in the Chromium host: bridge-init.ts bundled the way the
// preload is bundled (one browser IIFE), once per process.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const BRIDGE_ENTRY = fileURLToPath(new URL('./bridge-init.ts', import.meta.url));

let bridgeScript: Promise<string> | null = null;

export function bundledBridge(): Promise<string> {
  bridgeScript ??= build({
    entryPoints: [BRIDGE_ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome140',
    logLevel: 'silent',
  }).then((r) => r.outputFiles[0]!.text);
  return bridgeScript;
}
