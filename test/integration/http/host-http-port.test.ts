// createAirlock takes the control plane's HTTP port from the host: MSAL's sign-in and ARM's reads both go
// through it (nothing reaches Entra or ARM around it), and the sandbox's CA file is read once for all of them.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAirlock, createMemoryKeychain, loadEnvironmentFile, type Airlock } from '../../../electron/services';
import { createNodeHttpsPort, type HttpsPort } from '../../../electron/services/ports';
import { startSandbox, type RunningSandbox } from '../../../sandbox/start-sandbox';
import { createScriptedBrowser } from '../../support/sandbox/scripted-browser';
import { capturingLogger, fixedClock, through } from '../../support/test-airlock';

let sandbox: RunningSandbox;
let airlock: Airlock;
let stateDir: string;
const sent: Array<{ environmentId: string; method: string; host: string; path: string }> = [];
const caReads: string[] = [];

beforeAll(async () => {
  stateDir = await mkdtemp(path.join(tmpdir(), 'airlock-http-port-'));
  sandbox = await startSandbox({ stateDir: path.join(stateDir, 'sandbox') });
  const { seed, ca, now } = sandbox.context;
  const bob = seed.users.find((u) => u.username === 'bob@contoso.test')!;
  const browser = createScriptedBrowser({ caPem: ca.certPem, user: bob, now });
  const node = createNodeHttpsPort({ readCa: async (file) => (caReads.push(file), readFile(file, 'utf8')) });
  // The host's port, recording what passes through it (never the headers or bodies: they carry tokens).
  const http: HttpsPort = {
    forEnvironment(environment) {
      const send = node.forEnvironment(environment);
      return async (request) => {
        const url = new URL(request.url);
        sent.push({ environmentId: environment.id, method: request.method, host: url.host, path: url.pathname });
        return send(request);
      };
    },
  };
  airlock = createAirlock(
    { runtime: { version: '0.1.0', build: 'development', runtime: 'node', platform: 'linux', arch: 'x64' }, extraEnvironments: [await loadEnvironmentFile(sandbox.environmentPath)] },
    { clock: fixedClock(), logger: capturingLogger(), identity: { openBrowser: (url) => browser.openBrowser(url), keychain: createMemoryKeychain(), userDataDir: path.join(stateDir, 'userdata') }, http },
  );
}, 60_000);

afterAll(async () => {
  await airlock?.dispose();
  await sandbox?.stop();
  await rm(stateDir, { recursive: true, force: true });
});

describe("the host's HTTP port at the composition root", () => {
  it('carries the sign-in (MSAL) and the ARM reads, and the CA file is read once', async () => {
    await through(airlock).auth.signIn({ environmentId: 'Sandbox', method: 'browser' });
    const signInCalls = sent.length;
    expect(signInCalls).toBeGreaterThan(0); // MSAL's discovery and token requests
    expect(sent.some((s) => s.method === 'POST' && /token/.test(s.path))).toBe(true);
    const { workspaces } = await through(airlock).workspace.list();
    expect(workspaces.length).toBeGreaterThan(0);
    expect(sent.slice(signInCalls).some((s) => s.path.startsWith('/subscriptions'))).toBe(true);
    expect(new Set(sent.map((s) => s.environmentId))).toEqual(new Set(['Sandbox']));
    expect(caReads).toHaveLength(1);
  });
});
