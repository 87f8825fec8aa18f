// The invoke benches' fixture: the whole sandbox (IdP, ARM, scoring hosts on the private network, DNS, jump
// host, Bastion) and the composition root (createAirlock, memory keychain, the real policy decision point and
// audit trail, no admin policy), bob signed in with the scripted browser, the VPN route up. Airlock's calls go
// through the in-process door ('cli', the CLI's host): guard → audit → handler → invoke service → data plane.
// Beside it, what a raw caller needs for the same request: the scoring host's loopback port (the private
// network's mapping, the same one the VPN route dials), the sandbox CA, and an AML token of its own from ARM.
// Every ARM request the sandbox logs is counted by method + path, so a bench can count getToken calls.
// Loopback only: the route dials what the sandbox's DNS answers, mapped to 127.0.0.1 ports.
// `sandboxIn: 'process'` runs the sandbox as its own process instead (sandbox-process.ts): nothing of it then
// shares the thread of the clients being compared, as with a real endpoint; ARM requests are not counted there.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Agent, request as undiciRequest } from 'undici';
import { createAirlock, createMemoryKeychain, loadEnvironmentFile, silentLogger, type Airlock, type Clock } from '../../electron/services';
import type { InProcessGateway } from '../../electron/services/gateway';
import { ML_API_VERSIONS } from '../../sandbox/arm/request-input';
import { loadSeed } from '../../sandbox/seed/load-seed';
import type { Seed } from '../../sandbox/seed/seed-schema';
import { startSandbox } from '../../sandbox/start-sandbox';
import type { SandboxEnvironment } from '../../sandbox/environment/environment-file';
import type { InvokeResultView } from '../../shared/contract/schemas/endpoint';
import { createScriptedBrowser } from '../../test/support/sandbox/scripted-browser';
import { through } from '../../test/support/test-airlock';
import { startSandboxProcess } from './sandbox-process';

