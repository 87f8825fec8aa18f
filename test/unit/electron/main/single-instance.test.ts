import { describe, expect, it, vi } from 'vitest';
import { fake, FakeBrowserWindow } from '../../../support/fake-electron';

vi.mock('electron', async () => (await import('../../../support/fake-electron')).fake.module);
const { startShell } = await import('../../../../electron/main/main');

describe('second instance', () => {
  it('quits without opening a window when another Airlock holds the lock', async () => {
    fake.app.singleInstance = false;
    startShell({ preload: '/p.cjs', renderer: '/r' });
    fake.fireReady();
    await new Promise((r) => setImmediate(r));
    expect(fake.calls).toContain('app.quit');
    expect(fake.calls).not.toContain('app.whenReady');
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });
});
