// Starts the ARM emulator alone for a test file: test context (controllable clock, fresh state dir), the
// stand-in Entra issuer, real endpoint credentials, and helpers for the real @azure/arm-machinelearning
// client and for raw HTTPS requests — both verifying the server against the sandbox CA only.
import { rm } from 'node:fs/promises';
import https from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import { AzureMachineLearningWorkspaces } from '@azure/arm-machinelearning';
import type { TokenCredential } from '@azure/core-auth';
import { isRestError, type RestError } from '@azure/core-rest-pipeline';
import { onlineEndpointIds, startArm, type ArmEmulator } from '../../../../sandbox/arm';
import { openEndpointCredentials, type EndpointCredentials } from '../../../../sandbox/endpoint-credentials/endpoint-credentials';
import type { Seed } from '../../../../sandbox/seed/seed-schema';
import { createTestContext, type TestContext } from '../../../support/sandbox/test-context';
import { createTestTokenIssuer, type TestTokenIssuer } from '../../../support/sandbox/test-tokens';

export const ARM_AUDIENCE = 'https://management.azure.com';
export const SUB = '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
export const RG = 'rg-ml-private';
export const WS = 'ws-credit-private';
export const WS_PATH = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.MachineLearningServices/workspaces/${WS}`;
export const API = 'api-version=2024-04-01';

export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
  json(): { error?: { code: string; message: string; details?: unknown[] }; [key: string]: unknown };
}

export interface ArmFixture {
  readonly ctx: TestContext;
  readonly arm: ArmEmulator;
  readonly tokens: TestTokenIssuer;
  /** The stand-in issuer's authority (`https://localhost:1/<tenant>`), which ARM names in WWW-Authenticate. */
  readonly authority: string;
  readonly credentials: EndpointCredentials;
  tokenFor(username: string, claims?: Record<string, unknown>, options?: Parameters<TestTokenIssuer['mint']>[1]): Promise<string>;
  client(username: string, options?: { maxRetries?: number }): AzureMachineLearningWorkspaces;
  raw(method: string, path: string, options?: { token?: string | null; headers?: Record<string, string>; body?: string | Buffer }): Promise<RawResponse>;
  endpointId(name: string): string;
  close(): Promise<void>;
}

export async function startArmFixture(seed?: (s: Seed) => Seed): Promise<ArmFixture> {
  const ctx = await createTestContext(seed ? { seed } : {});
  const tokens = await createTestTokenIssuer(ctx.seed.tenant.id, ctx.now);
  const authority = tokens.issuer.replace(/\/v2\.0$/, '');
  const credentials = await openEndpointCredentials({ stateDir: ctx.stateDir, endpointIds: onlineEndpointIds(ctx.seed), now: ctx.now });
  const arm = await startArm(ctx, {
    verifier: tokens.verifier,
    credentials,
    authority,
    scoringUri: (ws, ep) => `https://${ep.name}.${ws.location}.inference.ml.azure.com/score`,
  });
  const oidOf = (username: string) => {
    const user = ctx.seed.users.find((u) => u.username === username);
    if (!user) throw new Error(`no seed user ${username}`);
    return user.oid;
  };
  const tokenFor: ArmFixture['tokenFor'] = (username, claims = {}, options) =>
    tokens.mint({ aud: ARM_AUDIENCE, oid: oidOf(username), preferred_username: username, ...claims }, options);

  return {
    ctx,
    arm,
    tokens,
    authority,
    credentials,
    tokenFor,
    client(username, options = {}) {
      const credential: TokenCredential = {
        getToken: async () => ({ token: await tokenFor(username), expiresOnTimestamp: ctx.now().getTime() + 3_600_000 }),
      };
      return new AzureMachineLearningWorkspaces(credential, SUB, {
        endpoint: arm.endpoint,
        credentialScopes: ['https://management.azure.com/.default'],
        apiVersion: '2024-04-01',
        tlsOptions: { ca: ctx.ca.certPem },
        ...(options.maxRetries !== undefined ? { retryOptions: { maxRetries: options.maxRetries } } : {}),
      });
    },
    raw(method, path, options = {}) {
      return new Promise<RawResponse>((resolve, reject) => {
        const headers: Record<string, string> = { ...(options.headers ?? {}) };
        if (options.token) headers['authorization'] = `Bearer ${options.token}`;
        if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));
        const req = https.request({ host: '127.0.0.1', port: arm.port, method, path, headers, ca: ctx.ca.certPem, servername: 'localhost' }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) as ReturnType<RawResponse['json']> });
          });
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(options.body);
      });
    },
    endpointId: (name) => `${`/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.MachineLearningServices/workspaces/${WS}`}/onlineEndpoints/${name}`,
    async close() {
      await arm.stop();
      await rm(ctx.stateDir, { recursive: true, force: true });
    },
  };
}

/** Collects every item of a paged SDK iterator, counting pages. */
export async function collectPages<T>(iterator: { byPage(): AsyncIterableIterator<T[]> }): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let pages = 0;
  for await (const page of iterator.byPage()) {
    pages += 1;
    items.push(...page);
  }
  return { items, pages };
}

/** The RestError a call through the SDK fails with (anything else fails the test). */
export async function restError(promise: Promise<unknown>): Promise<RestError> {
  try {
    await promise;
  } catch (error) {
    if (isRestError(error)) return error;
    throw error;
  }
  throw new Error('expected a RestError');
}