export const SUBSCRIPTION = '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
export const WORKSPACE_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-ml-private/providers/Microsoft.MachineLearningServices/workspaces/ws-credit-private`;
export const ENDPOINT = 'credit-ep';

/** The running sandbox, wherever it runs: what the fixture needs of it. */
interface SandboxHandle {
  readonly environmentPath: string;
  readonly environment: SandboxEnvironment;
  readonly seed: Seed;
  readonly caPem: string;
  /** Its clock (TOTP codes for the sign-in). */
  readonly now: () => Date;
  /** Its process id when it runs as its own process; null in this thread. */
  readonly pid: number | null;
  stop(): Promise<void>;
}

export interface WholeSandboxAirlock {
  readonly sandbox: Pick<SandboxHandle, 'environment' | 'pid'>;
  readonly airlock: Airlock;
  readonly door: InProcessGateway;
  readonly accountId: string;
  /** endpoint.score through the door; throws the typed error if refused. */
  score(payload: string): Promise<InvokeResultView>;
  /** Waits for what a score leaves to do after its answer (the history write), outside any timed region. */
  settled(): Promise<void>;
  /** credit-ep's scoring host and where the private network publishes it on loopback (what the VPN route dials). */
  readonly scoring: { host: string; loopbackPort: number; caPem: string };
  /** A fresh AML token for credit-ep straight from ARM (POST .../token with bob's ARM token). */
  rawAmlToken(): Promise<string>;
  /** How many ARM requests the sandbox logged with this method whose path ends with `suffix` (in this thread only; null for a sandbox process). */
  armRequests(method: string, suffix: string): number | null;
  stop(): Promise<void>;
}

export interface WholeSandboxOptions {
  readonly clock: Clock;
  /** The sandbox's clock (its tokens' lifetimes, its checks); the real one by default. */
  readonly now?: () => Date;
  readonly idleLockMs?: number;
  /** Changes to the default seed (e.g. scoring capacity for concurrency 50). */
  readonly seed?: (seed: Seed) => Seed;
  /** Called for every request ARM logs, as it is logged (in this thread only). */
  readonly onArmRequest?: (method: string, path: string) => void;
  /** Where the sandbox runs: in this thread (the default) or as its own process. */
  readonly sandboxIn?: 'thread' | 'process';
}

async function sandboxInThread(stateDir: string, options: WholeSandboxOptions, armLog: Map<string, number>): Promise<SandboxHandle> {
  const running = await startSandbox({
    stateDir: path.join(stateDir, 'sandbox'),
    ...(options.seed ? { seed: options.seed(await loadSeed()) } : {}),
    ...(options.now ? { now: options.now } : {}),
    log: (event, fields) => {
      if (event !== 'arm.request') return;
      const f = fields as { method?: string; path?: string };
      options.onArmRequest?.(f.method ?? '', f.path ?? '');
      const key = `${f.method ?? ''} ${f.path ?? ''}`.toLowerCase();
      armLog.set(key, (armLog.get(key) ?? 0) + 1);
    },
  });
  const { seed, ca, now } = running.context;
  return { environmentPath: running.environmentPath, environment: running.environment, seed, caPem: ca.certPem, now, pid: null, stop: () => running.stop() };
}

async function sandboxAsProcess(options: WholeSandboxOptions): Promise<SandboxHandle> {
  if (options.now || options.onArmRequest) throw new Error('a sandbox process runs on the real clock and logs nothing back: no `now` or `onArmRequest`');
  const proc = await startSandboxProcess(options.seed ? { seed: options.seed } : {});
  return { environmentPath: proc.environmentPath, environment: proc.environment, seed: proc.seed, caPem: proc.caPem, now: () => new Date(), pid: proc.pid, stop: () => proc.stop() };
}

export async function startWholeSandboxAirlock(options: WholeSandboxOptions): Promise<WholeSandboxAirlock> {
  const stateDir = await mkdtemp(path.join(tmpdir(), 'airlock-bench-invoke-'));
  const armLog = new Map<string, number>();
  const ownProcess = options.sandboxIn === 'process';
  const sandbox = ownProcess ? await sandboxAsProcess(options) : await sandboxInThread(stateDir, options, armLog);
  try {
    const { seed, caPem, now } = sandbox;
    const bob = seed.users.find((u) => u.username === 'bob@contoso.test')!;
    const browser = createScriptedBrowser({ caPem, user: bob, now });
    const openBrowser = (url: string) => browser.openBrowser(url);
    const environment = await loadEnvironmentFile(sandbox.environmentPath);
    const airlock = createAirlock(
      { runtime: { version: '0.1.0', build: 'production', runtime: 'node', platform: process.platform, arch: process.arch }, extraEnvironments: [environment], ...(options.idleLockMs ? { idleLockMs: options.idleLockMs } : {}) },
      {
        clock: options.clock,
        logger: silentLogger,
        identity: { openBrowser, keychain: createMemoryKeychain(), userDataDir: path.join(stateDir, 'userdata') },
        guard: { policySource: null },
      },
    );
    const { accountId } = await through(airlock).auth.signIn({ environmentId: 'Sandbox', method: 'browser' });
    await through(airlock).route.connect({ via: 'vpn' });
    const door = airlock.inProcess('cli');

    const location = seed.subscriptions.flatMap((s) => s.resourceGroups.flatMap((rg) => rg.workspaces)).find((w) => w.name === 'ws-credit-private')!.location;
    const host = `${ENDPOINT}.${location}.inference.ml.azure.com`;
    const loopbackPort = sandbox.environment.dnsMap.servicePorts[`${host}:443`];
    if (!loopbackPort) throw new Error(`the sandbox publishes no ${host}:443`);
    // This sandbox's own CA: several fixtures may run one after another in one process, each with its own.
    const arm = new Agent({ connect: { ca: caPem } });

    return {
      sandbox,
      airlock,
      door,
      accountId,
      async score(payload) {
        const result = await door.call('endpoint.score', { workspaceId: WORKSPACE_ID, endpointName: ENDPOINT, payload });
        if (!result.ok) throw new Error(`endpoint.score refused: ${result.error.code} ${result.error.message}`);
        return result.value as InvokeResultView;
      },
      settled: () => airlock.services.history.written(),
      scoring: { host, loopbackPort, caPem },
      async rawAmlToken() {
        const { token } = await airlock.services.auth.accessToken(accountId, 'arm');
        const url = `${sandbox.environment.armEndpoint.replace(/\/$/, '')}${WORKSPACE_ID}/onlineEndpoints/${ENDPOINT}/token?api-version=${ML_API_VERSIONS[0]}`;
        const answer = await undiciRequest(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}', dispatcher: arm });
        const body = (await answer.body.json()) as { accessToken?: string };
        if (answer.statusCode !== 200 || !body.accessToken) throw new Error(`ARM getToken answered ${answer.statusCode}`);
        return body.accessToken;
      },
      armRequests(method, suffix) {
        if (ownProcess) return null;
        let count = 0;
        for (const [key, n] of armLog) if (key.startsWith(`${method.toLowerCase()} `) && key.endsWith(suffix.toLowerCase())) count += n;
        return count;
      },
      async stop() {
        await arm.close();
        await airlock.dispose();
        await sandbox.stop();
        await rm(stateDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await sandbox.stop();
    await rm(stateDir, { recursive: true, force: true });
    throw error;
  }
}
