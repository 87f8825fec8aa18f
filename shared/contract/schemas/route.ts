// Schema of a private route's status as the renderer sees it (the route.state push event; wave 2's Connections
// screen and status bar). Mirrors RouteStatus (electron/services/routes/route-types.ts), bounded and strict:
// names, counts, times and the last error's code and words — never a key, a token or a stack.
import { z } from 'zod';

const IsoTime = z.iso.datetime();
const Count = z.number().int().nonnegative();

export const ROUTE_VIAS = ['vpn', 'jump', 'bastion'] as const;
export const ROUTE_STATES = ['off', 'connecting', 'up', 'degraded', 'failed'] as const;

export const RouteStatusView = z.strictObject({
  environmentId: z.string().min(1).max(64),
  via: z.enum(ROUTE_VIAS),
  state: z.enum(ROUTE_STATES),
  since: IsoTime,
  /** For people: `jumpbox.internal.sandbox:22 as alice`, `VPN (OS resolver)`. */
  target: z.string().max(512),
  bytesIn: Count,
  bytesOut: Count,
  rttMs: z.number().nonnegative().finite().nullable(),
  /** An Airlock error code (E_…) and its message in words. */
  lastError: z.strictObject({ code: z.string().regex(/^E_[A-Z_]{2,48}$/), message: z.string().max(1024) }).nullable(),
  reconnect: z.strictObject({ attempt: z.number().int().positive(), at: IsoTime }).nullable(),
});
export type RouteStatusView = z.infer<typeof RouteStatusView>;
