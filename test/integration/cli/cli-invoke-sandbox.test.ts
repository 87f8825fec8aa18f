// Issue 11 end to end in the CLI: `airlock endpoints | deployments | invoke` as real processes against the
// whole sandbox, over one state folder and a real Secret Service (gnome-keyring on a private D-Bus), as a
// user's terminal is after signing in. alice signs in once in-process (the scripted browser stands in for her
// at the IdP); each command is then its own process that finds her account. She browses the private
// workspace's endpoints and an endpoint's deployments, invokes the AMLToken, Key and AADToken endpoints over
// the VPN route and one deployment (its answer names it), and a bad payload is refused before it leaves
// (exit 1, E_PAYLOAD_INVALID with the place, no stack, nothing reached the scoring host). She re-runs a request
// from her history and runs a test run (12 requests, 3 at once) with its CSV. The IdP plants a
// marker in every token it issues: no stdout or stderr of any run carries it, nor any JWT, nor an endpoint key.
// Loopback only; without a Secret Service the suite skips.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAirlock, createKeytarKeychain, loadEnvironmentFile } from '../../../electron/services';
import { ROOT } from '../../../scripts/build';
import { startSandbox, type RunningSandbox } from '../../../sandbox/start-sandbox';
import { creditRiskModel } from '../../../sandbox/scoring/models/credit-risk';
import { sentimentModel } from '../../../sandbox/scoring/models/sentiment';
import { buildCli, type BuiltCli } from '../../harness/cli-bundle';
import { createScriptedBrowser } from '../../support/sandbox/scripted-browser';
import { capturingLogger, through } from '../../support/test-airlock';
import { secretServiceMissing, startPrivateBus, type PrivateBus } from '../vault/secret-service-session';

const missing = await secretServiceMissing();
if (missing) console.log(`airlock invoke CLI sandbox suite skipped: ${missing}`);

const MARKER = 'PLANTEDCLIINVOKEMARKER11';
const WS = 'rg-ml-private/ws-credit-private';
const JWT = /eyJ[A-Za-z0-9_-]{10,}\.eyJ/;
const noStack = (text: string) => expect(text).not.toMatch(/^\s+at |Error:|\.ts:\d+|\.mjs:\d+/m);

