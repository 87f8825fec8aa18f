// The CLI's "system browser" for a browser sign-in, as the app's shell.openExternal: the auth service passes
// only https pages on the environment's sign-in host (its browser guard); this checks https once more, prints
// the address on stderr (for a terminal without a desktop, or when no opener exists) and hands it to the
// platform's opener as one argument, never through a shell. A missing opener is not an error: the address
// is on the screen.
import { spawn } from 'node:child_process';

function opener(url: string): [string, string[]] | null {
  if (process.platform === 'darwin') return ['open', [url]];
  if (process.platform === 'win32') return ['rundll32', ['url.dll,FileProtocolHandler', url]];
  if (process.platform === 'linux' || process.platform === 'freebsd' || process.platform === 'openbsd') return ['xdg-open', [url]];
  return null;
}

export async function openSystemBrowser(raw: string): Promise<void> {
  const url = new URL(raw);
  if (url.protocol !== 'https:') throw new Error('sign-in pages open over https only');
  process.stderr.write(`Opening your browser to sign in. If it does not open, go to:\n  ${url.href}\n`);
  const command = opener(url.href);
  if (!command) return;
  try {
    const child = spawn(command[0], command[1], { detached: true, stdio: 'ignore', shell: false });
    child.on('error', () => undefined); // no opener installed: the address above is enough
    child.unref();
  } catch {
    // as above
  }
}
