// Test connection: walks one endpoint host over one route, step by step — vpn: dns (private answer + CNAME
// chain) → tcp → tls → http; jump/bastion: route (host key, SSH sign-in, Bastion token + WebSocket) →
// channel → tls → http — timing each and stopping at the first failure, whose cause it puts in words. The
// http step sends ONE request without credentials and reports only its status: it never sends a token, never
// keeps a body, and never closes the route (the route manager owns it); its own stream and socket are closed.
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { Client } from 'undici';
import { AirlockError } from '../../../../shared/errors/airlock-error';
import { handshakeOverStream, openRouteStream } from '../http/route-tls';
import type { RouteConnection } from '../route-types';
import { STEPS_BY_VIA, type ConnectionTestOptions, type ConnectionTestResult, type ConnectionTestStep, type ConnectionTestStepName } from './connection-test-types';
import { httpAnswer, stepCause } from './step-causes';

const DEFAULT_STEP_TIMEOUT_MS = 10_000;
/** The http step reads at most this much of an answer (and keeps none of it). */
const HTTP_READ_CAP = 64 * 1024;

interface StepOutcome<T> {
  readonly value: T;
  readonly detail?: string;
  readonly ok?: boolean;
  readonly status?: number;
  readonly cause?: string;
}

/** Runs `work` with a signal that aborts at the step's deadline or the caller's cancel; settles then even if `work` ignores it. */
function withDeadline<T>(work: (signal: AbortSignal) => Promise<T>, ms: number, outer: AbortSignal | undefined): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new AirlockError('E_TIMEOUT', { message: 'This step did not finish in time.' })), ms);
  const onOuter = () => controller.abort(outer?.reason instanceof Error ? outer.reason : new AirlockError('E_TIMEOUT', { message: 'The test was stopped.' }));
  if (outer?.aborted) onOuter();
  else outer?.addEventListener('abort', onOuter, { once: true });
  const aborted = new Promise<never>((_, reject) => {
    const fail = () => reject(controller.signal.reason as Error);
    if (controller.signal.aborted) fail();
    else controller.signal.addEventListener('abort', fail, { once: true });
  });
  return Promise.race([work(controller.signal), aborted]).finally(() => {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onOuter);
  });
}

async function askWithoutCredentials(socket: TLSSocket, host: string, port: number, path: string, signal: AbortSignal): Promise<number> {
  const client = new Client(`https://${host}:${port}`, { pipelining: 1, headersTimeout: 0, bodyTimeout: 0, // undici expects its connector to answer asynchronously (a synchronous answer leaves the request queued forever).
    connect: (_params, callback) => process.nextTick(() => callback(null, socket)),
  });
  try {
    const answer = await client.request({ path, method: 'GET', headers: { accept: 'application/json' }, signal });
    let read = 0;
    for await (const chunk of answer.body as AsyncIterable<Buffer>) {
      read += chunk.length;
      if (read > HTTP_READ_CAP) break;
    }
    return answer.statusCode;
  } finally {
    await client.destroy().catch(() => undefined);
  }
}

function certificateDetail(socket: TLSSocket, host: string): string {
  const names = socket.getPeerCertificate().subjectaltname?.replace(/DNS:/g, '').slice(0, 200);
  return `Certificate verified for ${host}${names ? ` (names: ${names})` : ''}, ${socket.getProtocol() ?? 'TLS'}.`;
}

export async function runConnectionTest(options: ConnectionTestOptions): Promise<ConnectionTestResult> {
  const { host, via } = options;
  const port = options.port ?? 443;
  const now = options.now ?? (() => performance.now());
  const startedAt = (options.wallClock?.() ?? new Date()).toISOString();
  const stepTimeoutMs = options.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
  const began = now();
  const steps: ConnectionTestStep[] = [];
  let failed = false;
  let connection: RouteConnection | undefined;
  let stream: Duplex | undefined;
  let socket: TLSSocket | undefined;

  async function step<T>(name: ConnectionTestStepName, work: (signal: AbortSignal) => Promise<StepOutcome<T>>): Promise<T | undefined> {
    if (failed) return undefined;
    const started = now();
    try {
      const outcome = await withDeadline(work, stepTimeoutMs, options.signal);
      const ok = outcome.ok ?? true;
      failed = !ok;
      steps.push({
        name,
        ok,
        ms: now() - started,
        ...(outcome.detail ? { detail: outcome.detail } : {}),
        ...(outcome.status === undefined ? {} : { status: outcome.status }),
        ...(ok || !outcome.cause ? {} : { cause: outcome.cause }),
      });
      return outcome.value;
    } catch (error) {
      failed = true;
      steps.push({ name, ok: false, ms: now() - started, cause: stepCause(error, { step: name, host, port }), ...(error instanceof AirlockError ? { code: error.code } : {}) });
      return undefined;
    }
  }

  const openRoute = async (signal: AbortSignal) => {
    connection = await options.ensureRoute(signal);
    return connection;
  };
  const openChannel = async (signal: AbortSignal) => {
    stream = await openRouteStream({ connection: connection!, via, host, port, signal });
    return stream;
  };

  try {
    if (via === 'vpn') {
      await step('dns', async (signal) => {
        if (!options.posture) throw new AirlockError('E_INTERNAL', { message: 'No private DNS check is set up for this route.' });
        const answer = await options.posture(host, signal);
        return { value: answer, detail: `${answer.chain.join(' → ')} → ${answer.addresses.map((a) => a.address).join(', ')} (private)` };
      });
      await step('tcp', async (signal) => {
        const route = await openRoute(signal);
        return { value: await openChannel(signal), detail: `${host}:${port} over ${route.target}` };
      });
    } else {
      await step('route', async (signal) => {
        const route = await openRoute(signal);
        return { value: route, detail: route.target };
      });
      await step('channel', async (signal) => ({ value: await openChannel(signal), detail: `${host}:${port} over the route` }));
    }
    socket = await step('tls', async (signal) => {
      const verified = await handshakeOverStream(stream!, { host, ca: options.ca, signal });
      socket = verified;
      return { value: verified, detail: certificateDetail(verified, host) };
    });
    await step('http', async (signal) => {
      const status = await askWithoutCredentials(socket!, host, port, options.path ?? '/swagger.json', signal);
      const { ok, words } = httpAnswer(status);
      return { value: status, status, ok, detail: words, cause: words };
    });
  } finally {
    socket?.destroy();
    stream?.destroy();
  }

  const ran = new Set(steps.map((s) => s.name));
  const all = [...steps, ...STEPS_BY_VIA[via].filter((name) => !ran.has(name)).map((name): ConnectionTestStep => ({ name, ok: false, skipped: true, ms: 0 }))];
  return { host, port, via, startedAt, ok: !failed && steps.length === STEPS_BY_VIA[via].length, totalMs: now() - began, steps: all };
}
