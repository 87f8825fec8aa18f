// The private route a one-shot command (invoke, tunnel, test runs) sends over. Route state lives in the process
// that connected it, and every CLI run is a fresh process: a route connected by `airlock route connect` is
// gone when that command exits. So a command that needs one connects it for its own duration (asking about a
// first-seen host key as `airlock route connect` does) and disconnects only what it connected. Never a public
// fallback: a route that is not allowed or does not come up is an error.
import type { InProcessGateway } from '../services';
import { AirlockError } from '../../shared/errors/airlock-error';
import type { RouteListEntry } from '../../shared/contract/schemas/route';
import type { CliIo, CliOptions } from './cli-command';
import { callChannel } from './contract-call';
import type { Via } from './route-flags';
import { answeringPrompts, connectAsking } from './route-questions';

export const isUp = (route: RouteListEntry): boolean => route.state === 'up' || route.state === 'degraded';

/** The named route if allowed; else the first allowed one already up; else the first allowed one. `what` names the use ("this tunnel"). */
export function chooseRoute(routes: readonly RouteListEntry[], named: Via | undefined, what: string): RouteListEntry {
  if (named) {
    const route = routes.find((r) => r.via === named);
    if (route?.allowed) return route;
    throw new AirlockError('E_ROUTE_DOWN', {
      message: `The ${named} route cannot carry ${what}: ${route?.why ?? 'this environment has no such route.'}`,
      hint: 'Choose another route with --via; airlock route list shows which are allowed.',
      details: { via: named },
    });
  }
  const allowed = routes.filter((r) => r.allowed);
  const chosen = allowed.find(isUp) ?? allowed[0];
  if (chosen) return chosen;
  throw new AirlockError('E_ROUTE_DOWN', {
    message: `No private route is allowed here: ${routes.map((r) => `${r.via}: ${r.why ?? 'not allowed'}`).join(' ')}`,
    hint: 'Ask your administrator which route this environment and policy allow.',
  });
}

/**
 * Runs `work` over a route that is up: --via's, else the one the environment and policy allow (one already up
 * first). Connects it when it is down and disconnects it afterwards, whatever `work` did.
 */
export async function withCommandRoute<T>(gateway: InProcessGateway, options: CliOptions, io: CliIo, what: string, work: (via: Via) => Promise<T>): Promise<T> {
  return answeringPrompts(gateway, io, async () => {
    const { routes } = await callChannel(gateway, 'route.list', undefined);
    const route = chooseRoute(routes, options['via'] as Via | undefined, what);
    const connected = !isUp(route);
    if (connected) await connectAsking(gateway, route.via, options, io);
    try {
      return await work(route.via);
    } finally {
      if (connected) await callChannel(gateway, 'route.disconnect', { via: route.via }).catch(() => undefined);
    }
  });
}
