// How the account signed in, in words, with the claim values support staff ask for.
import { describe, expect, it } from 'vitest';
import { methodsWords } from '../../../renderer/features/session/session-words';

describe('methodsWords', () => {
  it('names known methods and keeps the claim values', () => {
    expect(methodsWords(['pwd', 'mfa'])).toBe('password, multi-factor (pwd, mfa)');
  });
  it('keeps an unknown method as sent, and says when none was reported', () => {
    expect(methodsWords(['pwd', 'x-custom'])).toBe('password, x-custom (pwd, x-custom)');
    expect(methodsWords([])).toBe('not reported');
  });
});
