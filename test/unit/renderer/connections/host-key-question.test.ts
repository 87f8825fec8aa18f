// What the Connections screen asks after Connect failed on a host key: an unknown key it may trust (Trust and
// connect), an unknown key the organization forbids trusting (no Trust: ask the administrator), a changed key
// (a stop), or no question at all.
import { describe, expect, it } from 'vitest';
import { hostKeyQuestionOf } from '../../../../renderer/features/connections/host-key-question';
import { AirlockError } from '../../../../shared/errors/airlock-error';

const FP = 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU';
const OLD = 'SHA256:AAAAQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU';

describe('hostKeyQuestionOf', () => {
  it('an unknown key first use may trust', () => {
    expect(hostKeyQuestionOf(new AirlockError('E_HOST_KEY_UNKNOWN', { details: { host: 'jump', presented: FP } }), 'jump')).toEqual({ kind: 'unknown', via: 'jump', host: 'jump', presented: FP });
  });

  it('an unknown key whose first use the organization forbids: no trust offered', () => {
    expect(hostKeyQuestionOf(new AirlockError('E_HOST_KEY_UNKNOWN', { details: { host: 'jump', presented: FP, firstUse: 'forbidden' } }), 'bastion')).toEqual({ kind: 'forbidden', host: 'jump', presented: FP });
  });

  it('a changed key, and anything else', () => {
    expect(hostKeyQuestionOf(new AirlockError('E_HOST_KEY_CHANGED', { details: { expected: OLD, presented: FP } }), 'jump')).toEqual({ kind: 'changed', host: null, expected: OLD, presented: FP });
    expect(hostKeyQuestionOf(new AirlockError('E_ROUTE_DOWN'), 'jump')).toBeNull();
    expect(hostKeyQuestionOf(new AirlockError('E_HOST_KEY_UNKNOWN'), 'jump')).toBeNull();
  });
});
