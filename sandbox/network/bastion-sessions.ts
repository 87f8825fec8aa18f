// Bastion tunnel sessions (azure-wire-format.md §14.2-14.5): an `authToken` + `nodeId` per session, and
// single-use `websocketToken`s that open one tunnel each. Time comes from the sandbox clock only. Tokens are
// random, kept in memory, and never logged or written anywhere.
import { randomBytes, randomUUID } from 'node:crypto';

/** An unused websocket token may be redeemed this long after it was issued. */
export const WEBSOCKET_TOKEN_TTL_MS = 2 * 60_000;
/** A session (its authToken) lives this long unless deleted; open tunnels are closed when it ends. */
export const SESSION_TTL_MS = 60 * 60_000;

export interface BastionSession {
  readonly authToken: string;
  readonly nodeId: string;
  /** Who asked (preferred_username or oid of the aztoken), for logs. */
  readonly user: string;
  /** The loopback port the tunnel carries TCP to. */
  readonly loopbackPort: number;
  readonly expiresAt: number;
  /** Closers of the session's open tunnels. */
  readonly tunnels: Set<() => void>;
}

export interface IssuedTokens {
  readonly authToken: string;
  readonly nodeId: string;
  readonly websocketToken: string;
}

export type Redeemed = { ok: true; session: BastionSession } | { ok: false; reason: 'unknown-token' | 'used' | 'expired' | 'node-mismatch' };

const token = () => randomBytes(32).toString('base64url');

export function createBastionSessions(now: () => Date) {
  const sessions = new Map<string, BastionSession>();
  const tickets = new Map<string, { authToken: string; nodeId: string; expiresAt: number; used: boolean }>();

  const close = (session: BastionSession) => {
    sessions.delete(session.authToken);
    for (const closeTunnel of [...session.tunnels]) closeTunnel();
    for (const [key, ticket] of tickets) if (ticket.authToken === session.authToken) tickets.delete(key);
  };
  const sweep = () => {
    const t = now().getTime();
    for (const session of [...sessions.values()]) if (session.expiresAt <= t) close(session);
    for (const [key, ticket] of tickets) if (ticket.expiresAt <= t) tickets.delete(key);
  };

  return {
    /** A new session, or a new websocket token for `previous` when it is live and the node id matches. */
    issue(request: { user: string; loopbackPort: number; previous?: { authToken: string; nodeId: string | undefined } }): IssuedTokens {
      sweep();
      const t = now().getTime();
      const old = request.previous ? sessions.get(request.previous.authToken) : undefined;
      const reusable = old && old.nodeId === request.previous?.nodeId && old.loopbackPort === request.loopbackPort && old.user === request.user;
      const session: BastionSession = reusable
        ? old
        : { authToken: token(), nodeId: randomUUID(), user: request.user, loopbackPort: request.loopbackPort, expiresAt: t + SESSION_TTL_MS, tunnels: new Set() };
      sessions.set(session.authToken, session);
      const websocketToken = token();
      tickets.set(websocketToken, { authToken: session.authToken, nodeId: session.nodeId, expiresAt: t + WEBSOCKET_TOKEN_TTL_MS, used: false });
      return { authToken: session.authToken, nodeId: session.nodeId, websocketToken };
    },

    /** Spends a websocket token; it never works twice, and only with its session's node id. */
    redeem(websocketToken: string, nodeId: string | null): Redeemed {
      sweep();
      const ticket = tickets.get(websocketToken);
      if (!ticket) return { ok: false, reason: 'unknown-token' };
      if (ticket.used) return { ok: false, reason: 'used' };
      if (ticket.nodeId !== nodeId) return { ok: false, reason: 'node-mismatch' };
      ticket.used = true;
      const session = sessions.get(ticket.authToken);
      if (!session || ticket.expiresAt <= now().getTime()) return { ok: false, reason: 'expired' };
      return { ok: true, session };
    },

    /** DELETE /api/tokens/{authToken}: ends the session and its tunnels. False if unknown (→ 404). */
    remove(authToken: string, nodeId: string | null): boolean {
      sweep();
      const session = sessions.get(authToken);
      if (!session || session.nodeId !== nodeId) return false;
      close(session);
      return true;
    },

    closeAll(): void {
      for (const session of [...sessions.values()]) close(session);
      tickets.clear();
    },
  };
}

export type BastionSessions = ReturnType<typeof createBastionSessions>;
