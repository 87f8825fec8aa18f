// Flipping a running sandbox's private network from another process: the control file
// `<state-dir>/network-mode.json` that the sandbox writes at start and watches. A valid edit changes the
// mode (VPN on/off, a silent resolver); a broken one is logged and changes nothing.
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NETWORK_MODE_FILE, watchNetworkControl, type NetworkControl } from '../../../../sandbox/network/network-control';
import { createNetworkMode, type NetworkMode } from '../../../../sandbox/network/network-mode';
import { createTestContext, type TestContext } from '../../../support/sandbox/test-context';

let ctx: TestContext;
let mode: NetworkMode;
let control: NetworkControl;

beforeEach(async () => {
  ctx = await createTestContext();
  mode = createNetworkMode({ vpn: 'off' });
  control = await watchNetworkControl(ctx, mode);
});

afterEach(() => control.stop());

const file = () => path.join(ctx.stateDir, NETWORK_MODE_FILE);

describe('network control file', () => {
  it('is written at start with the current mode', async () => {
    expect(JSON.parse(await readFile(file(), 'utf8'))).toEqual({ vpn: 'off', dns: 'answer' });
  });

  it('applies an edit in place or by rename', async () => {
    await writeFile(file(), '{"vpn":"on"}\n');
    await vi.waitFor(() => expect(mode.vpn).toBe('on'), { timeout: 10_000 });
    await writeFile(`${file()}.tmp`, JSON.stringify({ vpn: 'off', dns: 'silent' }));
    await rename(`${file()}.tmp`, file());
    await vi.waitFor(() => expect([mode.vpn, mode.dnsAnswers]).toEqual(['off', 'silent']), { timeout: 10_000 });
    await writeFile(file(), '{"dns":"answer"}');
    await vi.waitFor(() => expect([mode.vpn, mode.dnsAnswers]).toEqual(['off', 'answer']), { timeout: 10_000 });
    expect(ctx.events.filter((e) => e.event === 'network.mode').map((e) => e.fields)).toEqual([
      { vpn: 'on', dns: 'answer' },
      { vpn: 'off', dns: 'silent' },
      { vpn: 'off', dns: 'answer' },
    ]);
  });

  it('ignores a broken file and keeps the mode', async () => {
    for (const text of ['{"vpn":"maybe"}', 'not json', '{"vpn":"on","extra":1}', '[]']) {
      await writeFile(file(), text);
      await vi.waitFor(() => expect(ctx.events.filter((e) => e.event === 'network.control.invalid').length).toBeGreaterThan(0), { timeout: 10_000 });
      ctx.events.length = 0;
    }
    expect(mode.vpn).toBe('off');
    await writeFile(file(), '{"vpn":"on"}');
    await vi.waitFor(() => expect(mode.vpn).toBe('on'), { timeout: 10_000 });
  });
});

describe('in-process changes and the control file', () => {
  it('quick in-process flips end in the last one: the watcher never applies the sandbox’s own older write back', async () => {
    // Tests flip the mode in process; each change is written to the file in the background and the watcher
    // sees those writes. An older write read back after a newer change must not undo it.
    for (let i = 0; i < 40; i++) {
      mode.setVpn(i % 2 === 0 ? 'on' : 'off');
      // Flips at every pace: back to back, after a turn of the event loop, after a watcher event could land.
      if (i % 3 === 1) await new Promise((resolve) => setImmediate(resolve));
      if (i % 5 === 2) await new Promise((resolve) => setTimeout(resolve, i % 7));
    }
    mode.setVpn('on');
    await control.settled();
    expect(JSON.parse(await readFile(file(), 'utf8'))).toEqual({ vpn: 'on', dns: 'answer' });
    // Let every watcher event of those writes be handled: an outside edit of the other key comes after them all.
    await writeFile(file(), '{"dns":"silent"}');
    await vi.waitFor(() => expect(mode.dnsAnswers).toBe('silent'), { timeout: 10_000 });
    expect(mode.vpn).toBe('on');
    expect(ctx.events.filter((e) => e.event === 'network.mode').map((e) => e.fields)).toEqual([{ vpn: 'on', dns: 'silent' }]);
  });
});
