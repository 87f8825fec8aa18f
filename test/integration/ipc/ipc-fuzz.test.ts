// Throws at least 1,000 hostile payloads at every channel through the Electron binding (fake electron,
// real gateway and services), plus foreign frames and unknown channel names: every one must come back as
// the typed error, the process must stay up, nothing may reject unhandled, and nothing may be polluted.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bindIpc } from '../../../electron/main/ipc-binding';
import { APP_ORIGIN } from '../../../electron/services';
import { CHANNELS } from '../../../shared/contract/channels';
import { contract } from '../../../shared/contract/contract';
import { isErrorShape } from '../../../shared/errors/airlock-error';
import { FakeFrame, FakeWebContents } from '../../support/fake-electron';
import { hostileChannel, hostilePayload, PLANTED, seededRandom } from '../../support/fuzz-payloads';
import { capturingLogger, testAirlock } from '../../support/test-airlock';

vi.mock('electron', () => ({}));

const PER_CHANNEL = 1_000;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);

function setup() {
  const logger = capturingLogger();
  const airlock = testAirlock({ logger });
  const gateway = airlock.gateway('electron', APP_ORIGIN);
  const contents = new FakeWebContents();
  bindIpc(contents as never, gateway);
  return { contents, gateway, logger };
}

function expectTypedRejection(result: unknown, codes: readonly string[]): void {
  const r = result as { ok: boolean; error: unknown };
  expect(r.ok).toBe(false);
  expect(isErrorShape(r.error)).toBe(true);
  expect(codes).toContain((r.error as { code: string }).code);
  const text = JSON.stringify(r.error);
  expect(text).not.toContain(PLANTED);
  expect(text).not.toMatch(/\bat .+:\d+:\d+/); // no stack frames
}

beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
});

describe('IPC fuzz', () => {
  it.each(CHANNELS)(`%s: ${PER_CHANNEL}+ malformed payloads from our own frame → E_BAD_REQUEST`, async (channel) => {
    const { contents, logger } = setup();
    const random = seededRandom(0xa1c0 + channel.length);
    let sent = 0;
    for (let i = 0; sent < PER_CHANNEL && i < PER_CHANNEL * 3; i++) {
      const payload = hostilePayload(random, i);
      if (payload === undefined) continue;
      // A payload the channel's schema accepts is not malformed for it (audit.list takes {}: every field optional).
      if (contract[channel].input.safeParse(payload).success) continue;
      expectTypedRejection(await contents.ipc.invoke(channel, contents.mainFrame, payload), ['E_BAD_REQUEST']);
      sent++;
    }
    expect(sent).toBeGreaterThanOrEqual(PER_CHANNEL);
    expect(JSON.stringify(logger.entries)).not.toContain(PLANTED);
    // Still serving after the storm.
    expect(await contents.ipc.invoke('app.health', contents.mainFrame, undefined)).toMatchObject({ ok: true });
  });

  it.each(CHANNELS)('%s: calls from foreign, sub- and dead frames → E_FORBIDDEN_SENDER, valid or not', async (channel) => {
    const { contents } = setup();
    const random = seededRandom(0xf00d);
    const frames = [
      null,
      new FakeFrame('app://bundle/index.html'), // a subframe, even on our own origin
      new FakeFrame('https://evil.example/'),
      new FakeFrame('file:///etc/passwd'),
      new FakeFrame('app://bundle.evil/index.html'),
      new FakeFrame('devtools://devtools/bundled/inspector.html'),
      new FakeFrame('about:blank'),
      new FakeFrame(''),
    ];
    for (let i = 0; i < PER_CHANNEL; i++) {
      const payload = i % 4 === 0 ? undefined : hostilePayload(random, i);
      expectTypedRejection(await contents.ipc.invoke(channel, frames[i % frames.length]!, payload), ['E_FORBIDDEN_SENDER']);
    }
  });

  it(`${PER_CHANNEL * 2} unknown or malformed channel names → E_UNKNOWN_CHANNEL (gateway) or no handler (Electron)`, async () => {
    const { contents, gateway } = setup();
    const random = seededRandom(0xbeef);
    for (let i = 0; i < PER_CHANNEL * 2; i++) {
      const channel = hostileChannel(random, i);
      const result = await gateway.call(channel, hostilePayload(random, i), { url: 'app://bundle/index.html', isMainFrame: true });
      expectTypedRejection(result, ['E_UNKNOWN_CHANNEL']);
      if (typeof channel === 'string' && !(CHANNELS as readonly string[]).includes(channel)) {
        // In Electron only contract channels have handlers; the preload cannot name any other.
        await expect(contents.ipc.invoke(channel, contents.mainFrame, undefined)).rejects.toThrow(/No handler registered/);
      }
    }
  });

  it('left no unhandled rejection and no polluted prototype behind', async () => {
    await new Promise((resolve) => setImmediate(resolve));
    expect(unhandled).toEqual([]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});
