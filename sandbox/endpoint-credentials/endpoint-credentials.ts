// Credentials for online endpoints, shared by the ARM emulator (which hands them out through
// POST .../listKeys and POST .../token) and the scoring hosts (which check them):
// - keys: two random keys per endpoint, persisted in the state directory (0600) so they survive restarts;
// - AML tokens: HS256 JWTs signed with a per-state-directory secret, scoped to one endpoint, with the
//   `expiryTimeUtc` / `refreshAfterTimeUtc` lifetimes ARM reports.
import { randomBytes, timingSafeEqual, webcrypto } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { jwtVerify, SignJWT } from 'jose';

export interface EndpointKeys {
  readonly primaryKey: string;
  readonly secondaryKey: string;
}

export interface AmlToken {
  readonly accessToken: string;
  readonly tokenType: 'Bearer';
  /** Epoch seconds, as ARM returns them. */
  readonly expiryTimeUtc: number;
  readonly refreshAfterTimeUtc: number;
}

export interface EndpointCredentials {
  /** `endpointId` is the ARM resource id of the online endpoint, lower-cased. */
  keysFor(endpointId: string): EndpointKeys;
  issueAmlToken(endpointId: string, subjectOid: string): Promise<AmlToken>;
  /** True when `bearer` is a current key or an unexpired AML token for this endpoint. */
  checkKey(endpointId: string, bearer: string): boolean;
  checkAmlToken(endpointId: string, bearer: string): Promise<'ok' | 'expired' | 'invalid'>;
}

export interface EndpointCredentialsOptions {
  readonly stateDir: string;
  readonly endpointIds: readonly string[];
  readonly now: () => Date;
  /** Seconds; ARM's observed values are about 24 h and 12 h. */
  readonly tokenLifetimeSeconds?: number;
  readonly refreshAfterSeconds?: number;
}

interface Stored {
  readonly amlTokenSecret: string;
  readonly keys: Record<string, EndpointKeys>;
}

const VERIFIED_TOKENS_KEPT = 256;

const newKey = () => randomBytes(24).toString('base64url');

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function openEndpointCredentials(options: EndpointCredentialsOptions): Promise<EndpointCredentials> {
  const file = path.join(options.stateDir, 'endpoint-credentials.json');
  let stored: Stored = existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')) as Stored) : { amlTokenSecret: randomBytes(32).toString('base64'), keys: {} };
  let changed = !existsSync(file);
  const keys: Record<string, EndpointKeys> = { ...stored.keys };
  for (const id of options.endpointIds.map((i) => i.toLowerCase())) {
    if (!keys[id]) {
      keys[id] = { primaryKey: newKey(), secondaryKey: newKey() };
      changed = true;
    }
  }
  stored = { ...stored, keys };
  if (changed) {
    await writeFile(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    await chmod(file, 0o600);
  }
  const secret = Buffer.from(stored.amlTokenSecret, 'base64');
  // Imported once (handed raw bytes, jose imports a WebCrypto key on every verify). WebCrypto runs on libuv's
  // thread pool, and that hop on every scoring request gave the host's answers a millisecond tail (direct p99
  // ~6x its p50 here) that every scoring bench then measured as if it were the client's.
  const verifyKey = await webcrypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  // A token whose signature, issuer and audience checked out is remembered (bounded) with its expiry, as a real
  // front end caches validated tokens; only the expiry is checked again, the way jose checks it (whole seconds, same clock).
  const verified = new Map<string, { readonly audience: string; readonly exp: number }>();
  const remember = (bearer: string, entry: { readonly audience: string; readonly exp: number }) => {
    if (verified.size >= VERIFIED_TOKENS_KEPT) verified.delete(verified.keys().next().value as string);
    verified.set(bearer, entry);
  };
  const lifetime = options.tokenLifetimeSeconds ?? 24 * 3600;
  const refreshAfter = options.refreshAfterSeconds ?? 12 * 3600;

  return {
    keysFor(endpointId) {
      const found = keys[endpointId.toLowerCase()];
      if (!found) throw new Error(`no such endpoint: ${endpointId}`);
      return found;
    },
    async issueAmlToken(endpointId, subjectOid) {
      const nowSeconds = Math.floor(options.now().getTime() / 1000);
      const accessToken = await new SignJWT({ endpoint: endpointId.toLowerCase(), oid: subjectOid })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer('azureml-sandbox')
        .setAudience(endpointId.toLowerCase())
        .setIssuedAt(nowSeconds)
        .setExpirationTime(nowSeconds + lifetime)
        .sign(secret);
      return { accessToken, tokenType: 'Bearer', expiryTimeUtc: nowSeconds + lifetime, refreshAfterTimeUtc: nowSeconds + refreshAfter };
    },
    checkKey(endpointId, bearer) {
      const found = keys[endpointId.toLowerCase()];
      return !!found && (sameSecret(bearer, found.primaryKey) || sameSecret(bearer, found.secondaryKey));
    },
    async checkAmlToken(endpointId, bearer) {
      const audience = endpointId.toLowerCase();
      const remembered = verified.get(bearer);
      if (remembered?.audience === audience) return remembered.exp > Math.floor(options.now().getTime() / 1000) ? 'ok' : 'expired';
      try {
        const { payload } = await jwtVerify(bearer, verifyKey, { issuer: 'azureml-sandbox', audience, currentDate: options.now(), algorithms: ['HS256'] });
        if (typeof payload.exp === 'number') remember(bearer, { audience, exp: payload.exp });
        return 'ok';
      } catch (error) {
        return (error as { code?: string }).code === 'ERR_JWT_EXPIRED' ? 'expired' : 'invalid';
      }
    },
  };
}
