// The IdP's secrets, generated once per state directory and reused so that tokens and sessions survive a
// restart: an RSA signing key (private JWK, RS256) and the keys oidc-provider signs its cookies with.
// Stored in <stateDir>/idp/keys.json with mode 0600. Must never log or hand out the private parts; only
// `publicJwks` leaves this module for resource servers.
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { JSONWebKeySet, JWK } from 'jose';
import { z } from 'zod';

const StoredKeys = z.object({
  version: z.literal(1),
  signingKey: z.object({ kty: z.literal('RSA'), kid: z.string(), n: z.string(), e: z.string(), d: z.string(), p: z.string(), q: z.string(), dp: z.string(), dq: z.string(), qi: z.string() }).loose(),
  cookieKeys: z.array(z.string().min(32)).min(1),
});
type StoredKeys = z.infer<typeof StoredKeys>;

export interface IdpKeys {
  /** Private signing JWK for oidc-provider's `jwks`. */
  readonly signingJwk: JWK;
  /** What resource servers verify against. */
  readonly publicJwks: JSONWebKeySet;
  readonly cookieKeys: string[];
}

function thumbprint(n: string, e: string): string {
  // RFC 7638 JWK thumbprint of an RSA key.
  return createHash('sha256').update(JSON.stringify({ e, kty: 'RSA', n })).digest('base64url');
}

function generate(): StoredKeys {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  const signingKey = StoredKeys.shape.signingKey.parse({ ...jwk, kid: thumbprint(String(jwk.n), String(jwk.e)) });
  return { version: 1, signingKey, cookieKeys: [randomBytes(32).toString('base64url')] };
}

async function load(file: string): Promise<StoredKeys | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const parsed = StoredKeys.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${file} is not a valid IdP key file; delete it to generate new keys`);
  return parsed.data;
}

export async function openIdpKeys(stateDir: string): Promise<IdpKeys> {
  const dir = path.join(stateDir, 'idp');
  const file = path.join(dir, 'keys.json');
  let stored = await load(file);
  if (!stored) {
    stored = generate();
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await writeFile(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    await chmod(file, 0o600);
  }
  const { kid, n, e } = stored.signingKey;
  return {
    signingJwk: { ...stored.signingKey, alg: 'RS256', use: 'sig' },
    publicJwks: { keys: [{ kty: 'RSA', kid, n, e, alg: 'RS256', use: 'sig' }] },
    cookieKeys: stored.cookieKeys,
  };
}
