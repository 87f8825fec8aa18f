// The whole sandbox as Airlock will use it, with the real Azure libraries: sign in with msal-node
// (password + TOTP in the scripted browser), browse with @azure/arm-machinelearning, fetch each kind of
// endpoint credential, score through the private DNS map — and through Debian's OpenSSH jump-host tunnel;
// step up (msal claims → MFA) when ARM answers a claims challenge for the auth-context workspace.
import { request } from 'node:https';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AzureMachineLearningWorkspaces } from '@azure/arm-machinelearning';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { InteractionRequiredAuthError, type AccountInfo, type PublicClientApplication } from '@azure/msal-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxEnvironment } from '../../../sandbox/environment/environment-file';
import { startSandbox, type RunningSandbox } from '../../../sandbox/start-sandbox';
import { loadEnvironmentFile } from '../../../electron/services/environments';
import { createPublicClient } from '../../support/sandbox/msal-harness';
import { createScriptedBrowser } from '../../support/sandbox/scripted-browser';
import { createSshRunner, freePort, tempDir, waitForPort, writeSshConfig } from './network/network-fixtures';

const LOW_RISK = { age: 52, income: 95000, debt_ratio: 0.1, credit_lines: 2, late_payments: 0, employment_years: 22 };
const HIGH_RISK = { age: 22, income: 18000, debt_ratio: 0.9, credit_lines: 9, late_payments: 6, employment_years: 0 };
const creditBody = JSON.stringify({ input_data: { columns: Object.keys(LOW_RISK), data: [Object.values(LOW_RISK), Object.values(HIGH_RISK)] } });

let sandbox: RunningSandbox;
let env: SandboxEnvironment;
let ca: string;
let msal: PublicClientApplication;
let account: AccountInfo;
const ssh = createSshRunner();

