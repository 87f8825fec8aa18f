// SHA256SUMS (scripts/release/checksums.ts), the Linux signing command line (sign-linux.ts) and the
// e2e step's verdict (e2e-electron.ts): the parts of the release that run without the network.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sumsText, writeChecksums } from '../../../../scripts/release/checksums';
import { e2eVerdict } from '../../../../scripts/release/e2e-electron';
import { SBOM_ARGS } from '../../../../scripts/release/sbom';
import { gpgArgs, SIGNED } from '../../../../scripts/release/sign-linux';

const dir = mkdtempSync(path.join(os.tmpdir(), 'airlock-release-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('release checksums and signatures', () => {
  it('writes sha256sum(1) lines for the installers and the SBOM only, sorted', async () => {
    writeFileSync(path.join(dir, 'airlock_0.1.0_amd64.deb'), 'abc');
    writeFileSync(path.join(dir, 'Airlock Setup 0.1.0.exe'), '');
    writeFileSync(path.join(dir, 'airlock-0.1.0.cdx.json'), '{}');
    writeFileSync(path.join(dir, 'latest.yml'), 'not an artifact');
    writeFileSync(path.join(dir, 'Airlock Setup 0.1.0.exe.blockmap'), 'not an artifact');
    await writeChecksums(dir);
    expect(readFileSync(path.join(dir, 'SHA256SUMS'), 'utf8')).toBe(
      [
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  Airlock Setup 0.1.0.exe',
        '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a  airlock-0.1.0.cdx.json',
        'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  airlock_0.1.0_amd64.deb',
        '',
      ].join('\n'),
    );
  });

  it('sorts by name whatever order it is given', () => {
    expect(sumsText([{ name: 'b', sha256: '2' }, { name: 'a', sha256: '1' }])).toBe('1  a\n2  b\n');
  });

  it('signs Linux packages and SHA256SUMS with a detached, armored signature beside each', () => {
    expect(['x.deb', 'x.rpm', 'x.AppImage', 'x.tar.gz', 'SHA256SUMS'].every((name) => SIGNED.test(name))).toBe(true);
    expect(SIGNED.test('x.exe')).toBe(false);
    expect(gpgArgs('KEY', '/r/x.deb')).toEqual(['--batch', '--yes', '--local-user', 'KEY', '--armor', '--detach-sign', '--output', '/r/x.deb.asc', '/r/x.deb']);
  });

  it('makes the SBOM in CycloneDX from the production tree', () => {
    expect(SBOM_ARGS).toEqual(['sbom', '--sbom-format', 'cyclonedx', '--omit', 'dev']);
  });

  it('fails the release e2e step when the real-Electron suite was skipped or failed', () => {
    const ran = { numPassedTests: 5, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0 };
    expect(e2eVerdict(ran, 0)).toBeNull();
    expect(e2eVerdict({ ...ran, numPassedTests: 0, numPendingTests: 5 }, 0)).toMatch(/skipped/);
    expect(e2eVerdict({ ...ran, numFailedTests: 1 }, 1)).toMatch(/failed/);
  });
});
