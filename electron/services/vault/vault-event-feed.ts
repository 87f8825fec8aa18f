// Where the vault's events go: one log line each (a warning for what the user must act on), every listener,
// and the last one, kept for the status. A listener that throws is logged and skipped; it never breaks the vault.
// Events carry display-safe words only (vault-events.ts); this adds the time and the environment, nothing more.
import type { Clock, Logger } from '../ports';
import type { TimedVaultEvent, VaultEvent } from './vault-events';

export interface VaultEventFeed {
  emit(event: VaultEvent): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: (event: TimedVaultEvent) => void): () => void;
  last(): TimedVaultEvent | null;
}

export function createVaultEventFeed(deps: { readonly clock: Clock; readonly logger: Logger; readonly environmentId: string }): VaultEventFeed {
  const { clock, logger, environmentId } = deps;
  const listeners = new Set<(event: TimedVaultEvent) => void>();
  let last: TimedVaultEvent | null = null;
  return {
    emit(event) {
      const timed: TimedVaultEvent = { ...event, at: clock.now().toISOString() };
      last = timed;
      const reason = 'reason' in event ? event.reason : 'scope' in event ? event.scope : null;
      const level = event.kind === 'cache-discarded' || event.kind === 'memory-only' || event.kind === 'save-failed' ? 'warn' : 'info';
      logger.log(level, `vault.${event.kind}`, { environment: environmentId, reason });
      for (const listener of listeners) {
        try {
          listener(timed);
        } catch {
          logger.log('warn', 'vault.listener-failed', { environment: environmentId });
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    last: () => last,
  };
}
