import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AirlockError } from '../../../../../shared/errors/airlock-error';
import { PLANTED, findLeaks, msalCacheFixture, withTempDir } from './vault-fixtures';
import { createRig } from './vault-harness';

describe('vault: tokens and keys never leak', () => {
  it('no planted token or data key in any log line, error, status, event or file byte across a full life cycle', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      const vault = rig.make('Sandbox', { idleLockMs: 60_000 });
      const events: string[] = [];
      const errors: string[] = [];
      const statuses: string[] = [];
      vault.onEvent((e) => events.push(JSON.stringify(e)));
      const capture = async (run: () => Promise<unknown>): Promise<void> => {
        try {
          await run();
        } catch (error) {
          errors.push(error instanceof AirlockError ? JSON.stringify(error.toShape()) + String(error.stack) : String(error));
        }
        statuses.push(JSON.stringify(vault.status()));
      };
      const now = rig.time.clock.now().getTime();
      await capture(() => vault.writeMsalCache(msalCacheFixture(now, 1800)));
      await capture(() => vault.putEndpointToken({ endpointId: 'ep', token: PLANTED.endpointToken, expiresAt: new Date(now + 30_000) }));
      rig.time.advance(60_000); // idle lock
      await capture(() => vault.readMsalCache()); // refused while locked
      await capture(() => vault.unlock());
      const file = vault.status().filePath;
      const bytes = await readFile(file);
      await capture(async () => {
        const copy = Buffer.from(bytes);
        copy[copy.length - 1] = (copy[copy.length - 1] ?? 0) ^ 1;
        const { writeFile } = await import('node:fs/promises');
        await writeFile(file, copy);
        return rig.make().readMsalCache(); // discarded
      });
      rig.keychain.simulate('locked');
      await capture(() => rig.make('Other').writeMsalCache(msalCacheFixture(now, 1800))); // memory-only
      await capture(() => rig.keychain.setSecret('x', PLANTED.refreshToken));
      rig.keychain.simulate(null);
      await capture(() => vault.writeMsalCache(msalCacheFixture(now, 1800)));
      await capture(() => vault.signOut());

      const keys = [...rig.keychain.entries.values()];
      const files = Object.fromEntries(
        await Promise.all((await readdir(dir)).map(async (n) => [n, await readFile(path.join(dir, n))] as const)),
      );
      const haystacks = { logs: rig.logger.lines.join('\n'), errors: errors.join('\n'), statuses: statuses.join('\n'), events: events.join('\n'), ...files };
      expect(rig.logger.lines.length).toBeGreaterThan(3);
      expect(errors.length).toBeGreaterThan(1);
      expect(findLeaks(haystacks, [...Object.values(PLANTED), ...keys])).toEqual([]);
    });
  });

  it('the file on disk holds neither planted tokens nor the data key', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      const vault = rig.make();
      await vault.writeMsalCache(msalCacheFixture(rig.time.clock.now().getTime(), 1800));
      const key = rig.keychain.entries.get('data-key:Sandbox') ?? '';
      const bytes = await readFile(vault.status().filePath);
      expect(findLeaks({ file: bytes }, [...Object.values(PLANTED), key, Buffer.from(key, 'base64').toString('latin1')])).toEqual([]);
    });
  });
});
