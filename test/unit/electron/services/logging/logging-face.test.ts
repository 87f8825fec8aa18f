// The logging folder's face exports what other folders use and nothing more: which names count as secret
// (isSecretName) is the redactor's own business, so no service builds a second, drifting rule on it.
import { describe, expect, it } from 'vitest';
import * as logging from '../../../../../electron/services/logging';

describe('the logging face', () => {
  it('exports only what is used outside the folder', () => {
    expect(Object.keys(logging).sort()).toEqual(['createRecentLines', 'redactLogFields', 'redactSecrets', 'redactingLogger', 'teeLogger']);
  });
});
