// Keys and lifecycle of the jump host: user and host keys are OpenSSH-readable, 0600, stable per state
// directory (the fingerprint matches `ssh-keygen -lf`); stop() ends client connections; the forwarding
// rule refuses address literals, loopback names, unknown names and unpublished ports.
import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { decideForward } from '../../../../sandbox/network/jump-host-forwarding';
import { startJumpHost } from '../../../../sandbox/network/jump-host';
import { jumpboxVm } from '../../../../sandbox/network/jumpbox-vm';
import { createPrivateNetwork } from '../../../../sandbox/network/private-network';
import { ensureHostKey } from '../../../../sandbox/network/ssh-host-key';
import { ensureUserKeys, sshLoginOf } from '../../../../sandbox/network/ssh-user-keys';
import { createTestContext } from '../../../support/sandbox/test-context';
import { createSshRunner, freePort, SCORING_HOST, startStandInService, tempDir, waitForPort, writeSshConfig } from './network-fixtures';

const run = promisify(execFile);
const ssh = createSshRunner();

afterEach(async () => {
  await ssh.killAll();
});

describe('SSH keys', () => {
  it('generates OpenSSH-readable user keys once per state directory, 0600', async () => {
    const ctx = await createTestContext();
    const first = await ensureUserKeys(ctx);
    expect(first.map((k) => [k.login, k.username])).toEqual([
      ['alice', 'alice@contoso.test'],
      ['bob', 'bob@contoso.test'],
    ]);
    const again = await ensureUserKeys(ctx);
    expect(again.map((k) => k.publicKeyLine)).toEqual(first.map((k) => k.publicKeyLine));
    for (const key of first) {
      expect((await stat(key.privateKeyPath)).mode & 0o777).toBe(0o600);
      const { stdout } = await run('/usr/bin/ssh-keygen', ['-y', '-f', key.privateKeyPath]);
      expect(stdout.trim().split(' ').slice(0, 2)).toEqual(key.publicKeyLine.split(' ').slice(0, 2));
    }
  });

  it('keeps one host key per state directory whose fingerprint matches ssh-keygen -lf', async () => {
    const ctx = await createTestContext();
    const key = await ensureHostKey(ctx.stateDir);
    expect((await ensureHostKey(ctx.stateDir)).sha256).toBe(key.sha256);
    const file = path.join(ctx.stateDir, 'ssh-host', 'ssh_host_ed25519_key');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const { stdout } = await run('/usr/bin/ssh-keygen', ['-l', '-E', 'sha256', '-f', file]);
    expect(stdout.split(' ')[1]).toBe(key.sha256);
    expect((await readFile(`${file}.pub`, 'utf8')).startsWith(key.publicKeyLine)).toBe(true);
    const other = await createTestContext();
    expect((await ensureHostKey(other.stateDir)).sha256).not.toBe(key.sha256);
  });

  it('takes the local part of the e-mail as the login', () => {
    expect(sshLoginOf('alice@contoso.test')).toBe('alice');
    expect(() => sshLoginOf('-oProxyCommand@x.test')).toThrow();
  });
});

describe('jump host lifecycle and routing rule', () => {
  it('keeps its host key across restarts and ends client connections on stop()', async () => {
    const ctx = await createTestContext();
    const network = createPrivateNetwork();
    const standIn = await startStandInService(ctx, network);
    const first = await startJumpHost(ctx, { network });
    const fingerprint = first.hostKeySha256;
    await first.stop();
    const jumpHost = await startJumpHost(ctx, { network });
    expect(jumpHost.hostKeySha256).toBe(fingerprint);
    expect(network.route(jumpboxVm(ctx.seed).hostname, 22)).toEqual({ host: '127.0.0.1', port: jumpHost.port });

    const alice = jumpHost.users.find((u) => u.login === 'alice');
    const config = await writeSshConfig(await tempDir(), { knownHosts: [jumpHost.knownHostsLine()], identity: alice?.privateKeyPath ?? '' });
    const local = await freePort();
    const proc = ssh.spawn(['-F', config, '-N', '-p', String(jumpHost.port), '-L', `127.0.0.1:${local}:${SCORING_HOST}:443`, 'alice@127.0.0.1']);
    await waitForPort(local, proc);
    await jumpHost.stop();
    expect(await proc.exit()).toBe(255);
    await standIn.stop();
  });

  it('routes only published private names', () => {
    const network = createPrivateNetwork();
    network.publish({ hostname: SCORING_HOST, port: 443, loopbackPort: 40443 });
    expect(decideForward(network, SCORING_HOST, 443)).toMatchObject({ allowed: true, loopbackPort: 40443 });
    expect(decideForward(network, SCORING_HOST.toUpperCase(), 443)).toMatchObject({ allowed: true });
    for (const [host, port] of [
      [SCORING_HOST, 22],
      ['127.0.0.1', 40443],
      ['::1', 40443],
      ['[::1]', 40443],
      ['localhost', 40443],
      ['example.com', 443],
      ['', 443],
    ] as const) {
      expect(decideForward(network, host, port).allowed).toBe(false);
    }
  });

  it('routes the private addresses the network publishes, and no other address', () => {
    const network = createPrivateNetwork();
    network.publish({ hostname: SCORING_HOST, port: 443, loopbackPort: 40443, addressGroup: 'ws' });
    network.publish({ hostname: 'jumpbox.internal.sandbox', port: 22, loopbackPort: 40022, privateAddress: '10.0.2.4' });
    network.publishPublic({ hostname: 'bst-x.bastion.sandbox.test', port: 443, loopbackPort: 40200, publicAddress: '20.61.10.4' });
    expect(decideForward(network, '10.0.1.4', 443)).toMatchObject({ allowed: true, loopbackPort: 40443 });
    expect(decideForward(network, '10.0.2.4', 22)).toMatchObject({ allowed: true, loopbackPort: 40022 });
    for (const [host, port] of [
      ['10.0.1.4', 22],
      ['10.0.1.5', 443],
      ['10.0.2.4', 443],
      ['192.168.1.1', 443],
      ['20.61.10.4', 443],
      ['bst-x.bastion.sandbox.test', 443],
      ['::ffff:10.0.1.4', 443],
      ['[::ffff:10.0.1.4]', 443],
      ['010.0.1.4', 443],
      ['10.0.1.4.', 443],
      ['127.0.0.1', 40443],
      ['0.0.0.0', 40443],
    ] as const) {
      expect(decideForward(network, host, port).allowed, `${host}:${port}`).toBe(false);
    }
  });
});
