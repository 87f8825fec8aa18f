// Whether this machine has certutil (Debian's libnss3-tools), which the Chromium host needs to trust the
// sandbox's CA in its stand-in browser windows. Tests that open such a window skip, saying so, without it.
import { spawnSync } from 'node:child_process';

export function certutilMissing(): string | null {
  const probe = spawnSync('certutil', ['-H'], { stdio: 'ignore' });
  const code = probe.error && 'code' in probe.error ? probe.error.code : undefined;
  return code === 'ENOENT' ? 'certutil is not installed (sudo apt-get install libnss3-tools)' : null;
}
