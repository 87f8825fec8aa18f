// The event hub: every payload is parsed with its event's schema before any subscriber sees it; one that fails
// is dropped and logged by the event's name only (never its fields), and a failing subscriber harms no other.
import { describe, expect, it } from 'vitest';
import { createEventHub, type AirlockEvent } from '../../../../../electron/services/events';
import { capturingLogger } from '../../../../support/test-airlock';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwbGFudGVkLWV2ZW50LW1hcmtlciJ9.c2ln';

function setup() {
  const logger = capturingLogger();
  const hub = createEventHub({ logger });
  const seen: AirlockEvent[] = [];
  const stop = hub.subscribe((event) => void seen.push(event));
  return { logger, hub, seen, stop };
}

describe('event hub (createAirlock.events)', () => {
  it('hands subscribers the parsed payload of a declared event', () => {
    const { hub, seen } = setup();
    hub.emit('vault.locked', { environmentId: 'sandbox' });
    hub.emit('auth.signInProgress', { state: 'browser', environmentId: 'sandbox', deviceCode: null });
    expect(seen).toEqual([
      { name: 'vault.locked', payload: { environmentId: 'sandbox' } },
      { name: 'auth.signInProgress', payload: { state: 'browser', environmentId: 'sandbox', deviceCode: null } },
    ]);
  });

  it('drops a payload its schema refuses and logs the event name only — the planted token goes nowhere', () => {
    const { hub, seen, logger } = setup();
    hub.emit('vault.locked', { environmentId: 'sandbox', refreshToken: TOKEN } as never);
    hub.emit('auth.signInProgress', { state: 'browser', environmentId: TOKEN.repeat(3), deviceCode: null });
    expect(seen).toEqual([]);
    expect(logger.entries.map((e) => [e.level, e.event, e.fields])).toEqual([
      ['error', 'events.bad_payload', { event: 'vault.locked' }],
      ['error', 'events.bad_payload', { event: 'auth.signInProgress' }],
    ]);
    expect(JSON.stringify(logger.entries)).not.toContain('planted');
  });

  it('drops a name the contract does not declare', () => {
    const { hub, seen, logger } = setup();
    hub.emit('auth.token' as never, { value: TOKEN } as never);
    expect(seen).toEqual([]);
    expect(logger.entries).toEqual([{ level: 'error', event: 'events.unknown_event', fields: {} }]);
  });

  it('gives each subscriber its own copy, keeps going past one that throws, and stops on unsubscribe', () => {
    const { hub, seen, stop, logger } = setup();
    hub.subscribe(() => {
      throw new Error(`boom ${TOKEN}`);
    });
    const other: AirlockEvent[] = [];
    hub.subscribe((event) => {
      (event.payload as { environmentId: string }).environmentId = 'changed';
      other.push(event);
    });
    hub.emit('vault.locked', { environmentId: 'sandbox' });
    expect(seen).toEqual([{ name: 'vault.locked', payload: { environmentId: 'sandbox' } }]);
    expect(other).toHaveLength(1);
    expect(logger.entries).toEqual([{ level: 'warn', event: 'events.listener_failed', fields: { event: 'vault.locked' } }]);
    stop();
    hub.emit('vault.locked', { environmentId: 'other' });
    expect(seen).toHaveLength(1);
  });
});
