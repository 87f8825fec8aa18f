// The registry of local forwards: opens them (choosing the port: the one asked for, else the one last used for
// the target when free, else any free one — and saying so), lists display-safe views, closes one or all, and
// tells listeners what changed (the push channel and the Connections screen). It never listens anywhere but
// 127.0.0.1 and never holds a route: each forward asks its route getter per accepted socket.
import { randomUUID } from 'node:crypto';
import { AirlockError } from '../../../../shared/errors/airlock-error';
import { silentLogger, systemClock, type Clock, type Logger } from '../../ports';
import { createForwardPortsStore } from './forward-ports-store';
import type { ForwardChange, ForwardChangeListener, LocalForwards, OpenForwardOptions } from './forward-types';
import { openLocalForward, type LocalForward } from './local-forward';

export interface LocalForwardsOptions {
  /** Folder for the remembered ports (forward-ports.json): the user's data folder. */
  readonly stateDir: string;
  readonly clock?: Clock;
  readonly logger?: Logger;
}

const HOST_SHAPE = /^[A-Za-z0-9.-]{1,253}$/;

function checkOptions(options: OpenForwardOptions): void {
  const { host, port } = options.target;
  const portOk = (value: number) => Number.isInteger(value) && value >= 0 && value <= 65535;
  if (!HOST_SHAPE.test(host) || !portOk(port) || port === 0 || (options.localPort !== undefined && !portOk(options.localPort))) {
    throw new AirlockError('E_BAD_REQUEST', { message: 'A local forward needs a target host name, a target port and a local port between 0 and 65535.' });
  }
}

export function createLocalForwards(options: LocalForwardsOptions): LocalForwards {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const ports = createForwardPortsStore(options.stateDir);
  const forwards = new Map<string, LocalForward>();
  const listeners = new Set<ForwardChangeListener>();
  /** Listeners being bound now, so closeAll can wait for them and close them too. */
  const opening = new Set<Promise<LocalForward>>();
  let closeAllCount = 0;

  const emit = (change: ForwardChange) => {
    for (const listener of [...listeners]) {
      try {
        listener(change);
      } catch {
        logger.log('warn', 'forward.listenerFailed', { kind: change.kind });
      }
    }
  };

  const open = (request: OpenForwardOptions, id: string, port: number, portNote?: (bound: number) => string | null) =>
    openLocalForward({
      ...request,
      id,
      port,
      clock,
      logger,
      ...(portNote === undefined ? {} : { portNote }),
      changed: () => {
        const forward = forwards.get(id);
        if (forward !== undefined) emit({ kind: 'updated', forward: forward.view() });
      },
    });

  /** No port asked: the one last used for this target when free, else any, and the view says why it changed. */
  const openOnRemembered = async (request: OpenForwardOptions, id: string, target: string): Promise<LocalForward> => {
    const remembered = await ports.get(target);
    if (remembered === null) return open(request, id, 0);
    try {
      return await open(request, id, remembered);
    } catch (error) {
      if (!(error instanceof AirlockError) || error.code !== 'E_PORT_IN_USE') throw error;
      return open(request, id, 0, (bound) => `Port ${remembered}, used last time for ${target}, is taken by another program, so Airlock picked ${bound}.`);
    }
  };

  return {
    async open(request) {
      checkOptions(request);
      const id = randomUUID();
      const target = `${request.target.host}:${request.target.port}`;
      const startedIn = closeAllCount;
      const binding = request.localPort === undefined ? openOnRemembered(request, id, target) : open(request, id, request.localPort);
      opening.add(binding);
      const forward = await binding.finally(() => opening.delete(binding));
      if (closeAllCount !== startedIn) {
        // Signed out, locked or quitting while this one was opening: it must not outlive that.
        await forward.close();
        throw new AirlockError('E_UNAVAILABLE', { message: 'Airlock closed every local forward (sign-out, lock or quit) while this one was opening.' });
      }
      forwards.set(id, forward);
      const view = forward.view();
      // Remembering is a convenience: a folder that cannot be written costs the user only the same port next time.
      await ports.remember(target, view.port).catch(() => logger.log('warn', 'forward.portNotRemembered', { forward: id }));
      logger.log('info', 'forward.opened', { forward: id, port: view.port, via: request.via });
      emit({ kind: 'opened', forward: view });
      return view;
    },
    async close(id) {
      const forward = forwards.get(id);
      if (forward === undefined) return false;
      await forward.close();
      // Deleted after the close, so `list()` shows a closing forward until its port is free again.
      if (forwards.get(id) === forward) {
        forwards.delete(id);
        const view = forward.view();
        logger.log('info', 'forward.closed', { forward: id, bytesIn: view.bytesIn, bytesOut: view.bytesOut });
        emit({ kind: 'closed', forward: view });
      }
      return true;
    },
    async closeAll() {
      closeAllCount += 1;
      const pending = [...opening].map((binding) => binding.then((forward) => forward.close(), () => undefined));
      await Promise.all([...pending, ...[...forwards.keys()].map((id) => this.close(id))]);
    },
    list: () => [...forwards.values()].map((forward) => forward.view()),
    get: (id) => forwards.get(id)?.view() ?? null,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
