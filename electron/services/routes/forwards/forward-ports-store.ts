// Where the last local port per forward target is remembered, so a user's notebook or script keeps working with
// the same 127.0.0.1:PORT next session (Teleport Connect does the same for its gateways). One small JSON file
// ({version, ports: {"host:port": PORT}}) under a folder main gives (the user's data folder), written whole
// through a temp file and rename, mode 0600. It holds host names and port numbers only. A damaged file reads as
// "nothing remembered": the next forward just gets a free port.
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const FORWARD_PORTS_FILE = 'forward-ports.json';

export interface ForwardPortsStore {
  /** The port last used for `host:port` (host compared case-insensitively), or null. */
  get(target: string): Promise<number | null>;
  remember(target: string, port: number): Promise<void>;
}

interface ForwardPortsFile {
  readonly version: 1;
  readonly ports: Record<string, number>;
}

const keyOf = (target: string) => target.toLowerCase();
const isPort = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 65535;

async function readPorts(file: string): Promise<Record<string, number>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return {};
  }
  try {
    const parsed = JSON.parse(text) as Partial<ForwardPortsFile>;
    if (parsed.version !== 1 || typeof parsed.ports !== 'object' || parsed.ports === null) return {};
    const ports: Record<string, number> = {};
    for (const [target, port] of Object.entries(parsed.ports)) if (isPort(port)) ports[target] = port;
    return ports;
  } catch {
    return {};
  }
}

export function createForwardPortsStore(dir: string): ForwardPortsStore {
  const file = path.join(dir, FORWARD_PORTS_FILE);
  // One write at a time, so two forwards opened together cannot lose each other's entry.
  let writing: Promise<void> = Promise.resolve();
  let temps = 0;
  return {
    async get(target) {
      return (await readPorts(file))[keyOf(target)] ?? null;
    },
    remember(target, port) {
      if (!isPort(port)) return Promise.reject(new Error('not a TCP port'));
      const next = writing.then(async () => {
        const body: ForwardPortsFile = { version: 1, ports: { ...(await readPorts(file)), [keyOf(target)]: port } };
        await mkdir(dir, { recursive: true });
        temps += 1;
        const temp = `${file}.${process.pid}.${temps}.tmp`;
        await writeFile(temp, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
        await chmod(temp, 0o600);
        await rename(temp, file);
      });
      writing = next.catch(() => undefined);
      return next;
    },
  };
}
