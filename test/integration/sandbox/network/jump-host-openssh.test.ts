// Debian's OpenSSH client against the sandbox jump host: -L and -J reach a private HTTPS service with the
// host key pinned; forwarding anywhere else is refused and logged; a different pinned key, an unknown user
// or a wrong key fail; sessions, exec and remote forwarding are refused.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import ssh2, { type ParsedKey, type PublicKeyAuthMethod } from 'ssh2';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PrivateNetwork } from '../../../../sandbox/context';
import { startJumpHost, type JumpHost } from '../../../../sandbox/network/jump-host';
import { createPrivateNetwork } from '../../../../sandbox/network/private-network';
import { knownHostsLine } from '../../../../sandbox/network/ssh-fingerprint';
import { createTestContext, type TestContext } from '../../../support/sandbox/test-context';
import {
  closedWithoutData,
  createSshRunner,
  freePort,
  privateGet,
  SCORING_HOST,
  startStandInService,
  tempDir,
  waitForPort,
  writeSshConfig,
  type StandIn,
} from './network-fixtures';

let ctx: TestContext;
let network: PrivateNetwork;
let standIn: StandIn;
let jumpHost: JumpHost;
const ssh = createSshRunner();

const keyOf = (login: string) => {
  const user = jumpHost.users.find((u) => u.login === login);
  if (!user) throw new Error(`no key for ${login}`);
  return user.privateKeyPath;
};

async function configFor(identity: string, knownHosts = [jumpHost.knownHostsLine()]): Promise<string> {
  return writeSshConfig(await tempDir(), { knownHosts, identity });
}

beforeAll(async () => {
  ctx = await createTestContext();
  network = createPrivateNetwork();
  standIn = await startStandInService(ctx, network);
  jumpHost = await startJumpHost(ctx, { network });
});

afterEach(async () => {
  await ssh.killAll();
});

afterAll(async () => {
  await ssh.killAll();
  await jumpHost.stop();
  await standIn.stop();
});

