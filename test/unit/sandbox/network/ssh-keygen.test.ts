import ssh2 from 'ssh2';
import { describe, expect, it } from 'vitest';
import { generateEd25519Pair } from '../../../../sandbox/network/ssh-keygen';

describe('ed25519 key generation', () => {
  it('only hands out pairs that parse (ssh2 sometimes emits a 31-byte public key)', () => {
    for (let i = 0; i < 600; i += 1) {
      const pair = generateEd25519Pair('test');
      expect(ssh2.utils.parseKey(pair.public)).not.toBeInstanceOf(Error);
      expect(ssh2.utils.parseKey(pair.private)).not.toBeInstanceOf(Error);
    }
  });
});
