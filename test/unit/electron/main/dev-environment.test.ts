import { describe, expect, it, vi } from 'vitest';
import { fake, FakeBrowserWindow } from '../../../support/fake-electron';
import { sandboxLikeEnvironment, writeEnvironmentFixture } from '../../../support/environments/environment-fixture';

vi.mock('electron', async () => (await import('../../../support/fake-electron')).fake.module);
const { startShell } = await import('../../../../electron/main/main');

describe('development environment from npm start', () => {
  it('offers the sandbox environment file as the default in development builds', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    process.env['AIRLOCK_DEV_ENVIRONMENT_FILE'] = await writeEnvironmentFixture(sandboxLikeEnvironment());
    try {
      startShell({ preload: '/p.cjs', renderer: '/r' });
      fake.fireReady();
      await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1));
      const win = FakeBrowserWindow.instances[0]!;
      const info = (await win.webContents.ipc.invoke('app.info', win.webContents.mainFrame, undefined)) as { value: { defaultEnvironmentId: string; environments: Array<{ id: string }> } };
      expect(info.value.defaultEnvironmentId).toBe('Sandbox');
      expect(info.value.environments.map((e) => e.id)).toContain('Sandbox');
    } finally {
      delete process.env['AIRLOCK_DEV_ENVIRONMENT_FILE'];
    }
  });
});
