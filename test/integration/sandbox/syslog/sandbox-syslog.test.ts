// The syslog collector as part of the whole sandbox: started with the rest, described in environment.json
// (host, port, the CA to trust, where it writes what it received) and in the summary, and stopped with it.
import { mkdtemp, readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxEnvironment } from '../../../../sandbox/environment/environment-file';
import { startSandbox, type RunningSandbox } from '../../../../sandbox/start-sandbox';
import { summary } from '../../../../sandbox/summary';

let sandbox: RunningSandbox;
let stopped = false;

beforeAll(async () => {
  sandbox = await startSandbox({ stateDir: await mkdtemp(path.join(tmpdir(), 'airlock-sandbox-syslog-')) });
});
afterAll(async () => {
  if (!stopped) await sandbox.stop();
});

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

describe('the sandbox with its syslog collector', () => {
  it('describes the collector in environment.json and the summary', async () => {
    const written = JSON.parse(await readFile(sandbox.environmentPath, 'utf8')) as SandboxEnvironment;
    expect(written.syslog).toEqual({
      host: 'localhost',
      port: sandbox.syslog.port,
      protocol: 'RFC 5425',
      caCertPath: written.caCertPath,
      receivedFile: path.join(path.dirname(sandbox.environmentPath), 'syslog', 'received.jsonl'),
    });
    const text = summary(written, sandbox.environmentPath, 1000);
    expect(text).toContain(`Syslog     localhost:${sandbox.syslog.port}`);
    expect(await portOpen(sandbox.syslog.port)).toBe(true);
  });

  it('stops the collector with the rest', async () => {
    const port = sandbox.syslog.port;
    await sandbox.stop();
    stopped = true;
    expect(await portOpen(port)).toBe(false);
  });
});
