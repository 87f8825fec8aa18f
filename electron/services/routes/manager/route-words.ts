// What the manager says about routes, in words people use, and how any failure becomes a typed AirlockError.
import { AirlockError } from '../../../../shared/errors/airlock-error';
import { hostDetail } from '../../../../shared/errors/details';
import type { RouteVia } from '../route-types';

export const VIA_NAMES: Readonly<Record<RouteVia, string>> = { vpn: 'VPN', jump: 'SSH jump host', bastion: 'Azure Bastion' };

/** What a route goes through before it has ever connected (the connection names it exactly once up). */
export const DEFAULT_TARGETS: Readonly<Record<RouteVia, string>> = { vpn: 'VPN (private DNS)', jump: 'SSH jump host', bastion: 'Azure Bastion' };

/** A driver's failure as it is; anything untyped becomes E_INTERNAL, its text never shown (it may hold anything). */
export function asAirlockError(error: unknown): AirlockError {
  return error instanceof AirlockError ? error : new AirlockError('E_INTERNAL');
}

export function connectTimedOut(via: RouteVia): AirlockError {
  return new AirlockError('E_TIMEOUT', { message: `The ${VIA_NAMES[via]} route did not come up in time, so Airlock stopped trying.` });
}

export function probeTimedOut(via: RouteVia): AirlockError {
  return new AirlockError('E_TIMEOUT', { message: `The ${VIA_NAMES[via]} route did not answer its check in time.` });
}

export function disconnectedWhileConnecting(via: RouteVia): AirlockError {
  return new AirlockError('E_ROUTE_DOWN', { message: `The ${VIA_NAMES[via]} route was disconnected before it came up.`, details: { via } });
}

export function notOffered(via: RouteVia): AirlockError {
  return new AirlockError('E_ROUTE_DOWN', { message: `This environment offers no ${VIA_NAMES[via]} route.`, details: { via } });
}

export function noRouteUp(allowed: readonly RouteVia[], host?: string): AirlockError {
  const names = allowed.map((via) => VIA_NAMES[via]).join(', ');
  const message =
    allowed.length === 0
      ? 'The environment and policy allow no private route here, so Airlock did not send the request.'
      : `No private route is up (allowed: ${names}), so Airlock did not send the request; it never falls back to a public path.`;
  const safeHost = host ? hostDetail(host) : undefined;
  return new AirlockError('E_ROUTE_DOWN', { message, details: { ...(allowed.length === 1 ? { via: allowed[0] } : {}), ...(safeHost ? { host: safeHost } : {}) } });
}
