// The sandbox's syslog collector: RFC 5425 (syslog over TLS, octet-counted RFC 5424 messages) on loopback,
// with a sandbox-CA certificate for localhost and 127.0.0.1, so Airlock's audit forwarding is tested against
// a real socket. It keeps what it received (in process, and one JSON line each in
// <stateDir>/syslog/received.jsonl), records what it could not read as problems, and can go down and come
// back on the same port to play an outage. Like a real collector it never answers the sender. It also counts
// Airlock records as a de-duplicating collector keeps them: one per sender and seq (from the message's
// [airlock@32473 seq hash]); a repeat with the same hash is dropped from the count (a re-send after a broken
// connection), one with another hash is a conflict (not the same record). received() still lists every message.
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

/** Airlock records as a collector that drops repeats counts them (key: HOSTNAME and seq). */
export interface AirlockRecordCount {
  /** Distinct records kept. */
  readonly unique: number;
  /** Messages that repeated a record already kept (same seq and hash): dropped. */
  readonly repeats: number;
  /** Messages with a seq already kept but another hash: not the same record. */
  readonly conflicts: number;
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
  /** Airlock records counted once each by seq (what a de-duplicating collector would keep). */
  airlockRecords(): AirlockRecordCount;
  /** Resolves once `done(received)` holds (checked on every message and problem), with the file written up to there. */
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
/** The SD-ID Airlock's forwarder puts seq and hash in (electron/services/audit/forwarding/syslog-message.ts). */
const AIRLOCK_SD_ID = 'airlock@32473';

export async function startSyslogReceiver(ctx: SandboxContext, options: SyslogReceiverOptions = {}): Promise<SyslogReceiver> {
  const { keyPem, certPem } = await ctx.ca.issue({ dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });
  const dir = path.join(ctx.stateDir, 'syslog');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, 'received.jsonl');

  let received: ReceivedSyslog[] = [];
  let problems: SyslogProblem[] = [];
  let kept = new Map<string, string>();
  let repeats = 0;
  let conflicts = 0;
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
  const wake = (): void => {
    for (const check of [...waiters]) check();
  };
  const problem = (connection: number, words: string): void => {
    problems.push({ connection, problem: words });
    ctx.log('syslog.problem', { connection, problem: words });
    write({ connection, problem: words });
    wake();
  };

  /** Counts an Airlock record once per sender and seq; says whether this message repeated one. */
  const count = (message: SyslogMessage): 'new' | 'repeat' | 'conflict' | null => {
    const sd = message.structuredData[AIRLOCK_SD_ID];
    if (sd?.seq === undefined || sd.hash === undefined) return null;
    const key = `${message.hostname ?? '-'} ${sd.seq}`;
    const known = kept.get(key);
    if (known === undefined) {
      kept.set(key, sd.hash);
      return 'new';
    }
    if (known === sd.hash) repeats += 1;
    else conflicts += 1;
    return known === sd.hash ? 'repeat' : 'conflict';
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
        const counted = count(parsed.message);
        write({ connection, message: parsed.message, ...(counted === 'repeat' || counted === 'conflict' ? { airlock: counted } : {}) });
      }
      if (error) {
        problem(connection, error);
        socket.destroy();
      }
      if (frames.length > 0) wake();
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
    airlockRecords: () => ({ unique: kept.size, repeats, conflicts }),
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
      kept = new Map();
      repeats = 0;
      conflicts = 0;
    },
    async stop() {
      await close();
      await writing;
    },
  };
}
