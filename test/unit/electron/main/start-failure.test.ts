import { describe, expect, it, vi } from 'vitest';
import { fake } from '../../../support/fake-electron';

vi.mock('electron', async () => (await import('../../../support/fake-electron')).fake.module);
const { startShell } = await import('../../../../electron/main/main');

describe('a failure while starting', () => {
  it('tells the user in plain words and exits instead of hanging on to the single-instance lock', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    fake.protocol.handle = () => {
      throw new Error('disk on fire /home/alice/secret-path');
    };
    startShell({ preload: '/p.cjs', renderer: '/r' });
    fake.fireReady();
    await vi.waitFor(() => expect(fake.calls).toContain('app.exit:1'));
    expect(fake.errorBoxes).toEqual([
      { title: 'Airlock could not start', content: expect.stringMatching(/^Airlock stopped while starting\./) as unknown },
    ]);
    const logged = stderr.mock.calls.map((c) => String(c[0])).join('');
    expect(logged).toContain('"event":"shell.start_failed"');
    expect(logged).not.toContain('secret-path');
  });
});