function score(port: number, hostname: string, bearer: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, servername: hostname, ca, method: 'POST', path: '/score', headers: { host: hostname, authorization: `Bearer ${bearer}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function credentialFor(scope: string): TokenCredential {
  return {
    async getToken(): Promise<AccessToken> {
      const result = await msal.acquireTokenSilent({ account, scopes: [scope] });
      return { token: result.accessToken, expiresOnTimestamp: result.expiresOn?.getTime() ?? 0 };
    },
  };
}

const servicePort = (host: string) => env.dnsMap.servicePorts[`${host}:443`]!;

beforeAll(async () => {
  const stateDir = await mkdtemp(path.join(tmpdir(), 'airlock-e2e-sandbox-'));
  sandbox = await startSandbox({ stateDir });
  env = JSON.parse(await readFile(sandbox.environmentPath, 'utf8')) as SandboxEnvironment;
  ca = await readFile(env.caCertPath, 'utf8');
  msal = createPublicClient({ authority: env.authority, knownAuthority: env.knownAuthorities[0]! }, env.clientId, ca);
  const alice = env.users.find((u) => u.username === 'alice@contoso.test')!;
  const browser = createScriptedBrowser({ caPem: ca, user: alice, now: () => new Date() });
  const result = await msal.acquireTokenInteractive({ scopes: [env.armScope], openBrowser: (url) => browser.openBrowser(url) });
  account = result.account!;
});

afterAll(async () => {
  await ssh.killAll();
  await sandbox?.stop();
});

describe('sandbox end to end with the real Azure libraries', () => {
  it('writes an environment.json that Airlock’s own loader accepts, without the demo secrets', async () => {
    const loaded = await loadEnvironmentFile(sandbox.environmentPath);
    expect(loaded).toMatchObject({ id: 'Sandbox', kind: 'sandbox', authority: env.authority, armEndpoint: env.armEndpoint, clientId: env.clientId });
    const alice = env.users.find((u) => u.username === 'alice@contoso.test')!;
    expect(JSON.stringify(loaded)).not.toContain(alice.password);
    expect(JSON.stringify(loaded)).not.toContain(alice.totpSecret);
  });

  it('signs alice in with MFA and browses the private workspace with the ARM SDK', async () => {
    expect(account.homeAccountId).toBe(`a11ce000-1111-4aaa-8aaa-000000000001.${env.tenantId}`);
    const arm = new AzureMachineLearningWorkspaces(credentialFor(env.armScope), env.subscriptionId, {
      endpoint: env.armEndpoint,
      credentialScopes: [env.armScope],
      apiVersion: '2024-04-01',
      tlsOptions: { ca },
    });
    const workspaces = [];
    for await (const ws of arm.workspaces.listBySubscription()) workspaces.push(ws.name);
    expect(workspaces).toContain('ws-credit-private');
    const endpoints = [];
    for await (const ep of arm.onlineEndpoints.list('rg-ml-private', 'ws-credit-private')) endpoints.push({ name: ep.name, mode: ep.properties.authMode, uri: ep.properties.scoringUri });
    expect(endpoints).toContainEqual({ name: 'credit-ep', mode: 'AMLToken', uri: 'https://credit-ep.westeurope.inference.ml.azure.com/score' });

    const token = await arm.onlineEndpoints.getToken('rg-ml-private', 'ws-credit-private', 'credit-ep');
    const host = 'credit-ep.westeurope.inference.ml.azure.com';
    const res = await score(servicePort(host), host, token.accessToken!, creditBody);
    expect(res.status).toBe(200);
    const [low, high] = JSON.parse(res.body) as number[];
    expect(high!).toBeGreaterThan(low!);
  });

  it('scores an Entra-token endpoint with alice’s ML-audience token', async () => {
    const ml = await msal.acquireTokenSilent({ account, scopes: [env.mlScope] });
    const host = 'credit-aad-ep.westeurope.inference.ml.azure.com';
    expect((await score(servicePort(host), host, ml.accessToken, creditBody)).status).toBe(200);
    // An ARM token is the wrong audience for scoring.
    const armToken = await msal.acquireTokenSilent({ account, scopes: [env.armScope] });
    expect((await score(servicePort(host), host, armToken.accessToken, creditBody)).status).toBe(401);
  });

  it('steps bob up when ARM answers a claims challenge for the auth-context workspace (msal claims → MFA → retry)', async () => {
    const bob = env.users.find((u) => u.username === 'bob@contoso.test')!;
    const trace: string[] = [];
    const browser = createScriptedBrowser({ caPem: ca, user: bob, now: () => new Date(), trace });
    const pca = createPublicClient({ authority: env.authority, knownAuthority: env.knownAuthorities[0]! }, env.clientId, ca);
    const signedIn = await pca.acquireTokenInteractive({ scopes: [env.armScope], openBrowser: (url) => browser.openBrowser(url) });
    expect(trace.some((line) => line.endsWith('Enter code'))).toBe(false); // bob: password only until asked
    const claimsSeen: Array<string | undefined> = [];
    // What Airlock's TokenCredential adapter does (identity.md §5): silent with the claims, interactive on interaction_required.
    const credential: TokenCredential = {
      async getToken(_scopes, options?: GetTokenOptions): Promise<AccessToken> {
        claimsSeen.push(options?.claims);
        const request = { account: signedIn.account!, scopes: [env.armScope], ...(options?.claims ? { claims: options.claims } : {}) };
        const result = await pca.acquireTokenSilent(request).catch(async (error: unknown) => {
          if (!(error instanceof InteractionRequiredAuthError) || !options?.claims) throw error;
          return pca.acquireTokenInteractive({ scopes: [env.armScope], claims: options.claims, loginHint: bob.username, openBrowser: (url) => browser.openBrowser(url) });
        });
        return { token: result.accessToken, expiresOnTimestamp: result.expiresOn?.getTime() ?? 0 };
      },
    };
    const arm = new AzureMachineLearningWorkspaces(credential, env.subscriptionId, { endpoint: env.armEndpoint, credentialScopes: [env.armScope], apiVersion: '2024-04-01', tlsOptions: { ca } });
    const listed = [];
    for await (const ws of arm.workspaces.listBySubscription()) listed.push(ws.name);
    expect(listed).toContain('ws-fraud-restricted');
    expect(claimsSeen).toEqual([undefined]); // the list is not protected

    const ws = await arm.workspaces.get('rg-ml-private', 'ws-fraud-restricted');
    expect(ws.name).toBe('ws-fraud-restricted');
    expect(claimsSeen).toEqual([undefined, '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}']);
    expect(trace.some((line) => line.endsWith('Enter code'))).toBe(true);
    const models = [];
    for await (const m of arm.modelContainers.list('rg-ml-private', 'ws-fraud-restricted')) models.push(m.name);
    expect(models).toEqual(['fraud-detector', 'aml-graph-scorer']);
  });

  it('reaches the scoring endpoint through the jump host with Debian’s OpenSSH and a pinned host key', async () => {
    const alice = env.users.find((u) => u.username === 'alice@contoso.test')!;
    const dir = await tempDir();
    const config = await writeSshConfig(dir, { knownHosts: [env.jumpHost.knownHostsLine], identity: alice.sshPrivateKeyPath! });
    const local = await freePort();
    const host = 'credit-ep.westeurope.inference.ml.azure.com';
    const tunnel = ssh.spawn(['-F', config, '-N', '-p', String(env.jumpHost.port), '-L', `127.0.0.1:${local}:${host}:443`, `${alice.sshLogin!}@127.0.0.1`]);
    await waitForPort(local, tunnel);
    const arm = new AzureMachineLearningWorkspaces(credentialFor(env.armScope), env.subscriptionId, { endpoint: env.armEndpoint, credentialScopes: [env.armScope], apiVersion: '2024-04-01', tlsOptions: { ca } });
    const token = await arm.onlineEndpoints.getToken('rg-ml-private', 'ws-credit-private', 'credit-ep');
    const res = await score(local, host, token.accessToken!, creditBody);
    expect(res.status).toBe(200);
    expect((JSON.parse(res.body) as number[]).length).toBe(2);
  });
});
