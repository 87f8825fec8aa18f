// The end of `npm install` / `npm ci` (package.json "postinstall"): ONE line naming the optional native parts
// npm left out, what that costs and the one command that adds them; nothing when every part is there. npm
// drops an optional dependency whose build fails (keytar without libsecret-1-dev, and msal-node-extensions with
// it) without a word. Plain Node and built-ins only: it runs before anything is built and with devDependencies
// omitted. It must never fail the install: every path exits 0, and it never prints a native error's text.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The optional packages, what Airlock loses without each, and where it matters (the broker is Windows-only). */
const PARTS = [
  { module: 'keytar', platforms: null, cost: 'sign-ins are kept in memory only (no OS keychain)' },
  { module: '@azure/msal-node-extensions', platforms: ['win32'], cost: 'sign-in skips the Windows broker (WAM)' },
];

/** The one command that builds them: the toolchain and headers keytar's node-gyp build needs, then npm again. */
function addCommand(platform, root) {
  if (platform === 'linux') return `${root ? '' : 'sudo '}apt-get install libsecret-1-dev g++ make python3 pkg-config && npm install`;
  if (platform === 'darwin') return 'xcode-select --install && npm install';
  if (platform === 'win32') return 'npm install (after installing the Visual Studio C++ build tools)';
  return 'npm install (after installing a C++ toolchain and libsecret)';
}

/**
 * The notice line, or null when nothing is missing.
 * @param {{ platform: string, root: boolean, loads: (module: string) => boolean }} machine
 */
export function optionalPartsNotice({ platform, root, loads }) {
  const missing = PARTS.filter((part) => (part.platforms === null || part.platforms.includes(platform)) && !loads(part.module));
  if (missing.length === 0) return null;
  const one = missing.length === 1;
  const names = missing.map((part) => part.module).join(' and ');
  const costs = missing.map((part) => part.cost).join(' and ');
  return `airlock: optional ${names} ${one ? 'was' : 'were'} left out, so ${costs}; add ${one ? 'it' : 'them'} with: ${addCommand(platform, root)}`;
}

/** Whether the project's own node_modules has a module that loads (a present but broken build counts as missing). */
function loaderFor(projectRoot) {
  const require = createRequire(path.join(projectRoot, 'package.json'));
  return (module) => {
    try {
      require(module);
      return true;
    } catch {
      return false;
    }
  };
}

function main() {
  try {
    const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
    const line = optionalPartsNotice({ platform: process.platform, root: process.getuid?.() === 0, loads: loaderFor(projectRoot) });
    if (line) process.stderr.write(`${line}\n`);
  } catch {
    // A notice is never worth a failed install.
  }
  process.exitCode = 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
