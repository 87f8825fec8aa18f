// The floor under any jump-host route on this machine: a bare TCP relay in a process of its own (Node's net,
// Nagle off both ways, no SSH, no crypto) in front of a loopback port. A scoring request through it crosses
// processes four times, as one through a jump host does; what it adds to direct, at p50 and above all at
// p99, is what the route benches cannot blame on an SSH client.
import { spawn } from 'node:child_process';
import { once } from 'node:events';

const RELAY = `
const net = require('node:net');
const target = Number(process.argv[1]);
const server = net.createServer((inbound) => {
  inbound.setNoDelay(true);
  const outbound = net.connect(target, '127.0.0.1');
  outbound.setNoDelay(true);
  inbound.pipe(outbound).on('error', () => inbound.destroy());
  outbound.pipe(inbound).on('error', () => outbound.destroy());
  inbound.on('error', () => outbound.destroy());
  outbound.on('error', () => inbound.destroy());
});
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
`;

export async function startTcpRelayProcess(targetPort: number): Promise<{ port: number; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['-e', RELAY, String(targetPort)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await Promise.race([once(child.stdout, 'data'), once(child, 'exit').then(() => Promise.reject(new Error('the relay process exited before it listened')))])) as [Buffer];
  const port = Number(line.toString('utf8').trim());
  return {
    port,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    },
  };
}
