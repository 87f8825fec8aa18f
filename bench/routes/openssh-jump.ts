// Debian's OpenSSH for the route benches: an sshd the bench starts on a loopback port with its own config,
// host key and authorized user key (temp folder), restartable on the SAME port (the 10k bench kills it
// mid-run and brings it back), and the real `ssh` client with the host key pinned in its own known_hosts.
// It never listens or dials anywhere but 127.0.0.1, never touches ~/.ssh, and never uses the user's agent.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';

const SSHD = '/usr/sbin/sshd';
const SSH = '/usr/bin/ssh';
const SSH_KEYGEN = '/usr/bin/ssh-keygen';

/** Why these benches cannot run here, or null. */
export const opensshMissing: string | null = [SSHD, SSH, SSH_KEYGEN].every((f) => existsSync(f)) ? null : `needs ${SSHD}, ${SSH} and ${SSH_KEYGEN} (apt-get install openssh-server openssh-client)`;

export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function descendantsOf(pid: number): Promise<number[]> {
  const parents = new Map<number, number[]>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
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

/** Resolves when `text` shows up on the child's stderr; rejects if it exits first. */
function stderrSays(child: ChildProcess, text: string, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      if (seen.includes(text)) {
        child.stderr?.off('data', onData);
        child.off('exit', onExit);
        resolve();
      }
    };
    const onExit = (code: number | null) => reject(new Error(`${what} exited (${code}) before "${text}": ${seen.slice(-800)}`));
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

async function killTree(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // sshd's per-connection children call setsid: a process group would miss them.
  for (const p of await descendantsOf(pid)) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  child.kill('SIGKILL');
  await exited;
}

/** The real ssh client to a loopback SSH server whose key is pinned in `knownHosts`: `-N -v` plus `args`, resolved when stderr says `readyText`. */
export async function spawnSsh(
  server: { port: number; username: string; userKey: string; knownHosts: string },
  args: readonly string[],
  readyText: string,
): Promise<{ child: ChildProcess; stop: () => Promise<void> }> {
  const env = { ...process.env };
  delete env['SSH_AUTH_SOCK'];
  const sshArgs = [
    '-F', '/dev/null', '-v', '-N',
    '-o', 'BatchMode=yes', '-o', `UserKnownHostsFile=${server.knownHosts}`, '-o', 'GlobalKnownHostsFile=/dev/null',
    '-o', 'StrictHostKeyChecking=yes', '-o', 'IdentitiesOnly=yes', '-o', 'ExitOnForwardFailure=yes', '-i', server.userKey,
    '-p', String(server.port), ...args, `${server.username}@127.0.0.1`,
  ];
  const ssh = spawn(SSH, sshArgs, { stdio: ['ignore', 'ignore', 'pipe'], env });
  await stderrSays(ssh, readyText, 'ssh');
  ssh.stderr?.resume();
  return { child: ssh, stop: () => killTree(ssh) };
}

export interface BenchSshd {
  readonly port: number;
  readonly username: string;
  readonly hostKeySha256: string;
  readonly userKey: string;
  readonly knownHosts: string;
  /** SIGKILL to sshd and every session process: the jump host dies. */
  kill(): Promise<void>;
  /** Starts sshd again on the same port. */
  start(): Promise<void>;
  /** The real ssh client with this server's key pinned: `-N` plus `args`, up when stderr says `readyText` (needs -v). */
  ssh(args: readonly string[], readyText: string): Promise<{ child: ChildProcess; stop: () => Promise<void> }>;
}

export async function startBenchSshd(options: { permitOpen: readonly string[] }): Promise<BenchSshd> {
  if (opensshMissing) throw new Error(opensshMissing);
  const dir = await mkdtemp(path.join(tmpdir(), 'airlock-bench-sshd-'));
  const hostKey = path.join(dir, 'host_ed25519');
  const userKey = path.join(dir, 'user_ed25519');
  for (const file of [hostKey, userKey]) execFileSync(SSH_KEYGEN, ['-q', '-t', 'ed25519', '-N', '', '-C', 'airlock-bench', '-f', file]);
  const authorized = path.join(dir, 'authorized_keys');
  await writeFile(authorized, await readFile(`${userKey}.pub`, 'utf8'), { mode: 0o600 });
  const hostKeySha256 = execFileSync(SSH_KEYGEN, ['-lf', `${hostKey}.pub`], { encoding: 'utf8' }).split(' ')[1] ?? '';
  const port = await freeLoopbackPort();
  const knownHosts = path.join(dir, 'known_hosts');
  await writeFile(knownHosts, `[127.0.0.1]:${port} ${(await readFile(`${hostKey}.pub`, 'utf8')).split(' ').slice(0, 2).join(' ')}\n`);
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
      'MaxStartups 100:30:200',
      'LogLevel ERROR',
      '',
    ].join('\n'),
  );
  if (process.getuid?.() === 0) await mkdir('/run/sshd', { recursive: true, mode: 0o755 });

  let child: ChildProcess | null = null;
  const start = async () => {
    const next = spawn(SSHD, ['-D', '-e', '-o', 'LogLevel=INFO', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    await stderrSays(next, 'Server listening on', 'sshd');
    next.stderr?.resume();
    child = next;
  };
  await start();
  return {
    port,
    username: userInfo().username,
    hostKeySha256,
    userKey,
    knownHosts,
    start,
    async kill() {
      if (child) await killTree(child);
      child = null;
    },
    ssh: (args, readyText) => spawnSsh({ port, username: userInfo().username, userKey, knownHosts }, args, readyText),
  };
}
