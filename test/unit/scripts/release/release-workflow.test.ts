// The release workflow cannot run here (it needs the network, three OSes and the signing secrets), so this
// checks what can be checked offline: it parses, it covers Windows, macOS and Ubuntu, its steps are the
// repo's scripts in the order, every script it names exists and every release script is used, and
// secrets reach only the signing steps.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../../../../scripts/build';

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly env?: Record<string, string>;
}
interface Workflow {
  readonly jobs: Record<string, { readonly strategy: { readonly matrix: { readonly include: { os: string; target: string }[] } }; readonly steps: Step[] }>;
}

const text = readFileSync(path.join(ROOT, '.github/workflows/release.yml'), 'utf8');
const workflow = parse(text) as Workflow;
const job = workflow.jobs['release'];
const steps = job?.steps ?? [];
const runs = steps.map((step) => step.run ?? '').join('\n');
/** Library modules (imported by the scripts, not run by the workflow). */
const LIBRARIES = ['signing.ts'];

describe('.github/workflows/release.yml', () => {
  it('is a matrix over Windows, macOS and Ubuntu', () => {
    const include = job?.strategy.matrix.include ?? [];
    expect(include.map((row) => row.os).sort()).toEqual(['macos-latest', 'ubuntu-latest', 'windows-latest']);
    expect(include.map((row) => row.target).sort()).toEqual(['linux', 'mac', 'win']);
  });

  it('names only scripts that exist', () => {
    const named = [...runs.matchAll(/scripts\/release\/[\w-]+\.ts/g)].map((match) => match[0]);
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((file) => !existsSync(path.join(ROOT, file)))).toEqual([]);
  });

  it('uses every release script', () => {
    const scripts = readdirSync(path.join(ROOT, 'scripts/release')).filter((file) => file.endsWith('.ts') && !LIBRARIES.includes(file));
    expect(scripts.filter((file) => !runs.includes(`scripts/release/${file}`))).toEqual([]);
  });

  it('installs with the Electron download allowed, then e2e, signing check, build, SBOM, sums, Linux signatures, upload', () => {
    const index = (pattern: RegExp) => steps.findIndex((step) => pattern.test(step.run ?? step.uses ?? ''));
    const order = [/^npm ci\b/, /e2e-electron\.ts/, /check-signing\.ts/, /build-release\.ts/, /sbom\.ts/, /checksums\.ts/, /sign-linux\.ts/, /upload-artifact/].map(index);
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).not.toMatch(/ELECTRON_SKIP_BINARY_DOWNLOAD/);
  });

  it('uploads the installers with their SHA-256 sums, signatures and the SBOM', () => {
    const upload = steps.find((step) => step.uses?.startsWith('actions/upload-artifact')) as { with?: { path?: string } } | undefined;
    const paths = upload?.with?.path ?? '';
    for (const pattern of ['*.exe', '*.msi', '*.dmg', '*.pkg', '*.deb', '*.rpm', '*.AppImage', '*.tar.gz', '*.asc', '*.cdx.json', 'SHA256SUMS']) expect(paths).toContain(pattern);
  });

  it('passes secrets only to the steps that sign, never to install or the e2e suite', () => {
    const withSecrets = steps.filter((step) => JSON.stringify(step).includes('secrets.')).map((step) => step.name);
    expect(withSecrets.sort()).toEqual(['Build and sign', 'Check signing is configured', 'Import the Linux signing key', 'Sign the Linux packages and the sums', 'Write the App Store Connect API key'].sort());
  });

  it('is referenced from the README', () => {
    expect(readFileSync(path.join(ROOT, 'README.md'), 'utf8')).toContain('.github/workflows/release.yml');
  });
});
