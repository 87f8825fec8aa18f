import { describe, expect, it } from 'vitest';
import { apiSurface, CHANNELS } from '../../../../shared/contract/channels';
import { contract, isChannel } from '../../../../shared/contract/contract';
import { buildAirlockApi, exposedSurface } from '../../../../shared/contract/api-builder';
import { ERROR_CODES } from '../../../../shared/errors/codes';

describe('IPC contract', () => {
  it('lists exactly the channels of channels.ts, each named <service>.<method>', () => {
    expect(Object.keys(contract).sort()).toEqual([...CHANNELS].sort());
    for (const channel of CHANNELS) expect(channel).toMatch(/^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/);
  });

  it('declares only known error codes and a summary for every channel', () => {
    for (const spec of Object.values(contract)) {
      expect(spec.summary.length).toBeGreaterThan(10);
      for (const code of spec.errors) expect(ERROR_CODES).toContain(code);
    }
  });

  it('does not treat inherited object keys as channels', () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'valueOf']) expect(isChannel(name)).toBe(false);
  });

  it('builds the same surface the preload exposes', async () => {
    const calls: Array<[string, unknown]> = [];
    const api = buildAirlockApi(async (channel, request) => void calls.push([channel, request])) as Record<string, Record<string, (r?: unknown) => Promise<unknown>>>;
    expect(Object.fromEntries(Object.entries(api).map(([s, m]) => [s, Object.keys(m).sort()]))).toEqual(apiSurface());
    await api['app']!['info']!();
    expect(calls).toEqual([['app.info', undefined]]);
  });

  it('adds one on<Event> listener method per push event when given a subscribe function, and nothing generic', () => {
    const subscribed: string[] = [];
    const api = buildAirlockApi(async () => undefined, undefined, (name) => (subscribed.push(name), () => undefined)) as Record<string, Record<string, (a?: unknown) => unknown>>;
    expect(Object.fromEntries(Object.entries(api).map(([s, m]) => [s, Object.keys(m).sort()]))).toEqual(exposedSurface());
    expect(exposedSurface()['auth']).toEqual(expect.arrayContaining(['onSignInProgress', 'signInProgress']));
    expect([exposedSurface()['vault'], exposedSurface()['route']]).toEqual([['onLocked'], ['answerPrompt', 'check', 'connect', 'disconnect', 'list', 'onPrompt', 'onState', 'trustHostKey']]);
    expect(exposedSurface()['forward']).toEqual(['close', 'list', 'onState', 'open']);
    api['vault']!['onLocked']!(() => undefined);
    expect(subscribed).toEqual(['vault.locked']);
    for (const methods of Object.values(api)) for (const forbidden of ['on', 'once', 'subscribe', 'addListener']) expect(Object.keys(methods)).not.toContain(forbidden);
  });
});
