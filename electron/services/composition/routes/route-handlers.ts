// The route.* and forward.* handlers: what the Connections screen and `airlock route|tunnel` call, answered by
// the route composition (compose-routes.ts). Display data only: statuses, fingerprints, test steps, forward
// addresses — never a key, a token or a passphrase (route.answerPrompt's answer goes in, nothing comes back).
import type { ServiceHandlers } from '../../gateway';
import type { RouteComposition } from './compose-routes';

export function routeHandlers(routes: RouteComposition): Pick<ServiceHandlers, 'route' | 'forward'> {
  return {
    route: {
      list: (_input, ctx) => routes.list(ctx),
      connect: ({ via }, ctx) => routes.connect(ctx, via),
      disconnect: ({ via }, ctx) => routes.disconnect(ctx, via),
      trustHostKey: ({ via, fingerprint }, ctx) => routes.trustHostKey(ctx, via, fingerprint),
      check: (request, ctx) => routes.check(ctx, request),
      answerPrompt: ({ promptId, answer }) => routes.answerPrompt(promptId, answer),
    },
    forward: {
      open: (request, ctx) => routes.openForward(ctx, request),
      close: ({ id }, ctx) => routes.closeForward(ctx, id),
      list: (_input, ctx) => routes.listForwards(ctx),
    },
  };
}
