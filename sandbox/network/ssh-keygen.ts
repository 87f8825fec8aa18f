// Ed25519 key pairs in OpenSSH format. ssh2's generator drops a leading zero byte of the public key about
// once in 250 keys, leaving a 31-byte key that neither ssh2 nor OpenSSH will parse; such pairs are thrown
// away and generated again.
import ssh2 from 'ssh2';

export function generateEd25519Pair(comment: string): { private: string; public: string } {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const pair = ssh2.utils.generateKeyPairSync('ed25519', { comment });
    if (!(ssh2.utils.parseKey(pair.public) instanceof Error) && !(ssh2.utils.parseKey(pair.private) instanceof Error)) return pair;
  }
  throw new Error('could not generate a parseable ed25519 key pair');
}
