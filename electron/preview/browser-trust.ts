// What the host's Chromium trusts beyond the public web: the CAs that environments name (the sandbox's own
// CA), in an NSS database of a throwaway HOME made for this run only. Chromium on Linux reads user trust
// from $HOME/.pki/nssdb, so the launched browser checks the sandbox's certificates for real, while the
// user's own profile, the system store and every other program stay untouched.
// Never ignores a certificate error, never trusts a CA for anything but TLS servers, never installs a CA
// outside the temp folder (removed on dispose, or at exit if preview is forced out: temp-folders.ts).
import { execFile } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { AirlockError } from '../../shared/errors/airlock-error';
import { makeTempFolder, removeTempFolder } from './temp-folders';

const run = promisify(execFile);

export interface BrowserTrust {
  /** Environment for the Chromium process (a HOME holding the NSS database); empty when nothing extra is trusted. */
  readonly env: Readonly<Record<string, string>>;
  /** Why pages that need an extra CA cannot be opened here, if they cannot. */
  readonly unavailable: AirlockError | null;
  dispose(): Promise<void>;
}

const NO_EXTRA_TRUST: BrowserTrust = { env: {}, unavailable: null, dispose: async () => undefined };

async function hasCertutil(): Promise<boolean> {
  try {
    await run('certutil', ['-H']);
    return true;
  } catch (thrown) {
    // certutil -H prints help and exits non-zero; only "not found" means it is missing.
    return (thrown as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

/** Reads each CA file; a file that is missing or holds no certificate is left out (its environment fails on its own). */
async function readableCas(caPaths: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const file of new Set(caPaths)) {
    const pem = await readFile(file, 'utf8').catch(() => '');
    if (pem.includes('-----BEGIN CERTIFICATE-----')) found.push(file);
  }
  return found;
}

export async function prepareBrowserTrust(caPaths: readonly string[]): Promise<BrowserTrust> {
  const cas = await readableCas(caPaths);
  if (cas.length === 0) return NO_EXTRA_TRUST;
  if (!(await hasCertutil())) {
    return {
      env: {},
      unavailable: new AirlockError('E_UNAVAILABLE', {
        message: 'Preview cannot open this sign-in page: its browser cannot check the environment\'s certificates without certutil.',
        hint: 'Install it (sudo apt-get install libnss3-tools) and start preview again, or sign in with a code on another device.',
        retryable: false,
      }),
      dispose: async () => undefined,
    };
  }
  const home = await makeTempFolder('airlock-preview-home-');
  const db = `sql:${path.join(home, '.pki', 'nssdb')}`;
  try {
    await mkdir(path.join(home, '.pki', 'nssdb'), { recursive: true, mode: 0o700 });
    await run('certutil', ['-N', '-d', db, '--empty-password']);
    // "C,,": a CA trusted to issue TLS server certificates only (not e-mail, not code signing).
    for (const [index, file] of cas.entries()) await run('certutil', ['-A', '-d', db, '-n', `Airlock environment CA ${index + 1}`, '-t', 'C,,', '-i', file]);
  } catch {
    await removeTempFolder(home);
    throw new AirlockError('E_UNAVAILABLE', {
      message: 'Preview could not set up its browser to trust the environment\'s certificate authority.',
      hint: 'Check that the CA file named in the environment file is a PEM certificate, then start preview again.',
      retryable: false,
    });
  }
  return { env: { HOME: home }, unavailable: null, dispose: () => removeTempFolder(home) };
}
