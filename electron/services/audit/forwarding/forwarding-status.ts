// What the forwarder tells the UI: whether it is off, connecting, connected or waiting to try again; how many
// records it has not yet delivered; the last thing that went wrong in words. Display-safe: host, port,
// counts and error words only, never record content.
import { AirlockError } from '../../../../shared/errors/airlock-error';
import type { ForwardingFormat } from './syslog-message';
import { targetLabel, type ForwardingTarget } from './forwarding-target';

export type ForwardingState = 'off' | 'connecting' | 'connected' | 'waiting';

export interface ForwardingError {
  readonly code: string;
  readonly message: string;
  readonly hint: string | null;
  /** ISO time it happened. */
  readonly at: string;
}

export interface ForwardingStatus {
  readonly state: ForwardingState;
  readonly target: { readonly host: string; readonly port: number; readonly format: ForwardingFormat } | null;
  /** The last seq known delivered (the durable cursor). */
  readonly delivered: number;
  /** The last seq written to the connection (delivered once it settles). */
  readonly sent: number;
  /** Records after the cursor: written while the collector was unreachable, or sent but not yet settled. */
  readonly queued: number;
  readonly lastError: ForwardingError | null;
  /** While waiting: how long until the next attempt. */
  readonly retryInMs: number | null;
  /** One line for Settings: "Forwarding to siem.example:6514 (CEF): connected, nothing waiting." */
  readonly words: string;
}

function stateWords(status: Omit<ForwardingStatus, 'words'>): string {
  const waiting = status.queued === 0 ? 'nothing waiting' : `${status.queued} record${status.queued === 1 ? '' : 's'} waiting`;
  switch (status.state) {
    case 'connected':
      return `connected, ${waiting}`;
    case 'connecting':
      return `connecting, ${waiting}`;
    case 'waiting': {
      const retry = status.retryInMs === null ? '' : ` (trying again in ${Math.max(1, Math.round(status.retryInMs / 1000))} s)`;
      return `waiting to reconnect${retry}, ${waiting}${status.lastError ? ` — ${status.lastError.message}` : ''}`;
    }
    default:
      return 'off';
  }
}

export function withWords(status: Omit<ForwardingStatus, 'words'>): ForwardingStatus {
  if (!status.target) return { ...status, words: 'Audit records are not forwarded (no forwarding policy).' };
  const target = status.target as ForwardingTarget;
  return { ...status, words: `Forwarding to ${targetLabel(target)} (${target.format.toUpperCase()}): ${stateWords(status)}.` };
}

/** A failure as the status shows it: an AirlockError's code, words and hint; anything else is E_INTERNAL. */
export function forwardingError(error: unknown, at: Date): ForwardingError {
  const known = error instanceof AirlockError ? error : new AirlockError('E_INTERNAL');
  return { code: known.code, message: known.message, hint: known.hint ?? null, at: at.toISOString() };
}

/** Who wants each change of status; one listener that throws is its own problem, forwarding goes on. */
export function statusListeners(): { add(listener: (status: ForwardingStatus) => void): () => void; emit(status: ForwardingStatus): void } {
  const listeners = new Set<(status: ForwardingStatus) => void>();
  return {
    add(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(status) {
      for (const listener of [...listeners]) {
        try {
          listener(status);
        } catch {
          // ignored: see above
        }
      }
    },
  };
}
