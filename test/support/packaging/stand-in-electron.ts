// A stand-in Electron dist for packaging offline (no Electron binary can be downloaded here): laid out like
// electron-v<ver>-linux-x64.zip unpacked, with an ELF executable (a copy of /bin/true) that carries Electron's
// fuse wire, so electron-builder's afterPack hook can flip fuses and @electron/fuses can read them back.
// Nothing else in it is real: it is only ever packaged and inspected, never run as Electron.
import { copyFileSync, mkdirSync, writeFileSync, chmodSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** @electron/fuses' sentinel; the wire follows it: version byte, length byte, one ASCII '0'/'1' per fuse. */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Fuse wire version 1 (a byte, not the character '1'). */
const WIRE_VERSION = 1;
/** Electron 45's nine fuses at their defaults (index 0 RunAsNode … 8 WasmTrapHandlers). */
export const ELECTRON_45_DEFAULT_WIRE = '101100011';

export interface StandInOptions {
  readonly electronVersion: string;
  /** '0'/'1' per fuse; a longer wire stands for a future Electron with a fuse the config does not name. */
  readonly wire?: string;
}

/** The executable bytes: a real ELF (so tools that sniff binaries treat it as one) plus the fuse wire. */
export function standInExecutable(wire: string): Buffer {
  if (!/^[01]+$/.test(wire) || wire.length > 255) throw new Error(`bad fuse wire: ${wire}`);
  return Buffer.concat([readFileSync('/bin/true'), Buffer.from(FUSE_SENTINEL, 'ascii'), Buffer.from([WIRE_VERSION, wire.length]), Buffer.from(wire, 'ascii')]);
}

/** Writes the dist into `dir` (created). No resources/default_app.asar: a fake one breaks asar-integrity hashing. */
export function makeStandInElectronDist(dir: string, options: StandInOptions): string {
  mkdirSync(path.join(dir, 'resources'), { recursive: true });
  writeFileSync(path.join(dir, 'electron'), standInExecutable(options.wire ?? ELECTRON_45_DEFAULT_WIRE));
  chmodSync(path.join(dir, 'electron'), 0o755);
  // The setuid sandbox helper every Linux Electron dist has; the .deb must keep it setuid root.
  copyFileSync('/bin/true', path.join(dir, 'chrome-sandbox'));
  chmodSync(path.join(dir, 'chrome-sandbox'), 0o755);
  // electron-installer-debian reads `version` (Electron's) and moves LICENSE to /usr/share/doc/<name>/copyright.
  writeFileSync(path.join(dir, 'version'), `${options.electronVersion}\n`);
  writeFileSync(path.join(dir, 'LICENSE'), 'Stand-in for Electron\'s MIT LICENSE (offline packaging test).\n');
  writeFileSync(path.join(dir, 'LICENSES.chromium.html'), '<!doctype html><title>stand-in</title>\n');
  return dir;
}
