// Starts a private D-Bus session bus and, on it, an unlocked gnome-keyring (the real Secret Service), for the
// test process only: own HOME and XDG_RUNTIME_DIR in a temp folder, a bus config without service folders (so
// nothing auto-starts), the keyring password on stdin. identity.md §15. stop() ends only what it started.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PrivateBus {
  readonly address: string;
  readonly env: NodeJS.ProcessEnv;
  /** Starts gnome-keyring-daemon (secrets component) unlocked with a throwaway password. */
  startKeyring(): Promise<void>;
  /** Locks the login collection through the Secret Service's own D-Bus API. */
  lockKeyring(): Promise<void>;
  stop(): Promise<void>;
}

/** Why keytar cannot be used in this process, or null when it loads. */
export async function keytarMissing(): Promise<string | null> {
  try {
    await import('keytar');
    return null;
  } catch {
    return 'the keytar native module is not built (apt-get install libsecret-1-dev, then npm ci)';
  }
}

/** Why this machine cannot run the real Secret Service, or null when it can. */
export async function secretServiceMissing(): Promise<string | null> {
  for (const tool of ['dbus-daemon', 'dbus-send', 'gnome-keyring-daemon']) {
    try {
      await run('sh', ['-c', `command -v ${tool}`]);
    } catch {
      return `${tool} is not installed (apt-get install dbus gnome-keyring)`;
    }
  }
  return keytarMissing();
}

function busConfig(socketDir: string): string {
  return `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=${socketDir}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`;
}

export async function startPrivateBus(): Promise<PrivateBus> {
  const root = await mkdtemp(path.join(tmpdir(), 'airlock-secret-service-'));
  const home = path.join(root, 'home');
  const runtime = path.join(root, 'run');
  await mkdir(home, { mode: 0o700 });
  await mkdir(runtime, { mode: 0o700 });
  const config = path.join(root, 'bus.conf');
  await writeFile(config, busConfig(runtime));

  // --nofork: the bus is our child, so stop() can end it and Node reaps it (no stray daemon, no zombie).
  const daemon = spawn('dbus-daemon', [`--config-file=${config}`, '--nofork', '--print-address=1', '--nopidfile'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const address = await new Promise<string>((resolve, reject) => {
    let text = '';
    daemon.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (text.includes('\n')) resolve(text.split('\n')[0] ?? '');
    });
    daemon.once('exit', (code) => reject(new Error(`dbus-daemon exited with code ${String(code)} before printing an address`)));
    daemon.once('error', reject);
  });
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_RUNTIME_DIR: runtime, DBUS_SESSION_BUS_ADDRESS: address };
  let keyring: ChildProcess | null = null;

  const secretsOwned = async (): Promise<boolean> => {
    const { stdout: reply } = await run(
      'dbus-send',
      ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', 'string:org.freedesktop.secrets'],
      { env },
    );
    return reply.includes('boolean true');
  };

  return {
    address,
    env,
    async startKeyring() {
      const child = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], { env, stdio: ['pipe', 'ignore', 'ignore'] });
      keyring = child;
      child.stdin.end('airlock-test-keyring-password');
      for (let attempt = 0; attempt < 100; attempt += 1) {
        if (child.exitCode !== null) throw new Error(`gnome-keyring-daemon exited with code ${child.exitCode}`);
        if (await secretsOwned()) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('gnome-keyring-daemon did not claim org.freedesktop.secrets within 5 s');
    },
    async lockKeyring() {
      await run(
        'dbus-send',
        ['--session', '--print-reply', '--dest=org.freedesktop.secrets', '/org/freedesktop/secrets', 'org.freedesktop.Secret.Service.Lock', 'array:objpath:/org/freedesktop/secrets/collection/login'],
        { env },
      );
    },
    async stop() {
      for (const child of [keyring, daemon]) {
        if (child === null || child.exitCode !== null || child.signalCode !== null) continue;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(root, { recursive: true, force: true });
    },
  };
}
