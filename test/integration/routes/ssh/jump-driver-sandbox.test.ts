// The jump driver as wave 2 will wire it: the whole sandbox running, its environment.json read for the jump host
// (host, port, pinned SHA256) and a seed user's SSH login and key file, then a stream by private name to a
// scoring host the private network publishes, with TLS verified against that name and the sandbox's CA.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxEnvironment } from '../../../../sandbox/environment/environment-file';
import { startSandbox, type RunningSandbox } from '../../../../sandbox/start-sandbox';
import { systemClock } from '../../../../electron/services/ports';
import { createJumpDriver, createKnownHostsStore, type HostKeyEvent } from '../../../../electron/services/routes';
import { privateGet } from '../../sandbox/network/network-fixtures';
import { loopbackConnector, recordingLogger, tempFolder } from './route-fixtures';

let sandbox: RunningSandbox;
let env: SandboxEnvironment;
let ca: string;

beforeAll(async () => {
  sandbox = await startSandbox({ stateDir: await mkdtemp(path.join(tmpdir(), 'airlock-jump-driver-')) });
  env = JSON.parse(await readFile(sandbox.environmentPath, 'utf8')) as SandboxEnvironment;
  ca = await readFile(env.caCertPath, 'utf8');
});

afterAll(async () => {
  await sandbox?.stop();
});

describe('jump driver against the running sandbox', () => {
  it('connects to environment.json’s jump host as a seed user and reaches a private scoring host by name', async () => {
    const user = env.users.find((u) => u.sshLogin && u.sshPrivateKeyPath);
    if (!user?.sshLogin || !user.sshPrivateKeyPath) throw new Error('the seed has no SSH user');
    // A scoring host the private network publishes (a name, not an address: the jump host resolves it).
    const scoringHost = Object.keys(env.dnsMap.servicePorts)
      .map((key) => key.split(':'))
      .find(([name, port]) => port === '443' && name?.includes('.inference.'))?.[0];
    if (!scoringHost) throw new Error('no private scoring host in environment.json');
    const events: HostKeyEvent[] = [];
    const logger = recordingLogger();
    const driver = createJumpDriver(env.jumpHost, {
      username: user.sshLogin,
      auth: { kind: 'key-file', path: user.sshPrivateKeyPath },
      connector: loopbackConnector,
      hostKey: { allowFirstUse: false, store: createKnownHostsStore(await tempFolder('airlock-known-')).forEnvironment('test') },
      onHostKeyEvent: (e) => events.push(e),
      logger,
      clock: systemClock,
    });
    const route = await driver.connect(new AbortController().signal);
    try {
      expect(events.map((e) => e.kind)).toEqual(['pinned-match']);
      const response = await privateGet({ stream: await route.openStream(scoringHost, 443) }, scoringHost, ca);
      // The scoring server answers (an unauthenticated GET is refused by the endpoint, not by the route).
      expect(response.status).toBeGreaterThanOrEqual(200);
      expect(route.bytes.in).toBeGreaterThan(0);
    } finally {
      await route.close();
    }
    expect(JSON.stringify(logger.lines)).not.toMatch(/PRIVATE KEY|BEGIN OPENSSH/);
  });
});
