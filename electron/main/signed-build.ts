// Whether this is a signed release build: scripts/release/build-release.ts stamps `airlockSigned: true` into
// the packed package.json, and only after check-signing.ts found signing configured. npm start, a dir build
// and the offline packaging test have no stamp, so About and `airlock info` say "unsigned" for them. A stamp
// is a label, not a verification: the OS checks the signature itself (Gatekeeper, SmartScreen, package managers).
import { readFileSync } from 'node:fs';
import path from 'node:path';

export function isSignedBuild(appPath: string): boolean {
  try {
    const pkg = JSON.parse(readFileSync(path.join(appPath, 'package.json'), 'utf8')) as { airlockSigned?: unknown };
    return pkg.airlockSigned === true;
  } catch {
    return false; // no readable package.json: certainly not a stamped release
  }
}
