// The sandbox's syslog collector: RFC 5425 (syslog over TLS, octet-counted RFC 5424 messages) on loopback,
// with a sandbox-CA certificate for localhost and 127.0.0.1, so Airlock's audit forwarding is tested against
// a real socket. It keeps what it received (in process, and one JSON line each in
// <stateDir>/syslog/received.jsonl), records what it could not read as problems, and can go down and come
// back on the same port to play an outage. Like a real collector it never answers the sender.
// Never listens beyond loopback; never keeps more than a frame per connection in memory.
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createServer, type Server, type TLSSocket } from 'node:tls';
import type { RunningPart, SandboxContext } from '../context';
import { trackServer, type TrackedServer } from '../server-sockets';
import { createFrameSplitter } from './octet-frames';
import { parseSyslogMessage, type SyslogMessage } from './syslog-message';

export interface ReceivedSyslog {
  /** Which connection it came on (1, 2, … in the order they were accepted). */
  readonly connection: number;
  readonly message: SyslogMessage;
}

export interface SyslogProblem {
  /** 0: before a connection was established (e.g. the TLS handshake failed). */
  readonly connection: number;
  readonly problem: string;
}

export interface SyslogReceiver extends RunningPart {
  /** The name its certificate is for (and 127.0.0.1). */
  readonly host: 'localhost';
  readonly address: '127.0.0.1';
  readonly port: number;
  /** The CA a sender must trust: the sandbox's. */
  readonly caCertPath: string;
  /** <stateDir>/syslog/received.jsonl */
  readonly file: string;
  received(): readonly ReceivedSyslog[];
  problems(): readonly SyslogProblem[];
  /** Resolves once `done(received)` holds (checked on every message), with the file written up to there. */
  waitFor(done: (received: readonly ReceivedSyslog[]) => boolean): Promise<void>;
  /** Resolves once every line so far is in the file. */
  flush(): Promise<void>;
  openConnections(): number;
  /** Stops listening and drops every connection, as a collector that went down; the port is kept. */
  simulateOutage(): Promise<void>;
  /** Listens again on the same port. */
  endOutage(): Promise<void>;
  /** Forgets what was received so far (the file keeps it). */
  clear(): void;
}

export interface SyslogReceiverOptions {
  readonly port?: number;
  /** The largest message accepted, in octets. Default 64 KiB (RFC 5425 asks for at least 2048). */
  readonly maxMessage?: number;
}

const MAX_CONNECTIONS = 32;

export async function startSyslogReceiver(ctx: SandboxContext, options: SyslogReceiverOptions = {}): Promise<SyslogReceiver> {
  const { keyPem, certPem } = await ctx.ca.issue({ dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });
  const dir = path.join(ctx.stateDir, 'syslog');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, 'received.jsonl');

  let received: ReceivedSyslog[] = [];
  let problems: SyslogProblem[] = [];
  let writing: Promise<void> = Promise.resolve();
  const waiters = new Set<() => void>();
  let connections = 0;
  let open = 0;
  let port = options.port ?? 0;
  let listening: { server: Server; tracked: TrackedServer } | null = null;

  const write = (line: Record<string, unknown>): void => {
    const text = `${JSON.stringify({ at: ctx.now().toISOString(), ...line })}\n`;
    writing = writing.then(() => appendFile(file, text, { mode: 0o600 })).catch((error: unknown) => ctx.log('syslog.write_failed', { error: String(error) }));
  };
  const problem = (connection: number, words: string): void => {
    problems.push({ connection, problem: words });
    ctx.log('syslog.problem', { connection, problem: words });
    write({ connection, problem: words });
  };

  function accept(socket: TLSSocket): void {
    connections += 1;
    const connection = connections;
    if (open >= MAX_CONNECTIONS) {
      problem(connection, `more than ${MAX_CONNECTIONS} connections at once; this one was closed`);
      socket.destroy();
      return;
    }
    open += 1;
    socket.once('close', () => (open -= 1));
    socket.on('error', (error: Error) => ctx.log('syslog.connection_error', { connection, error: error.message }));
    const splitter = createFrameSplitter(options.maxMessage ?? 65_536);
    socket.on('data', (chunk: Buffer) => {
      const { frames, error } = splitter.push(chunk);
      for (const frame of frames) {
        const parsed = parseSyslogMessage(frame);
        if (!parsed.ok) {
          problem(connection, parsed.error);
          continue;
        }
        received.push({ connection, message: parsed.message });
        write({ connection, message: parsed.message });
      }
      if (error) {
        problem(connection, error);
        socket.destroy();
      }
      if (frames.length > 0) for (const wake of [...waiters]) wake();
    });
  }

  async function listen(): Promise<void> {
    const server = createServer({ key: keyPem, cert: certPem, minVersion: 'TLSv1.2' }, accept);
    server.on('tlsClientError', (error) => problem(0, `a TLS handshake failed: ${error.message}`));
    const tracked = trackServer(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, ctx.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    if (address && typeof address === 'object') port = address.port;
    listening = { server, tracked };
    ctx.log('syslog.listening', { port });
  }

  async function close(): Promise<void> {
    const current = listening;
    listening = null;
    await current?.tracked.close();
  }

  await listen();

  return {
    name: 'syslog',
    host: 'localhost',
    address: ctx.host,
    get port() {
      return port;
    },
    caCertPath: ctx.ca.certPath,
    file,
    received: () => received,
    problems: () => problems,
    waitFor(done) {
      return new Promise<void>((resolve) => {
        const check = () => {
          if (!done(received)) return;
          waiters.delete(check);
          void writing.then(resolve);
        };
        waiters.add(check);
        check();
      });
    },
    flush: () => writing,
    openConnections: () => open,
    async simulateOutage() {
      await close();
      ctx.log('syslog.outage', { port });
    },
    async endOutage() {
      if (!listening) await listen();
    },
    clear() {
      received = [];
      problems = [];
    },
    async stop() {
      await close();
      await writing;
    },
  };
}
