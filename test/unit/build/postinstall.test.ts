// The line `npm install` ends with when optional native parts were left out (issue 8: they used to vanish
// without a word). Pure wording per platform, then the real script in a throwaway project folder.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../../../scripts/build';
import { optionalPartsNotice } from '../../../scripts/postinstall.mjs';

const loadsNone = () => false;
const loadsAll = () => true;

describe('optional parts notice', () => {
  it('says nothing when every optional part loads', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) expect(optionalPartsNotice({ platform, root: false, loads: loadsAll })).toBeNull();
  });

  it('on Linux names keytar, what its absence costs, and the one command that adds it', () => {
    const line = optionalPartsNotice({ platform: 'linux', root: false, loads: loadsNone });
    expect(line).toBe(
      'airlock: optional keytar was left out, so sign-ins are kept in memory only (no OS keychain); add it with: sudo apt-get install libsecret-1-dev g++ make python3 pkg-config && npm install',
    );
    expect(line).not.toContain('\n');
  });

  it('leaves out sudo for root', () => {
    expect(optionalPartsNotice({ platform: 'linux', root: true, loads: loadsNone })).toContain('; add it with: apt-get install libsecret-1-dev');
  });

  it('does not mention the Windows broker anywhere but Windows (it is never loaded elsewhere)', () => {
    const onLinux = optionalPartsNotice({ platform: 'linux', root: false, loads: (name) => name === 'keytar' });
    expect(onLinux).toBeNull();
    expect(optionalPartsNotice({ platform: 'darwin', root: false, loads: loadsNone })).not.toContain('msal-node-extensions');
  });

  it('on Windows names both parts in one line', () => {
    const line = optionalPartsNotice({ platform: 'win32', root: false, loads: loadsNone }) ?? '';
    expect(line).toMatch(/^airlock: optional keytar and @azure\/msal-node-extensions were left out, so sign-ins are kept in memory only \(no OS keychain\) and sign-in skips the Windows broker \(WAM\)/);
    expect(line).toContain('npm install');
    expect(line).not.toContain('\n');
  });
});

describe('scripts/postinstall.mjs as npm runs it', () => {
  let project = '';
  afterEach(() => rmSync(project, { recursive: true, force: true }));

  /** A project folder holding only the script, and keytar as given: absent, working or broken. */
  function runIn(keytar: 'absent' | 'loads' | 'throws') {
    project = mkdtempSync(path.join(tmpdir(), 'airlock-postinstall-'));
    mkdirSync(path.join(project, 'scripts'));
    copyFileSync(path.join(ROOT, 'scripts', 'postinstall.mjs'), path.join(project, 'scripts', 'postinstall.mjs'));
    writeFileSync(path.join(project, 'package.json'), '{ "name": "airlock-probe", "private": true }\n');
    if (keytar !== 'absent') {
      mkdirSync(path.join(project, 'node_modules', 'keytar'), { recursive: true });
      const body = keytar === 'loads' ? 'module.exports = { getPassword() {} };' : "throw new Error('keytar.node: wrong ELF class');";
      writeFileSync(path.join(project, 'node_modules', 'keytar', 'index.js'), `${body}\n`);
      writeFileSync(path.join(project, 'node_modules', 'keytar', 'package.json'), '{ "name": "keytar", "main": "index.js" }\n');
    }
    const result = spawnSync(process.execPath, [path.join(project, 'scripts', 'postinstall.mjs')], { cwd: project, encoding: 'utf8' });
    return { code: result.status, output: `${result.stdout}${result.stderr}` };
  }

  it.runIf(process.platform === 'linux')('prints one line when keytar is missing, and still succeeds', () => {
    const { code, output } = runIn('absent');
    expect(code).toBe(0);
    expect(output.trimEnd().split('\n')).toHaveLength(1);
    expect(output).toMatch(/^airlock: optional keytar was left out, so sign-ins are kept in memory only/);
  });

  it.runIf(process.platform === 'linux')('counts a keytar that is there but cannot load as left out', () => {
    const { code, output } = runIn('throws');
    expect(code).toBe(0);
    expect(output).toMatch(/^airlock: optional keytar was left out/);
    expect(output).not.toContain('ELF');
  });

  it.runIf(process.platform === 'linux')('is silent when keytar loads', () => {
    expect(runIn('loads')).toEqual({ code: 0, output: '' });
  });
});
