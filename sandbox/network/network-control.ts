// How another process flips a RUNNING sandbox's private network (preview users, e2e tests): the control
// file `<state-dir>/network-mode.json`, `{"vpn": "on"|"off", "dns": "answer"|"silent"}` (either key may be
// left out: it keeps its value). The sandbox writes it at start and after every in-process change, and
// watches it: a valid edit (in place or by rename) is applied at once and logged as `network.mode`; anything
// else is logged as `network.control.invalid` and changes nothing. `npm run sandbox -- vpn on|off` writes it.
// It reads and writes only this one file in the state dir.
import { watch, type FSWatcher } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SandboxContext } from '../context';
import type { DnsAnswers, NetworkMode, NetworkModeState, VpnState } from './network-mode';

export const NETWORK_MODE_FILE = 'network-mode.json';

export interface NetworkControl {
  readonly file: string;
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

/** Writes the control file atomically (a watcher never reads half of it). */
export async function writeNetworkControl(stateDir: string, state: { vpn?: VpnState; dns?: DnsAnswers }): Promise<string> {
  const file = path.join(stateDir, NETWORK_MODE_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(state)}\n`, { mode: 0o600 });
  await rename(temp, file);
  return file;
}

const stateOf = (mode: NetworkModeState) => ({ vpn: mode.vpn, dns: mode.dnsAnswers });

export async function watchNetworkControl(ctx: Pick<SandboxContext, 'stateDir' | 'log'>, mode: NetworkMode): Promise<NetworkControl> {
  const file = await writeNetworkControl(ctx.stateDir, stateOf(mode));
  let reading = Promise.resolve();
  let stopped = false;
  /** True while a change read from the file is applied: it must not be written back over a newer edit. */
  let applying = false;

  const apply = async () => {
    const text = await readFile(file, 'utf8').catch(() => null);
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
  const unsubscribe = mode.onChange((state) => {
    if (!stopped && !applying) void writeNetworkControl(ctx.stateDir, stateOf(state)).catch(() => undefined);
  });

  return {
    file,
    stop() {
      stopped = true;
      unsubscribe();
      watcher.close();
    },
  };
}
