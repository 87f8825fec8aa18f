// main wires the bounded dispose to the app's quit: quitting (window closed, menu, OS) holds the quit until
// airlock.dispose() settles — so the Bastion tunnel's DELETE and every route close are sent — then quits.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Airlock } from '../../../../electron/services';
import { fake, fakeEvent, FakeBrowserWindow } from '../../../support/fake-electron';

vi.mock('electron', async () => (await import('../../../support/fake-electron')).fake.module);
const made: Airlock[] = [];
let finishDispose: (() => void) | null = null;
vi.mock('../../../../electron/services', async (importOriginal) => {
  const services = await importOriginal<typeof import('../../../../electron/services')>();
  return {
    ...services,
    createAirlock: (...args: Parameters<typeof services.createAirlock>) => {
      const airlock = services.createAirlock(...args);
      const dispose = airlock.dispose.bind(airlock);
      // Disposal that takes as long as the test says: the quit must wait for it.
      airlock.dispose = () => dispose().then(() => new Promise<void>((resolve) => (finishDispose = resolve)));
      made.push(airlock);
      return airlock;
    },
  };
});
const { startShell } = await import('../../../../electron/main/main');

beforeAll(async () => {
  const renderer = await mkdtemp(path.join(tmpdir(), 'airlock-shell-quit-'));
  await writeFile(path.join(renderer, 'index.html'), '<p>Airlock</p>');
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  startShell({ preload: '/opt/airlock/preload.cjs', renderer });
  fake.fireReady();
  await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1));
});

describe('quit waits for dispose (fake electron)', () => {
  it('holds the quit until airlock.dispose() settles, then quits', async () => {
    expect(made).toHaveLength(1);
    const quitsBefore = fake.calls.filter((c) => c === 'app.quit').length;
    const event = fakeEvent();
    fake.app.emit('before-quit', event);
    expect(event.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(finishDispose).not.toBeNull(), { timeout: 15_000 }); // the real dispose ran; ours is still open
    expect(fake.calls.filter((c) => c === 'app.quit').length).toBe(quitsBefore);
    finishDispose!();
    await vi.waitFor(() => expect(fake.calls.filter((c) => c === 'app.quit').length).toBe(quitsBefore + 1));
    const again = fakeEvent();
    fake.app.emit('before-quit', again);
    expect(again.defaultPrevented).toBe(false);
  });
});
