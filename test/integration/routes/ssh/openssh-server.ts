// Debian's OpenSSH sshd, started by a test on a free loopback port with everything of its own in a temp folder:
// config, ed25519 host key, authorized_keys, pid file. It runs in the foreground (-D -e) as the current user and
// forwards only to the `permitOpen` targets given. `kill()` plays the server dying: SIGKILL to sshd and every
// process it forked (per-connection children call setsid, so a process group would miss them).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { freePort } from '../../sandbox/network/network-fixtures';
import { tempFolder } from './route-fixtures';

export const SSHD = '/usr/sbin/sshd';
const SSH_KEYGEN = '/usr/bin/ssh-keygen';

/** Why the OpenSSH tests cannot run here, or null when they can. */
export const sshdMissing: string | null = existsSync(SSHD) && existsSync(SSH_KEYGEN) ? null : `OpenSSH tests skipped: ${SSHD} or ${SSH_KEYGEN} is not installed (apt-get install openssh-server)`;

export interface OpenSshServer {
  readonly port: number;
  readonly username: string;
  /** `SHA256:…` as `ssh-keygen -lf` prints it for the host key. */
  readonly hostKeySha256: string;
  readonly dir: string;
  /** Authorized user keys: plain, and encrypted with `passphrase`. */
  readonly keys: { readonly plain: string; readonly encrypted: string; readonly passphrase: string; readonly unauthorized: string };
  kill(): Promise<void>;
  /** SIGSTOP to sshd and its children: the server hangs without closing anything (kill() ends it). */
  freeze(): Promise<void>;
}

function keygen(file: string, passphrase = ''): void {
  execFileSync(SSH_KEYGEN, ['-q', '-t', 'ed25519', '-a', '2', '-N', passphrase, '-C', 'airlock-test', '-f', file]);
}

async function descendantsOf(pid: number): Promise<number[]> {
  const parents = new Map<number, number[]>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/<pid>/stat is the parent pid; the command name (field 2) may hold spaces, so split after ')'.
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const found: number[] = [];
  const walk = (p: number) => {
    for (const child of parents.get(p) ?? []) {
      found.push(child);
      walk(child);
    }
  };
  walk(pid);
  return found;
}

function waitForListening(child: ChildProcess, stderr: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onData = () => {
      if (stderr().includes('Server listening on')) {
        child.stderr?.off('data', onData);
        resolve();
      }
    };
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`sshd exited (${code}): ${stderr()}`)));
  });
}

export async function startOpenSshServer(options: { permitOpen: readonly string[] }): Promise<OpenSshServer> {
  const dir = await tempFolder('airlock-sshd-');
  const hostKey = path.join(dir, 'host_ed25519');
  const keys = { plain: path.join(dir, 'user_plain'), encrypted: path.join(dir, 'user_encrypted'), passphrase: 'sshd test passphrase', unauthorized: path.join(dir, 'user_other') };
  keygen(hostKey);
  keygen(keys.plain);
  keygen(keys.encrypted, keys.passphrase);
  keygen(keys.unauthorized);
  const authorized = path.join(dir, 'authorized_keys');
  await writeFile(authorized, (await readFile(`${keys.plain}.pub`, 'utf8')) + (await readFile(`${keys.encrypted}.pub`, 'utf8')), { mode: 0o600 });
  const hostKeySha256 = execFileSync(SSH_KEYGEN, ['-lf', `${hostKey}.pub`], { encoding: 'utf8' }).split(' ')[1] ?? '';
  const port = await freePort();
  const config = path.join(dir, 'sshd_config');
  await writeFile(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey}`,
      `AuthorizedKeysFile ${authorized}`,
      `PidFile ${path.join(dir, 'sshd.pid')}`,
      'StrictModes no',
      'UsePAM no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PubkeyAuthentication yes',
      'PermitRootLogin prohibit-password',
      'AllowTcpForwarding local',
      `PermitOpen ${options.permitOpen.join(' ')}`,
      'AllowAgentForwarding no',
      'X11Forwarding no',
      'PermitTTY no',
      'ForceCommand /bin/false',
      'LogLevel INFO',
      '',
    ].join('\n'),
  );
  // Running as root, sshd insists on its privilege-separation folder (the system service's unit makes it at boot).
  if (process.getuid?.() === 0) await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
  const child = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => (stderr += chunk));
  await waitForListening(child, () => stderr);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    port,
    username: userInfo().username,
    hostKeySha256,
    dir,
    keys,
    async freeze() {
      const pid = child.pid;
      if (pid === undefined) return;
      for (const p of [pid, ...(await descendantsOf(pid))]) process.kill(p, 'SIGSTOP');
    },
    async kill() {
      const pid = child.pid;
      if (pid === undefined || child.exitCode !== null) return;
      for (const p of await descendantsOf(pid)) {
        try {
          process.kill(p, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      child.kill('SIGKILL');
      await exited;
    },
  };
}