describe('jump host with OpenSSH', () => {
  it('forwards -L to a private endpoint and refuses every other target', async () => {
    const config = await configFor(keyOf('alice'));
    const [local, outside, loopback, otherPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const proc = ssh.spawn([
      '-F', config, '-N', '-p', String(jumpHost.port),
      '-L', `127.0.0.1:${local}:${SCORING_HOST}:443`,
      '-L', `127.0.0.1:${outside}:example.com:443`,
      '-L', `127.0.0.1:${loopback}:127.0.0.1:${standIn.port}`,
      '-L', `127.0.0.1:${otherPort}:${SCORING_HOST}:22`,
      'alice@127.0.0.1',
    ]);
    await waitForPort(local, proc);

    const response = await privateGet({ port: local }, SCORING_HOST, ctx.ca.certPem);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ ok: true, host: SCORING_HOST });

    expect(await closedWithoutData(outside)).toBe(true);
    expect(await closedWithoutData(loopback)).toBe(true);
    expect(await closedWithoutData(otherPort)).toBe(true);
    await expect(privateGet({ port: outside }, SCORING_HOST, ctx.ca.certPem)).rejects.toThrow();

    const refused = ctx.events.filter((e) => e.event === 'jumphost.forward.refused').map((e) => e.fields);
    expect(refused).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ user: 'alice', target: 'example.com:443' }),
        expect.objectContaining({ user: 'alice', target: `127.0.0.1:${standIn.port}` }),
        expect.objectContaining({ user: 'alice', target: `${SCORING_HOST}:22` }),
      ]),
    );
    expect(JSON.stringify(ctx.events)).not.toContain('PRIVATE KEY');
  });

  it('reaches the private endpoint through -J via the jumpbox private name', async () => {
    const { hostname, port } = jumpHost.privateName;
    const config = await configFor(keyOf('alice'), [jumpHost.knownHostsLine(), jumpHost.knownHostsLine(hostname, port)]);
    const local = await freePort();
    const proc = ssh.spawn(['-F', config, '-N', '-J', `alice@127.0.0.1:${jumpHost.port}`, '-L', `127.0.0.1:${local}:${SCORING_HOST}:443`, `alice@${hostname}`]);
    await waitForPort(local, proc);
    const response = await privateGet({ port: local }, SCORING_HOST, ctx.ca.certPem);
    expect(response.status).toBe(200);
    expect(ctx.events).toContainEqual({ event: 'jumphost.forward.opened', fields: { user: 'alice', target: `${hostname}:${port}` } });
  });

  it('fails host key verification when a different key is pinned', async () => {
    const other = ssh2.utils.generateKeyPairSync('ed25519');
    const config = await configFor(keyOf('alice'), [knownHostsLine('127.0.0.1', jumpHost.port, other.public)]);
    const proc = ssh.spawn(['-F', config, '-N', '-p', String(jumpHost.port), 'alice@127.0.0.1']);
    expect(await proc.exit()).toBe(255);
    expect(proc.stderr()).toContain('Host key verification failed');
  });

  it.each([
    ['an unknown user', 'mallory', 'alice'],
    ["another user's key", 'alice', 'bob'],
    ['a user without sshAccess', 'carol', 'alice'],
  ])('refuses %s', async (_case, login, keyOwner) => {
    const config = await configFor(keyOf(keyOwner));
    const proc = ssh.spawn(['-F', config, '-N', '-p', String(jumpHost.port), `${login}@127.0.0.1`]);
    expect(await proc.exit()).toBe(255);
    expect(proc.stderr()).toContain('Permission denied (publickey)');
    expect(ctx.events).toContainEqual(expect.objectContaining({ event: 'jumphost.auth.refused', fields: expect.objectContaining({ user: login }) as unknown }));
  });

  it('refuses a remote command and remote forwarding', async () => {
    const config = await configFor(keyOf('bob'));
    const exec = ssh.spawn(['-F', config, '-p', String(jumpHost.port), 'bob@127.0.0.1', 'id']);
    expect(await exec.exit()).toBe(255);
    const remote = ssh.spawn(['-F', config, '-N', '-p', String(jumpHost.port), '-R', '0:127.0.0.1:9', 'bob@127.0.0.1']);
    expect(await remote.exit()).toBe(255);
    expect(remote.stderr()).toMatch(/remote port forwarding failed/i);
    expect(ctx.events).toContainEqual({ event: 'jumphost.session.refused', fields: { user: 'bob' } });
    expect(ctx.events).toContainEqual({ event: 'jumphost.request.refused', fields: { user: 'bob', request: 'tcpip-forward' } });
  });

  it('refuses password authentication', async () => {
    const client = new ssh2.Client();
    const failed = new Promise<Error>((resolve) => client.once('error', resolve));
    client.connect({
      host: '127.0.0.1',
      port: jumpHost.port,
      username: 'alice',
      password: 'Airlock-Sandbox-1!',
      tryKeyboard: true,
      hostVerifier: (key: Buffer) => key.toString('base64') === jumpHost.hostPublicKey.split(' ')[1],
    });
    expect((await failed).message).toMatch(/authentication methods failed/i);
    client.end();
  });

  it("refuses alice's public key signed with another key", async () => {
    const alice = ssh2.utils.parseKey(await readFile(keyOf('alice'), 'utf8'));
    const bob = ssh2.utils.parseKey(await readFile(keyOf('bob'), 'utf8'));
    if (alice instanceof Error || bob instanceof Error) throw new Error('keys do not parse');
    const forged: ParsedKey = Object.create(alice) as ParsedKey;
    forged.sign = (data, algo) => bob.sign(data, algo);
    const method: PublicKeyAuthMethod = { type: 'publickey', username: 'alice', key: forged };
    const client = new ssh2.Client();
    const failed = new Promise<Error>((resolve) => client.once('error', resolve));
    client.connect({
      host: '127.0.0.1',
      port: jumpHost.port,
      username: 'alice',
      authHandler: [method],
      hostVerifier: (key: Buffer) => key.toString('base64') === jumpHost.hostPublicKey.split(' ')[1],
    });
    expect((await failed).message).toMatch(/authentication methods failed/i);
    client.end();
    expect(ctx.events).toContainEqual({ event: 'jumphost.auth.refused', fields: { user: 'alice', method: 'publickey', reason: 'bad signature' } });
  });

  it('keeps keys on disk with private permissions', async () => {
    const file = path.join(ctx.stateDir, 'ssh', 'alice');
    expect(keyOf('alice')).toBe(file);
    expect((await readFile(`${file}.pub`, 'utf8')).startsWith('ssh-ed25519 ')).toBe(true);
  });
});
