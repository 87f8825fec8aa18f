// The environment's CA file is read once per environment, added to the system roots, and an unreadable file
// is a typed error (never "trust anything"), read again once fixed.
import { rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { createEnvironmentTrust } from '../../../../../../electron/services/routes';

describe('environment trust', () => {
  it('reads each environment’s CA file once, however many requests ask', async () => {
    const reads: string[] = [];
    const trust = createEnvironmentTrust((path) => {
      reads.push(path);
      return Promise.resolve(`PEM of ${path}`);
    });
    const env = { id: 'Sandbox', caCertPath: '/state/ca.pem' };
    const answers = await Promise.all(Array.from({ length: 100 }, () => trust.caFor(env)));
    await trust.caFor({ id: 'Other', caCertPath: '/other/ca.pem' });
    expect(reads).toEqual(['/state/ca.pem', '/other/ca.pem']);
    expect(answers[99]).toEqual([...rootCertificates, 'PEM of /state/ca.pem']);
  });

  it('no CA file: Node’s default roots, nothing read', async () => {
    const trust = createEnvironmentTrust(() => Promise.reject(new Error('not called')));
    expect(await trust.caFor({ id: 'AzureCloud' })).toBeUndefined();
  });

  it('an unreadable CA file is E_CONFIG_INVALID, and is read again next time', async () => {
    let attempts = 0;
    const trust = createEnvironmentTrust(() => (++attempts === 1 ? Promise.reject(new Error('ENOENT')) : Promise.resolve('PEM')));
    const env = { id: 'Sandbox', caCertPath: '/state/ca.pem' };
    await expect(trust.caFor(env)).rejects.toMatchObject({ code: 'E_CONFIG_INVALID', details: { environmentId: 'Sandbox', reason: 'ca-unreadable' } });
    expect(await trust.caFor(env)).toEqual([...rootCertificates, 'PEM']);
  });
});
