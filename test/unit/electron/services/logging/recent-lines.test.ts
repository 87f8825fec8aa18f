// The ring buffer of recent log lines behind the diagnostics export: bounded, structured, redacted.
import { describe, expect, it } from 'vitest';
import { createRecentLines, teeLogger } from '../../../../../electron/services/logging/recent-lines';
import { capturingLogger, fixedClock } from '../../../../support/test-airlock';

describe('recent log lines', () => {
  it('keeps only the newest lines, oldest dropped first', () => {
    const recent = createRecentLines({ capacity: 3, clock: fixedClock() });
    for (let i = 0; i < 5; i += 1) recent.record('info', `event.${i}`, { i });
    expect(recent.lines().map((l) => l.event)).toEqual(['event.2', 'event.3', 'event.4']);
    expect(recent.lines()[0]).toEqual({ t: '2026-11-23T12:00:00.000Z', level: 'info', event: 'event.2', fields: { i: 2 } });
  });

  it('passes every line to the logger it wraps and keeps a copy, without the secrets', () => {
    const inner = capturingLogger();
    const recent = createRecentLines({ capacity: 10, clock: fixedClock() });
    const logger = teeLogger(inner, recent);
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJQTEFOVEVEIn0.c2lnbmF0dXJlUExBTlRFRA';
    logger.log('warn', 'auth.odd', { note: `Bearer ${jwt}`, url: 'https://login.test/cb?code=PLANTEDCODE123&state=1', n: 3, ok: true, none: null });
    expect(inner.entries).toHaveLength(1);
    const kept = JSON.stringify(recent.lines());
    expect(kept).not.toContain(jwt);
    expect(kept).not.toContain('PLANTEDCODE123');
    expect(recent.lines()[0]?.fields).toMatchObject({ n: 3, ok: true, none: null });
  });

  it('drops the value of a field whose name says it is a secret, however short', () => {
    const recent = createRecentLines({ capacity: 1, clock: fixedClock() });
    recent.record('info', 'odd', { refresh_token: 'PLANTED1', accessToken: 'PLANTED2', password: 'PLANTED3', client_secret: 'PLANTED4', code: 'E_TIMEOUT', keychain: 'locked' });
    expect(JSON.stringify(recent.lines())).not.toContain('PLANTED');
    expect(recent.lines()[0]?.fields).toMatchObject({ code: 'E_TIMEOUT', keychain: 'locked' });
  });

  it('cuts long values and long event names', () => {
    const recent = createRecentLines({ capacity: 1, clock: fixedClock() });
    recent.record('error', 'e'.repeat(500), { text: 'word '.repeat(400) });
    const [line] = recent.lines();
    expect(line?.event.length).toBeLessThanOrEqual(128);
    expect(String(line?.fields['text']).length).toBeLessThanOrEqual(512);
  });
});
