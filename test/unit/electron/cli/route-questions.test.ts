// The CLI's host-key question when the organization forbids first-use trust: E_HOST_KEY_UNKNOWN with
// firstUse 'forbidden' is never a y/N question nor a --trust-host-key hint; it says in words to ask the
// administrator, and nothing is trusted.
import { describe, expect, it, vi } from 'vitest';
import { connectAsking } from '../../../../electron/cli/route-questions';
import type { InProcessGateway } from '../../../../electron/services';
import { failed, ok } from '../../../../shared/contract/result';
import { AirlockError } from '../../../../shared/errors/airlock-error';

const FP = 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU';
const FORBIDDEN_WORDS = 'Your organization does not allow trusting a new host key; ask your administrator for the fingerprint';

function door(error: AirlockError) {
  const channels: string[] = [];
  const gateway: InProcessGateway = {
    async call(channel) {
      channels.push(String(channel));
      return channel === 'route.connect' ? failed(error.toShape()) : ok({ trusted: true });
    },
  };
  return { gateway, channels };
}

const forbidden = () => new AirlockError('E_HOST_KEY_UNKNOWN', { message: `Airlock does not know the jump host (its key is ${FP}).`, details: { presented: FP, firstUse: 'forbidden' } });

describe('connectAsking when first-use trust is forbidden', () => {
  it('at a terminal: does not ask, says to ask the administrator, trusts nothing', async () => {
    const { gateway, channels } = door(forbidden());
    const ask = vi.fn(async () => 'y');
    const error = (await connectAsking(gateway, 'jump', {}, { ask }).catch((e: unknown) => e)) as AirlockError;
    expect(error.code).toBe('E_HOST_KEY_UNKNOWN');
    expect(`${error.message} ${error.hint ?? ''}`).toContain(FORBIDDEN_WORDS);
    expect(ask).not.toHaveBeenCalled();
    expect(channels).toEqual(['route.connect']);
  });

  it('without a terminal or with --trust-host-key: no flag hint, nothing trusted', async () => {
    for (const options of [{}, { 'trust-host-key': FP }]) {
      const { gateway, channels } = door(forbidden());
      const error = (await connectAsking(gateway, 'bastion', options, {}).catch((e: unknown) => e)) as AirlockError;
      expect(`${error.message} ${error.hint ?? ''}`).toContain(FORBIDDEN_WORDS);
      expect(error.hint ?? '').not.toContain('--trust-host-key');
      expect(channels).toEqual(['route.connect']);
    }
  });
});

describe('connectAsking with a key Airlock already knows', () => {
  it('connects without a question and says --trust-host-key was not used (a wrong one is never silently taken for checked)', async () => {
    const up = { environmentId: 'Sandbox', via: 'jump', state: 'up', since: new Date().toISOString(), target: 'jump', bytesIn: 0, bytesOut: 0, rttMs: 1, lastError: null, reconnect: null };
    const gateway: InProcessGateway = { call: async () => ok(up) };
    const notes: string[] = [];
    await connectAsking(gateway, 'jump', { 'trust-host-key': FP }, { note: (line) => notes.push(line) });
    expect(notes).toEqual([expect.stringContaining('--trust-host-key was not used') as unknown]);
    notes.length = 0;
    await connectAsking(gateway, 'jump', {}, { note: (line) => notes.push(line) });
    expect(notes).toEqual([]);
  });
});
