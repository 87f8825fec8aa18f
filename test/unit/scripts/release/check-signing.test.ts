// A release build is refused when signing is not configured (scripts/release/check-signing.ts), naming the
// missing variables and never printing a value; a configured method turns into electron-builder overrides.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../../scripts/build';
import { releaseConfig, SIGNED_STAMP } from '../../../../scripts/release/build-release';
import { checkSigning, parseOs } from '../../../../scripts/release/check-signing';
import { SIGNING_METHODS, signingOverrides, signingPlan } from '../../../../scripts/release/signing';

const AZURE = {
  AZURE_TENANT_ID: 'tenant-value',
  AZURE_CLIENT_ID: 'client-value',
  AZURE_CLIENT_SECRET: 'very-secret-value',
  AIRLOCK_AZURE_SIGN_ENDPOINT: 'https://weu.codesigning.azure.net',
  AIRLOCK_AZURE_SIGN_ACCOUNT: 'airlock-signing',
  AIRLOCK_AZURE_SIGN_PROFILE: 'airlock-public',
  AIRLOCK_WIN_PUBLISHER_NAME: 'Airlock',
};
const MAC = {
  CSC_LINK: 'base64-p12',
  CSC_KEY_PASSWORD: 'p12-secret-value',
  CSC_INSTALLER_LINK: 'base64-installer-p12',
  CSC_INSTALLER_KEY_PASSWORD: 'installer-secret-value',
  APPLE_API_KEY: '/tmp/AuthKey.p8',
  APPLE_API_KEY_ID: 'KEYID',
  APPLE_API_ISSUER: 'issuer-uuid',
};

describe('signing plan', () => {
  it.each(['win', 'mac', 'linux'] as const)('refuses %s with nothing configured, naming what each method needs', (os) => {
    const { plan, message } = checkSigning(os, {});
    expect(plan.configured).toBe(false);
    expect(message).toMatch(/^Release build refused: code signing is not configured/);
    for (const method of SIGNING_METHODS[os]) for (const name of method.requires) expect(message).toContain(name);
  });

  it('prefers Azure Trusted Signing on Windows and turns it into azureSignOptions without signtoolOptions', () => {
    const plan = signingPlan('win', { ...AZURE, WIN_CSC_LINK: 'x', WIN_CSC_KEY_PASSWORD: 'y' });
    expect(plan.configured && plan.method.id).toBe('azure-trusted-signing');
    if (!plan.configured) return;
    const config = releaseConfig({ win: { target: ['nsis', 'msi'], signtoolOptions: { signingHashAlgorithms: ['sha256'] } } }, signingOverrides(plan, AZURE));
    expect(config.win).toEqual({
      target: ['nsis', 'msi'],
      signtoolOptions: null,
      azureSignOptions: expect.objectContaining({ endpoint: AZURE.AIRLOCK_AZURE_SIGN_ENDPOINT, codeSigningAccountName: 'airlock-signing', certificateProfileName: 'airlock-public', publisherName: 'Airlock', fileDigest: 'SHA256' }) as unknown,
    });
    // The Entra secret stays in the environment, where Invoke-TrustedSigning reads it; never in the config.
    expect(JSON.stringify(config)).not.toContain(AZURE.AZURE_CLIENT_SECRET);
    expect(config.npmRebuild).toBe(true);
    // Only a release build (signing checked first) says "signed" in its packed package.json.
    expect(config.extraMetadata).toEqual({ [SIGNED_STAMP]: true });
  });

  it('accepts a signtool certificate on Windows under either variable name electron-builder reads', () => {
    expect(signingPlan('win', { WIN_CSC_LINK: 'x', WIN_CSC_KEY_PASSWORD: 'y' }).configured).toBe(true);
    expect(signingPlan('win', { CSC_LINK: 'x', CSC_KEY_PASSWORD: 'y' }).configured).toBe(true);
    expect(signingPlan('win', { WIN_CSC_LINK: 'x' }).configured).toBe(false);
  });

  it('needs both certificates and the notarization key on macOS; a blank value counts as missing', () => {
    expect(signingPlan('mac', MAC).configured).toBe(true);
    const plan = signingPlan('mac', { ...MAC, APPLE_API_ISSUER: '  ' });
    expect(plan.configured).toBe(false);
    if (!plan.configured) expect(plan.missing['developer-id-notarized']).toEqual(['APPLE_API_ISSUER']);
  });

  it('needs the GPG key id on Linux', () => {
    expect(signingPlan('linux', { AIRLOCK_GPG_KEY_ID: 'ABCDEF0123456789' }).configured).toBe(true);
  });

  it('never prints a value, configured or not', () => {
    const refused = checkSigning('mac', { ...MAC, CSC_INSTALLER_LINK: '' }).message;
    const accepted = checkSigning('win', AZURE).message;
    for (const value of [...Object.values(MAC), ...Object.values(AZURE)]) {
      expect(refused).not.toContain(value);
      expect(accepted).not.toContain(value);
    }
  });

  it('takes --os, else the machine OS', () => {
    expect(parseOs(['--os', 'mac'], 'linux')).toBe('mac');
    expect(parseOs([], 'win32')).toBe('win');
    expect(parseOs([], 'freebsd')).toBe('linux');
    expect(() => parseOs(['--os', 'beos'], 'linux')).toThrow(/win, mac or linux/);
  });
});

describe('check-signing.ts as a command', () => {
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/release/check-signing.ts'), '--os', 'linux'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '', ...env },
    });

  it('exits 1 with the refusal when signing is missing', () => {
    const result = run({});
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('AIRLOCK_GPG_KEY_ID');
  });

  it('exits 0 when it is configured', () => {
    const result = run({ AIRLOCK_GPG_KEY_ID: 'ABCDEF0123456789' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('GPG detached signatures');
  });
});
