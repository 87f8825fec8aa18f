// The idle lock can change while a vault is open (the admin policy's idleLockMinutes, applied live): a shorter
// lock counts the time already idle, a longer one lets the vault stay open. Fake time only.
import { describe, expect, it } from 'vitest';
import { AirlockError } from '../../../../../shared/errors/airlock-error';
import { withTempDir } from './vault-fixtures';
import { createRig } from './vault-harness';

const MIN = 60_000;

describe('vault idle lock changed while open', () => {
  it('a shorter lock applies at once, counting the time already idle', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      const vault = rig.make('Sandbox', { idleLockMs: 60 * MIN });
      await vault.writeMsalCache('{"cache":1}');
      rig.time.advance(10 * MIN);
      vault.setIdleLockMs(15 * MIN);
      rig.time.advance(4 * MIN);
      expect(vault.status()).toMatchObject({ locked: false });
      rig.time.advance(1 * MIN);
      expect(vault.status()).toMatchObject({ locked: true, lastEvent: { kind: 'locked', reason: 'idle' } });

      await vault.unlock();
      rig.time.advance(20 * MIN);
      vault.setIdleLockMs(5 * MIN); // already idle longer than the new lock
      rig.time.advance(0);
      expect(vault.status()).toMatchObject({ locked: true });
    });
  });

  it('a longer lock keeps an open vault open until the new limit', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      const vault = rig.make('Sandbox', { idleLockMs: 5 * MIN });
      await vault.writeMsalCache('{"cache":1}');
      rig.time.advance(3 * MIN);
      vault.setIdleLockMs(30 * MIN);
      rig.time.advance(26 * MIN);
      expect(vault.status()).toMatchObject({ locked: false });
      expect(await vault.readMsalCache()).toBe('{"cache":1}');
      rig.time.advance(30 * MIN);
      expect(vault.status()).toMatchObject({ locked: true });
    });
  });

  it('a lock set while the vault is locked applies from its next use; a bad value is refused', async () => {
    await withTempDir(async (dir) => {
      const rig = createRig(dir);
      const vault = rig.make('Sandbox', { idleLockMs: 60 * MIN });
      vault.setIdleLockMs(2 * MIN);
      expect(rig.time.pendingTasks()).toBe(0); // nothing to lock yet
      await vault.writeMsalCache('{"cache":1}');
      rig.time.advance(2 * MIN);
      expect(vault.status()).toMatchObject({ locked: true });
      expect(() => vault.setIdleLockMs(0)).toThrow(AirlockError);
      expect(() => vault.setIdleLockMs(Number.NaN)).toThrow(AirlockError);
    });
  });
});