interface Run {
  readonly args: readonly string[];
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

describe.skipIf(missing !== null)('airlock endpoints / deployments / invoke / history / test-run against the sandbox (processes)', () => {
  let bus: PrivateBus;
  let sandbox: RunningSandbox;
  const state = mkdtempSync(path.join(tmpdir(), 'airlock-cli-invoke-'));
  let env: NodeJS.ProcessEnv;
  let cli: BuiltCli;
  const runs: Run[] = [];
  const sandboxEvents: Array<Record<string, unknown>> = [];
  const data = (name: string) => path.join(state, name);

  beforeAll(async () => {
    cli = await buildCli();
    bus = await startPrivateBus();
    await bus.startKeyring();
    for (const name of ['HOME', 'XDG_RUNTIME_DIR', 'DBUS_SESSION_BUS_ADDRESS'] as const) process.env[name] = bus.env[name];
    sandbox = await startSandbox({ stateDir: path.join(state, 'sandbox'), tokenMarker: MARKER, log: (event, fields) => sandboxEvents.push({ event, ...fields }) });
    const { seed, ca, now } = sandbox.context;
    const alice = seed.users.find((u) => u.username === 'alice@contoso.test')!;
    const signIn = createAirlock(
      { runtime: { version: '0.1.0', build: 'development', runtime: 'node', platform: 'linux', arch: 'x64' }, extraEnvironments: [await loadEnvironmentFile(sandbox.environmentPath)] },
      {
        clock: { now: () => new Date(), monotonicMs: () => performance.now() },
        logger: capturingLogger(),
        identity: { openBrowser: createScriptedBrowser({ caPem: ca.certPem, user: alice, now }).openBrowser, keychain: createKeytarKeychain(), userDataDir: path.join(state, 'userdata') },
      },
    );
    await through(signIn).auth.signIn({ environmentId: 'Sandbox', method: 'browser' });
    await signIn.dispose();
    env = { ...bus.env, AIRLOCK_USER_DATA: path.join(state, 'userdata'), AIRLOCK_DEV_ENVIRONMENT_FILE: sandbox.environmentPath };
    // The swagger examples the sandbox's models publish: what the app offers as samples.
    await writeFile(data('credit.json'), JSON.stringify(creditRiskModel.description.inputExample));
    await writeFile(data('sentiment.json'), JSON.stringify(sentimentModel.description.inputExample));
    // age as words: the credit model's schema wants numbers in every row.
    await writeFile(data('bad.json'), JSON.stringify({ input_data: { columns: ['age'], index: [0], data: [['forty', 1, 2, 3, 4, 5]] } }));
  }, 120_000);

  afterAll(async () => {
    cli?.remove();
    await sandbox?.stop();
    await bus?.stop();
    await rm(state, { recursive: true, force: true });
  });

  // Never spawnSync here: the sandbox (DNS, IdP, ARM, scoring hosts) runs in this process and must keep answering.
  const airlock = (...args: string[]) =>
    new Promise<Run>((resolve) => {
      const child = spawn(process.execPath, [cli.file, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (code) => {
        const run = { args, code, stdout, stderr };
        runs.push(run);
        resolve(run);
      });
    });
  const json = <T>(run: Run): T => {
    expect(run.stderr, run.stderr).not.toMatch(/^airlock: /m);
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as T;
  };
  /** What reached a scoring host's POST /score, as the sandbox logged it. */
  const scoringRequests = () => sandboxEvents.filter((e) => e['event'] === 'scoring.request' && e['path'] === '/score').length;

  it('endpoints -w <resourceGroup>/<name> --json: the private workspace\'s three endpoints with their auth modes', async () => {
    const list = json<{ endpoints: Array<{ name: string; authMode: string; scoringHost: string | null }> }>(await airlock('endpoints', '-w', WS, '--json'));
    expect(list.endpoints.map((e) => [e.name, e.authMode]).sort()).toEqual([
      ['credit-aad-ep', 'AADToken'],
      ['credit-ep', 'AMLToken'],
      ['sentiment-ep', 'Key'],
    ]);
    for (const e of list.endpoints) expect(e.scoringHost).toMatch(/\.inference\.ml\.azure\.com$/);
    // The table for people names the same endpoints.
    const table = await airlock('endpoints', '-w', WS);
    expect(table.code).toBe(0);
    for (const name of ['credit-ep', 'credit-aad-ep', 'sentiment-ep']) expect(table.stdout).toContain(name);
  }, 60_000);

  it('deployments -w .. -e credit-ep: blue and green with their traffic', async () => {
    const detail = json<{ endpoint: { name: string }; deployments: Array<{ name: string; trafficPercent: number }> }>(
      await airlock('deployments', '-w', WS, '-e', 'credit-ep', '--json'),
    );
    expect(detail.endpoint.name).toBe('credit-ep');
    expect(detail.deployments.map((d) => d.name).sort()).toEqual(['blue', 'green']);
    expect(detail.deployments.reduce((sum, d) => sum + d.trafficPercent, 0)).toBe(100);
  }, 60_000);

  it.each([
    ['credit-ep', 'AMLToken', 'credit.json'],
    ['sentiment-ep', 'Key', 'sentiment.json'],
    ['credit-aad-ep', 'AADToken', 'credit.json'],
  ])('invoke %s (%s) over the VPN route: 200, exit 0', async (endpoint, authMode, file) => {
    const result = json<{ status: number; ok: boolean; authMode: string; route: { via: string } }>(
      await airlock('invoke', '-w', WS, '-e', endpoint, '--data', data(file), '--via', 'vpn', '--json'),
    );
    expect(result).toMatchObject({ status: 200, ok: true, authMode, route: { via: 'vpn' } });
  }, 60_000);

  it('invoke without --via takes the route the environment requires; the text names status and deployment', async () => {
    const run = await airlock('invoke', '-w', WS, '-e', 'credit-ep', '--data', data('credit.json'));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/200/);
    // The entry the process wrote just after the answer is there when it has exited (dispose waits for it).
    const saved = /^Saved to history as (\S+)$/m.exec(run.stdout)?.[1];
    expect(saved).toBeTruthy();
    expect(json<{ entries: Array<{ id: string }> }>(await airlock('history', '-w', WS, '-e', 'credit-ep', '--json')).entries.map((e) => e.id)).toContain(saved);
  }, 60_000);

  it('invoke -d green: the answer names the deployment (azureml-model-deployment)', async () => {
    for (const deployment of ['green', 'blue']) {
      const result = json<{ status: number; modelDeployment: string | null }>(
        await airlock('invoke', '-w', WS, '-e', 'credit-ep', '-d', deployment, '--data', data('credit.json'), '--via', 'vpn', '--json'),
      );
      expect(result).toMatchObject({ status: 200, modelDeployment: deployment });
    }
  }, 60_000);

  it('a payload that breaks the schema is refused before it leaves: exit 1, E_PAYLOAD_INVALID with the place, no stack', async () => {
    const before = scoringRequests();
    expect(before).toBeGreaterThan(0); // the invokes above did reach the scoring hosts, and the log shows it
    const run = await airlock('invoke', '-w', WS, '-e', 'credit-ep', '--data', data('bad.json'), '--via', 'vpn');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('(E_PAYLOAD_INVALID)');
    expect(run.stderr).toMatch(/^ {2}at \/input_data\/data\/0\/0/m);
    noStack(run.stderr.replace(/^ {2}at \/input_data\S*.*$/m, ''));
    const asJson = await airlock('invoke', '-w', WS, '-e', 'credit-ep', '--data', data('bad.json'), '--via', 'vpn', '--json');
    expect(asJson.code).toBe(1);
    expect(asJson.stderr).toContain('E_PAYLOAD_INVALID');
    expect(scoringRequests()).toBe(before); // nothing reached a scoring host
  }, 60_000);

  it('history lists what was sent; history rerun <id> sends it again over the route (200) and keeps the answer as a new entry', async () => {
    type Entries = { entries: Array<{ id: string; endpointName: string; deploymentName: string | null; status: number }>; keeping: boolean };
    const list = json<Entries>(await airlock('history', '-w', WS, '-e', 'credit-ep', '--json'));
    expect(list.keeping).toBe(true);
    expect(list.entries.length).toBe(4); // credit-ep: the AMLToken invoke, the one without --via, -d green, -d blue; refused bodies are not kept
    expect(list.entries.every((e) => e.status === 200 && e.endpointName === 'credit-ep')).toBe(true);
    const green = list.entries.find((e) => e.deploymentName === 'green')!;
    const sent = scoringRequests();
    const rerun = json<{ status: number; modelDeployment: string | null; historyId: string | null }>(await airlock('history', 'rerun', green.id, '--json'));
    expect(rerun).toMatchObject({ status: 200, modelDeployment: 'green' });
    expect(rerun.historyId).not.toBeNull();
    expect(rerun.historyId).not.toBe(green.id);
    expect(scoringRequests()).toBe(sent + 1);
    expect(json<Entries>(await airlock('history', '-w', WS, '-e', 'credit-ep', '--json')).entries[0]?.id).toBe(rerun.historyId);
  }, 90_000);

  it('test-run: 12 requests, 3 at once, over the route: all 200, percentiles, and the samples in a CSV', async () => {
    const sent = scoringRequests();
    const csv = data('run.csv');
    const report = json<{ state: string; sent: number; succeeded: number; statusCounts: Record<string, number>; latency: { p50: number; p99: number } | null; via: string }>(
      await airlock('test-run', '-w', WS, '-e', 'credit-ep', '--data', data('credit.json'), '--requests', '12', '--concurrency', '3', '--csv', csv, '--json'),
    );
    expect(report).toMatchObject({ state: 'completed', sent: 12, succeeded: 12, statusCounts: { '200': 12 }, via: 'vpn' });
    expect(report.latency?.p99).toBeGreaterThanOrEqual(report.latency?.p50 ?? Infinity);
    expect(scoringRequests()).toBe(sent + 12);
    const rows = (await readFile(csv, 'utf8')).trim().split('\n');
    expect(rows.length).toBeGreaterThan(12);
    runs.push({ args: ['csv'], code: 0, stdout: rows.join('\n'), stderr: '' }); // scanned for leaks below
    const text = await airlock('test-run', '-w', WS, '-e', 'credit-ep', '--data', data('credit.json'), '-n', '4', '-c', '2');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^LATENCY \(ms\)\s+P50\s+P90\s+P95\s+P99/m);
    expect(text.stdout).toMatch(/^200\s+4$/m);
  }, 120_000);

  it.each([
    [['invoke', '--help'], 0],
    [['endpoints', '--help'], 0],
    [['deployments', '--help'], 0],
    [['test-run', '--help'], 0],
    [['history', '--help'], 0],
    [['invoke', '-w', WS, '-e', 'credit-ep', '--data', 'x.json', '--via', 'carrier-pigeon'], 2],
    [['invoke', '-w', WS, '--data', 'x.json'], 2],
    [['endpoints', '-w', WS, '--bogus'], 2],
    [['deployments', '-w', WS], 2],
    [['test-run', '-w', WS, '-e', 'credit-ep', '--data', 'x.json', '--requests', 'lots', '--concurrency', '2'], 2],
    [['history', 'rerun'], 2],
  ])('%j: exit %i, no stack', async (args, code) => {
    const run = await airlock(...args);
    expect(run.code).toBe(code);
    if (code === 0) expect(run.stdout).toMatch(/^Usage: airlock /);
    else expect(run.stderr).toMatch(/^airlock: .*\n\nUsage: airlock /);
    noStack(run.stderr);
  });

  it('leak scan: no token marker, JWT or endpoint key in any stdout or stderr', async () => {
    expect(runs.length).toBeGreaterThan(10);
    const keys = Object.values(JSON.parse(await readFile(path.join(state, 'sandbox', 'endpoint-credentials.json'), 'utf8')) as Record<string, unknown>);
    const keyStrings = JSON.stringify(keys).match(/"[A-Za-z0-9+/=_-]{24,}"/g) ?? [];
    const everything = runs.map((r) => `${r.stdout}\n${r.stderr}`).join('\n');
    expect(everything).not.toContain(MARKER);
    expect(JWT.test(everything), 'a JWT in CLI output').toBe(false);
    for (const key of keyStrings) expect(everything.includes(key.slice(1, -1)), 'an endpoint key in CLI output').toBe(false);
  });
});
