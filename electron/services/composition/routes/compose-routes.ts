// Private routes at the composition root: the route manager and its three drivers per environment, the
// pending host-key trust, passphrase prompts, local forwards, and the lifecycle that closes them all.
import { AirlockError } from '../../../../shared/errors/airlock-error';
import type { InputOf, OutputOf } from '../../../../shared/contract/contract';
import type { RouteVia } from '../../routes';
import type { RequestContext } from '../../guard';

export interface RouteComposition {
  list(ctx: RequestContext): Promise<OutputOf<'route.list'>>;
  connect(ctx: RequestContext, via: RouteVia): Promise<OutputOf<'route.connect'>>;
  disconnect(ctx: RequestContext, via: RouteVia): Promise<OutputOf<'route.disconnect'>>;
  trustHostKey(ctx: RequestContext, via: RouteVia, fingerprint: string): Promise<OutputOf<'route.trustHostKey'>>;
  check(ctx: RequestContext, request: InputOf<'route.check'>): Promise<OutputOf<'route.check'>>;
  answerPrompt(promptId: string, answer: string | null): Promise<OutputOf<'route.answerPrompt'>>;
  openForward(ctx: RequestContext, request: InputOf<'forward.open'>): Promise<OutputOf<'forward.open'>>;
  closeForward(id: string): Promise<OutputOf<'forward.close'>>;
  listForwards(): Promise<OutputOf<'forward.list'>>;
  /** Closes every route and forward (sign-out, idle lock, quit). */
  closeAll(reason: string): Promise<void>;
}

const notYet = (): never => {
  throw new AirlockError('E_UNAVAILABLE', { message: 'Private routes are not connected to this build of Airlock yet.' });
};

export function composeRoutes(): RouteComposition {
  return {
    list: async () => notYet(),
    connect: async () => notYet(),
    disconnect: async () => notYet(),
    trustHostKey: async () => notYet(),
    check: async () => notYet(),
    answerPrompt: async () => notYet(),
    openForward: async () => notYet(),
    closeForward: async () => notYet(),
    listForwards: async () => ({ forwards: [] }),
    closeAll: async () => undefined,
  };
}
