// The temp folders the Chromium host makes — the throwaway HOME holding the per-run NSS database, the token-cache
// folder — and their removal: on close as usual, and also from a process exit hook, synchronously, so a forced
// exit (a second Ctrl-C, an uncaught exception, process.exit anywhere) leaves none behind.
// Never removes a folder it did not make.
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const made = new Set<string>();

/** The exit hook: exit listeners must be synchronous, so this is rmSync, and it never throws. */
function removeAllNow(): void {
  for (const dir of made) {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // nothing more can be done while the process exits
    }
  }
  made.clear();
}

/** A new folder under the system temp folder (TMPDIR), removed at exit if nothing removed it before. */
export async function makeTempFolder(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  made.add(dir);
  if (!process.listeners('exit').includes(removeAllNow)) process.on('exit', removeAllNow);
  return dir;
}

/** Removes a folder made here; the exit hook forgets it only once it is gone. */
export async function removeTempFolder(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  made.delete(dir);
}

/**
 * Moves the exit hook behind every exit listener registered so far. Called once Chromium is launched: Playwright's
 * own exit listener kills the browser, and the folders it uses (its HOME) go after it, not under it.
 */
export function removeTempFoldersLastAtExit(): void {
  if (made.size === 0) return;
  process.removeListener('exit', removeAllNow);
  process.on('exit', removeAllNow);
}
