// A scripted route driver for the manager's tests: each connect() takes the next scripted outcome (a connection,
// a typed failure, or "hang" until aborted); each connection's probes take scripted round trips or failures, and
// the test drops it when it likes. Nothing here opens a socket.
import type { Duplex } from 'node:stream';
import type { RouteConnection, RouteDriver, RouteVia } from '../../../../../../electron/services/routes';
import { AirlockError } from '../../../../../../shared/errors/airlock-error';

export type ConnectOutcome = 'ok' | 'hang' | AirlockError;
export type ProbeOutcome = number | 'hang' | AirlockError;

export interface FakeConnection extends RouteConnection {
  readonly bytes: { in: number; out: number };
  closed: boolean;
  probes: ProbeOutcome[];
  drop(error?: AirlockError): void;
}

export interface FakeDriver extends RouteDriver {
  readonly outcomes: ConnectOutcome[];
  readonly connections: FakeConnection[];
  readonly signals: AbortSignal[];
  /** Settles a connect() that is hanging (late success after an abort, for example). */
  finishHanging(): void;
}

export function fakeConnection(target: string): FakeConnection {
  const listeners: Array<(error: AirlockError) => void> = [];
  const connection: FakeConnection = {
    target,
    bytes: { in: 0, out: 0 },
    closed: false,
    probes: [],
    openStream: async (): Promise<Duplex> => Promise.reject(new Error('not used')),
    probe(signal) {
      const next = connection.probes.shift() ?? 5;
      if (next === 'hang') return new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(new AirlockError('E_TIMEOUT'))));
      return next instanceof AirlockError ? Promise.reject(next) : Promise.resolve(next);
    },
    close: async () => {
      connection.closed = true;
    },
    onDrop: (listener) => void listeners.push(listener),
    drop(error = new AirlockError('E_ROUTE_DROPPED', { details: { via: 'jump' } })) {
      if (!connection.closed) for (const listener of listeners) listener(error);
    },
  };
  return connection;
}

export function fakeDriver(via: RouteVia, outcomes: ConnectOutcome[] = []): FakeDriver {
  const connections: FakeConnection[] = [];
  const signals: AbortSignal[] = [];
  let hanging: (() => void) | null = null;
  return {
    via,
    outcomes,
    connections,
    signals,
    finishHanging: () => hanging?.(),
    connect(signal) {
      signals.push(signal);
      const outcome = outcomes.shift() ?? 'ok';
      const make = () => {
        const connection = fakeConnection(`${via} target`);
        connections.push(connection);
        return connection;
      };
      if (outcome === 'hang') return new Promise((resolve) => (hanging = () => resolve(make())));
      return outcome instanceof AirlockError ? Promise.reject(outcome) : Promise.resolve(make());
    },
  };
}
