// Where the last local port per forward target is remembered, so a user's notebook or script keeps working with
// the same 127.0.0.1:PORT next session (Teleport Connect does the same for its gateways). One small JSON file
// ({version, ports: {"host:port": PORT}}) under a folder main gives (the user's data folder), written whole
// through a temp file and rename, mode 0600. It holds host names and port numbers only. A damaged file reads as
// "nothing remembered": the next forward just gets a free port.
import { createRememberedMap } from '../remembered-map';

export const FORWARD_PORTS_FILE = 'forward-ports.json';

export interface ForwardPortsStore {
  /** The port last used for `host:port` (host compared case-insensitively), or null. */
  get(target: string): Promise<number | null>;
  remember(target: string, port: number): Promise<void>;
}

const keyOf = (target: string) => target.toLowerCase();
const isPort = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 65535;

export function createForwardPortsStore(dir: string): ForwardPortsStore {
  const ports = createRememberedMap(dir, FORWARD_PORTS_FILE, 'ports', isPort);
  return {
    async get(target) {
      return (await ports.read())[keyOf(target)] ?? null;
    },
    remember(target, port) {
      if (!isPort(port)) return Promise.reject(new Error('not a TCP port'));
      return ports.set(keyOf(target), port);
    },
  };
}
