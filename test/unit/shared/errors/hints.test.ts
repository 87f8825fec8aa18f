// Every hint that names a feature points at one that exists in this version: the default words of each code
// and every hint a service writes. Features this version does not have (an audit folder, environment settings
// a user can open, details the screen does not show) are never named. Private routes (VPN, jump host, Bastion)
// exist since the Connections screen: a hint that sends the user there must name a screen that is there.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../../shared/contract/channels';
import { ERROR_CODES, ERROR_DEFAULTS } from '../../../../shared/errors/codes';
import { ROOT } from '../../../../scripts/build';

const MISSING_FEATURES = /audit folder|named in the details|environment settings|from settings\b/i;

async function serviceHints(): Promise<Array<[string, string]>> {
  const dir = path.join(ROOT, 'electron');
  const files = (await readdir(dir, { recursive: true })).filter((f) => /\.tsx?$/.test(f)).map((f) => path.join(dir, f));
  const hints: Array<[string, string]> = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    for (const m of text.matchAll(/\bhint:\s*(['"`])((?:(?!\1).)*)\1/g)) hints.push([path.relative(ROOT, file), m[2]!]);
  }
  return hints;
}

describe('hints name only what exists', () => {
  it('a hint that sends the user to Connections names a screen that exists', async () => {
    const sections = await readFile(path.join(ROOT, 'renderer/app/sections.ts'), 'utf8');
    const naming = [...ERROR_CODES.map((c) => ERROR_DEFAULTS[c].hint ?? ''), ...(await serviceHints()).map(([, h]) => h)].filter((h) => /\bConnections\b/.test(h));
    expect(naming.length).toBeGreaterThan(0);
    expect(sections).toMatch(/['"]connections['"]/);
  });

  it.each(ERROR_CODES)('%s: the default hint names no missing feature', (code) => {
    expect(ERROR_DEFAULTS[code].hint ?? '').not.toMatch(MISSING_FEATURES);
  });

  it('E_INTERNAL sends people to Settings → Export diagnostics, which exists', () => {
    expect(ERROR_DEFAULTS.E_INTERNAL.hint).toContain('Settings → Export diagnostics');
    expect(CHANNELS).toContain('app.exportDiagnostics');
  });

  it("no service's hint names a missing feature", async () => {
    const hints = await serviceHints();
    expect(hints.length).toBeGreaterThan(10);
    expect(hints.filter(([, hint]) => MISSING_FEATURES.test(hint))).toEqual([]);
  });
});
