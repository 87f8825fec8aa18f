// The Linux machine policy: /etc/airlock/policy.json or policy.yaml (here a temp folder standing in for it).
// Read-only to the user: a file or folder that is group/world-writable, not owned by a trusted owner (root),
// or a symbolic link is refused in plain words; two policy files are refused; nothing there is 'absent'.
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLinuxPolicyFileSource, type SourceRead } from '../../../../../electron/services/policy';

const ME = process.getuid?.() ?? 0;
let root: string;
let dir: string;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'airlock-policy-'));
  dir = path.join(root, 'airlock');
  mkdirSync(dir, { mode: 0o755 });
  chmodSync(dir, 0o755);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function source(trustedOwnerUids: readonly number[] = [ME]) {
  return createLinuxPolicyFileSource({ directory: dir, trustedOwnerUids });
}
function write(name: string, text: string, mode = 0o644): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  chmodSync(file, mode);
  return file;
}
function refusal(read: SourceRead) {
  if (read.state !== 'refused') throw new Error(`expected a refusal, got ${read.state}`);
  return read.problem;
}

describe('Linux policy file source', () => {
  it('says where it looks, and is absent when there is no folder or no file', async () => {
    expect(source().info).toEqual({ kind: 'file', location: path.join(dir, 'policy.{json,yaml,yml}'), label: `Policy file ${path.join(dir, 'policy.{json,yaml,yml}')}` });
    expect(await source().read()).toEqual({ state: 'absent' });
    rmSync(dir, { recursive: true });
    expect(await source().read()).toEqual({ state: 'absent' });
  });

  it.each(['policy.json', 'policy.yaml', 'policy.yml'])('reads %s', async (name) => {
    const file = write(name, name.endsWith('json') ? '{"version": 1, "rules": []}' : 'version: 1\nrules: []\n');
    const read = await source().read();
    expect(read).toMatchObject({ state: 'present', info: { kind: 'file', location: file, label: `Policy file ${file}` }, value: { version: 1, rules: [] } });
  });

  it('names the file and line of a parse problem', async () => {
    const file = write('policy.yaml', 'version: 1\nrules: [\n');
    expect(refusal(await source().read())).toMatchObject({ file, line: 3 });
  });

  it('refuses two policy files', async () => {
    write('policy.json', '{}');
    write('policy.yaml', 'version: 1\n');
    expect(refusal(await source().read()).message).toMatch(/both policy\.json and policy\.yaml.*keep one/);
  });

  it.each([
    [0o664, /other users can change it \(group- or world-writable, mode 664\)/],
    [0o646, /other users can change it \(group- or world-writable, mode 646\)/],
  ])('refuses a file with mode %s', async (mode, words) => {
    const file = write('policy.yaml', 'version: 1\nrules: []\n', mode);
    const problem = refusal(await source().read());
    expect(problem).toMatchObject({ file, line: null });
    expect(problem.message).toMatch(words);
    expect(problem.message).toMatch(/chmod go-w/);
  });

  it('refuses a file not owned by a trusted owner (root on a real machine)', async () => {
    const file = write('policy.yaml', 'version: 1\nrules: []\n');
    if (ME === 0) {
      // As root the real rule is testable: the folder is root's, the file someone else's.
      chownSync(file, 4242, 4242);
      const problem = refusal(await createLinuxPolicyFileSource({ directory: dir }).read());
      expect(problem).toMatchObject({ file, line: null });
      expect(problem.message).toMatch(/owned by user 4242, not root.*chown root:/);
    } else {
      // Not root: this user owns folder and file, and is not trusted; the folder is the first thing refused.
      const problem = refusal(await createLinuxPolicyFileSource({ directory: dir, trustedOwnerUids: [ME + 4242] }).read());
      expect(problem.file).toBe(dir);
      expect(problem.message).toMatch(new RegExp(`owned by user ${ME}, not user ${ME + 4242}`));
    }
  });

  it('refuses a folder others can write to (they could swap the file)', async () => {
    write('policy.yaml', 'version: 1\nrules: []\n');
    chmodSync(dir, 0o777);
    expect(refusal(await source().read())).toMatchObject({ file: dir, message: expect.stringMatching(/other users can change it.*policy folder/) as unknown });
  });

  it('refuses a symbolic link', async () => {
    const elsewhere = path.join(root, 'elsewhere.yaml');
    writeFileSync(elsewhere, 'version: 1\nrules: []\n');
    symlinkSync(elsewhere, path.join(dir, 'policy.yaml'));
    expect(refusal(await source().read()).message).toMatch(/symbolic link/);
  });

  it('refuses a huge file without reading it all, naming a line', async () => {
    write('policy.yaml', `version: 1\nrules: []\n${'#'.repeat(99)}\n`.repeat(4000));
    const problem = refusal(await source().read());
    expect(problem.message).toMatch(/larger than 256 KiB/);
    expect(problem.line).toBeGreaterThan(1);
  });

  it('refuses text that is not UTF-8', async () => {
    writeFileSync(path.join(dir, 'policy.yaml'), Buffer.from([0x76, 0x3a, 0x20, 0x31, 0x0a, 0xff, 0xfe, 0x0a]));
    expect(refusal(await source().read())).toMatchObject({ line: 2, message: expect.stringMatching(/UTF-8/) as unknown });
  });

  it('reports a change in the folder to its watcher', async () => {
    const s = source();
    const changed = new Promise<void>((resolve) => {
      const stop = s.watch(() => {
        stop();
        resolve();
      });
    });
    write('policy.yaml', 'version: 1\nrules: []\n');
    await changed;
  });

  it('keeps watching when the folder appears only later', async () => {
    rmSync(dir, { recursive: true });
    const s = source();
    let calls = 0;
    let notify: () => void = () => undefined;
    const stop = s.watch(() => {
      calls++;
      notify();
    });
    const next = (): Promise<void> => new Promise((resolve) => (notify = resolve));
    const appeared = next();
    mkdirSync(dir, { mode: 0o755 });
    await appeared;
    const written = next();
    write('policy.json', '{"version": 1, "rules": []}');
    await written;
    stop();
    expect(calls).toBeGreaterThanOrEqual(2);
  });
});
