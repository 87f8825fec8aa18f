// The README's set-up facts agree with the files that act on them: one apt-get line with every system package
// that .ci/run installs on CI (and nothing else), and the Node version package.json's engines asks for.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../scripts/build';

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const ciRun = readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8');
const engines = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;

/** The words of the bash array APT_PACKAGES=(...) in .ci/run. */
function ciPackages(): string[] {
  const match = /^APT_PACKAGES=\(([^)]*)\)/m.exec(ciRun);
  if (!match?.[1]) throw new Error('.ci/run has no APT_PACKAGES=(...)');
  return match[1].split(/\s+/).filter(Boolean).sort();
}

describe('README set-up', () => {
  it('has one apt-get install line, with exactly the packages .ci/run installs', () => {
    const lines = readme.split('\n').filter((line) => /^\s*(sudo )?apt-get install /.test(line));
    expect(lines).toHaveLength(1);
    const packages = (lines[0] ?? '').replace(/^\s*(sudo )?apt-get install /, '').split(/\s+/).filter((word) => word && !word.startsWith('-')).sort();
    expect(packages).toEqual(ciPackages());
  });

  it('installs xvfb and xauth, since it suggests xvfb-run', () => {
    expect(readme).toContain('xvfb-run');
    expect(ciPackages()).toEqual(expect.arrayContaining(['xvfb', 'xauth']));
  });

  it("states the Node version that package.json's engines asks for", () => {
    const floor = /^>=\s*(\d+\.\d+)$/.exec(engines)?.[1];
    expect(floor, `engines.node is ${engines}`).toBeDefined();
    expect(readme).toContain(`Node.js ${floor} or later`);
  });
});
