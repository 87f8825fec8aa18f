// What the Chromium host's browser trusts beyond the public web: the environment's CA, in an NSS database of a
// throwaway HOME, for TLS servers only — or, without certutil, nothing, with a typed reason the stand-in shows.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareBrowserTrust } from '../../../electron/preview/browser-trust';
import { openCertificateAuthority } from '../../../sandbox/pki/certificate-authority';
import { certutilMissing } from '../../harness/certutil';

const missing = certutilMissing();
if (missing) console.log(`[preview integration] SKIPPED NSS trust tests: ${missing}`);
let dir: string;
let caPath: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'airlock-trust-'));
  caPath = (await openCertificateAuthority(dir)).certPath;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('browser trust for the Chromium host', () => {
  it('changes nothing when no environment names a CA, or the CA files hold no certificate', async () => {
    const garbage = path.join(dir, 'not-a-cert.pem');
    await writeFile(garbage, 'hello');
    for (const paths of [[], [path.join(dir, 'missing.pem')], [garbage]]) {
      const trust = await prepareBrowserTrust(paths);
      expect(trust.env).toEqual({});
      expect(trust.unavailable).toBeNull();
    }
  });

  it.skipIf(missing !== null)('trusts the CA for TLS servers only, in a HOME of its own that dispose removes', async () => {
    const trust = await prepareBrowserTrust([caPath, caPath]);
    const home = trust.env['HOME']!;
    expect(home).toMatch(/airlock-preview-home-/);
    expect(home).not.toBe(process.env['HOME']);
    const listed = execFileSync('certutil', ['-L', '-d', `sql:${path.join(home, '.pki', 'nssdb')}`], { encoding: 'utf8' });
    const entries = listed.split('\n').filter((l) => l.startsWith('Airlock environment CA'));
    expect(entries).toHaveLength(1); // the same file named twice is trusted once
    expect(entries[0]).toMatch(/\s+C,,\s*$/); // a TLS server CA, not e-mail or code signing
    await trust.dispose();
    expect(existsSync(home)).toBe(false);
  });

  it('without certutil: trusts nothing and says why, in words the sign-in screen can show', async () => {
    const savedPath = process.env['PATH'];
    process.env['PATH'] = await mkdtemp(path.join(tmpdir(), 'airlock-empty-path-'));
    try {
      const trust = await prepareBrowserTrust([caPath]);
      expect(trust.env).toEqual({});
      expect(trust.unavailable?.code).toBe('E_UNAVAILABLE');
      expect(trust.unavailable?.hint).toContain('apt-get install libnss3-tools');
    } finally {
      process.env['PATH'] = savedPath;
    }
  });
});
