// Test connection over the REAL SSH jump host route (engineer D's driver) against the whole sandbox: route
// (host key pinned from environment.json, alice's key) → channel by the scoring host's real name → TLS with the
// environment's CA → http 401. A wrong pinned key stops at route with both fingerprints in words.
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnvironmentFile, type Environment } from '../../../../electron/services/environments';
import { silentLogger, systemClock } from '../../../../electron/services/ports';
import { createEnvironmentTrust, createJumpDriver, createKnownHostsStore, runConnectionTest, type RouteConnection } from '../../../../electron/services/routes';
import { startSandbox, type RunningSandbox } from '../../../../sandbox/start-sandbox';

let sandbox: RunningSandbox;
let env: Environment;
let stateDir: string;
let scoringHost: string;
const opened: RouteConnection[] = [];

const loopbackOnly = {
  connect(host: string, port: number): Socket {
    if (host !== '127.0.0.1') throw new Error(`tests dial loopback only, not ${host}`);
    return connect({ host, port });
  },
};

beforeAll(async () => {
  stateDir = await mkdtemp(path.join(tmpdir(), 'airlock-test-connection-jump-'));
  sandbox = await startSandbox({ stateDir: path.join(stateDir, 'sandbox') });
  env = await loadEnvironmentFile(sandbox.environmentPath);
  const records = sandbox.environment.dnsMap.records;
  scoringHost = Object.keys(records).find((name) => name.endsWith('.inference.ml.azure.com') && records[name]?.cname)!;
}, 60_000);

afterAll(async () => {
  await Promise.all(opened.map((c) => c.close()));
  await sandbox?.stop();
  await rm(stateDir, { recursive: true, force: true });
});

async function jumpTest(pinned: string) {
  const alice = sandbox.environment.users.find((u) => u.username.startsWith('alice'))!;
  const jump = env.network.jumpHost!;
  const driver = createJumpDriver(
    { host: jump.host, port: jump.port, hostKeySha256: pinned },
    {
      username: alice.sshLogin!,
      auth: { kind: 'key-file', path: alice.sshPrivateKeyPath! },
      connector: loopbackOnly,
      hostKey: { allowFirstUse: false, store: createKnownHostsStore(await mkdtemp(path.join(stateDir, 'known-'))).forEnvironment('test') },
      logger: silentLogger,
      clock: systemClock,
    },
  );
  return runConnectionTest({
    host: scoringHost,
    via: 'jump',
    ca: await createEnvironmentTrust().caFor(env),
    ensureRoute: async (signal) => {
      const connection = await driver.connect(signal);
      opened.push(connection);
      return connection;
    },
  });
}

describe('Test connection over the sandbox SSH jump host', () => {
  it('route → channel → tls → http 401, all ok', async () => {
    const result = await jumpTest(env.network.jumpHost!.hostKeySha256!);
    expect(result.steps.map((s) => [s.name, s.ok])).toEqual([
      ['route', true],
      ['channel', true],
      ['tls', true],
      ['http', true],
    ]);
    expect(result.steps[3]).toMatchObject({ status: 401, detail: 'The endpoint answers and asks for credentials (401).' });
  }, 30_000);

  it('a changed host key stops at route, both fingerprints in words', async () => {
    const wrong = `SHA256:${'Q'.repeat(43)}`;
    const result = await jumpTest(wrong);
    expect(result.steps[0]).toMatchObject({ name: 'route', ok: false, code: 'E_HOST_KEY_CHANGED' });
    expect(result.steps[0]!.cause).toContain(wrong);
    expect(result.steps[0]!.cause).toContain(env.network.jumpHost!.hostKeySha256!);
    expect(result.steps.slice(1).every((s) => s.skipped)).toBe(true);
  }, 30_000);
});
