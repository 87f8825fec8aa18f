// How another process flips a RUNNING sandbox's private network (preview users, e2e tests): the control
// file `<state-dir>/network-mode.json`, `{"vpn": "on"|"off", "dns": "answer"|"silent"}` (either key may be
// left out: it keeps its value). The sandbox writes it at start and after every in-process change, and
// watches it: a valid edit (in place or by rename) is applied at once and logged as `network.mode`; anything
// else is logged as `network.control.invalid` and changes nothing. `npm run sandbox -- vpn on|off` writes it.
// It reads and writes only this one file in the state dir.
import { watch, type FSWatcher } from 'node:fs';
import { open, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SandboxContext } from '../context';
import type { DnsAnswers, NetworkMode, NetworkModeState, VpnState } from './network-mode';

export const NETWORK_MODE_FILE = 'network-mode.json';

export interface NetworkControl {
  readonly file: string;
  /** Resolves once the file tells the mode of every in-process change made so far (tests). */
  settled(): Promise<void>;
  stop(): void;
}

type Parsed = { ok: true; vpn?: VpnState; dns?: DnsAnswers } | { ok: false; reason: string };

/** Reads the control file's text: known keys with known values only. */
export function parseNetworkControl(text: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'not an object' };
  const record = value as Record<string, unknown>;
  const unknownKey = Object.keys(record).find((k) => k !== 'vpn' && k !== 'dns');
  if (unknownKey !== undefined) return { ok: false, reason: `unknown key ${unknownKey.slice(0, 32)}` };
  const { vpn, dns } = record;
  if (vpn !== undefined && vpn !== 'on' && vpn !== 'off') return { ok: false, reason: 'vpn must be "on" or "off"' };
  if (dns !== undefined && dns !== 'answer' && dns !== 'silent') return { ok: false, reason: 'dns must be "answer" or "silent"' };
  return { ok: true, ...(vpn ? { vpn } : {}), ...(dns ? { dns } : {}) };
}

let tempCount = 0;
/** Which version of the file this is: a write by rename is a new inode, an edit in place a new mtime or size. */
const versionOf = (s: { ino: number; size: number; mtimeMs: number }) => `${s.ino}:${s.size}:${s.mtimeMs}`;

/**
 * Writes the control file atomically (a watcher never reads half of it); each write its own temp file.
 * `beforeRename` sees the new file's version (its inode survives the rename) before any watcher can.
 */
export async function writeNetworkControl(
  stateDir: string,
  state: { vpn?: VpnState; dns?: DnsAnswers },
  beforeRename?: (version: string) => void,
): Promise<string> {
  const file = path.join(stateDir, NETWORK_MODE_FILE);
  const temp = `${file}.${process.pid}.${++tempCount}.tmp`;
  await writeFile(temp, `${JSON.stringify(state)}\n`, { mode: 0o600 });
  beforeRename?.(versionOf(await stat(temp)));
  await rename(temp, file);
  return file;
}

const stateOf = (mode: NetworkModeState) => ({ vpn: mode.vpn, dns: mode.dnsAnswers });

export async function watchNetworkControl(ctx: Pick<SandboxContext, 'stateDir' | 'log'>, mode: NetworkMode): Promise<NetworkControl> {
  // The sandbox's own writes (at start, after in-process changes) tell the mode; they are never applied back:
  // the watcher may read one after a newer in-process change, and applying it would undo that change.
  const ownVersions = new Set<string>();
  const writeOwn = () =>
    // The mode as it is now, not as it was when the change was made.
    writeNetworkControl(ctx.stateDir, stateOf(mode), (version) => {
      ownVersions.add(version);
      if (ownVersions.size > 64) ownVersions.delete(ownVersions.values().next().value ?? version);
    });
  const file = await writeOwn();
  let writing = Promise.resolve();
  let reading = Promise.resolve();
  let stopped = false;
  /** True while a change read from the file is applied: it must not be written back over a newer edit. */
  let applying = false;

  const apply = async () => {
    // One open file: its version and its text belong together even if a rename lands meanwhile.
    const text = await open(file, 'r')
      .then(async (handle) => {
        try {
          return ownVersions.has(versionOf(await handle.stat())) ? null : await handle.readFile('utf8');
        } finally {
          await handle.close();
        }
      })
      .catch(() => null);
    // Missing (mid-rename) or empty (truncated before the write lands): the next event brings the content.
    if (stopped || text === null || text.trim() === '') return;
    const parsed = parseNetworkControl(text);
    if (!parsed.ok) {
      ctx.log('network.control.invalid', { reason: parsed.reason });
      return;
    }
    const before = stateOf(mode);
    applying = true;
    try {
      if (parsed.vpn) mode.setVpn(parsed.vpn);
      if (parsed.dns) mode.setDnsAnswers(parsed.dns);
    } finally {
      applying = false;
    }
    const after = stateOf(mode);
    if (after.vpn !== before.vpn || after.dns !== before.dns) ctx.log('network.mode', after);
  };

  // The directory, not the file: an edit by rename replaces the file's inode, which a file watch would lose.
  const watcher: FSWatcher = watch(ctx.stateDir, { persistent: false }, (_event, name) => {
    if (name !== NETWORK_MODE_FILE) return;
    reading = reading.then(apply, apply);
  });
  watcher.on('error', (error) => ctx.log('network.control.error', { error: error.name }));

  // In-process changes (tests) show in the file too, so it tells the current mode.
  // Writes one at a time, so an older one never lands after a newer one; changes made while one is being
  // written share the next write (each writes the mode as it is then).
  let queued = false;
  const unsubscribe = mode.onChange(() => {
    if (stopped || applying || queued) return;
    queued = true;
    writing = writing
      .then(() => {
        queued = false;
        return stopped ? undefined : writeOwn().then(() => undefined);
      })
      .catch(() => undefined);
  });

  return {
    file,
    settled: () => writing,
    stop() {
      stopped = true;
      unsubscribe();
      watcher.close();
    },
  };
}
