// An environment's TLS trust is built once per CA, not per connection or transport: a Bastion route comes up
// over three connections (token exchange, WebSocket, DELETE), and each store of the system roots costs ~30 ms.
import { rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { trustContext } from '../../../../../electron/services/ports';

/** Two real certificates standing in for two environments' CAs. */
const [CA_A, CA_B] = rootCertificates as [string, string];

describe('trustContext', () => {
  it('gives the same context for the same CA, and another for another CA or none', () => {
    const none = trustContext(undefined);
    expect(trustContext(undefined)).toBe(none);
    expect(trustContext(CA_A)).toBe(trustContext(CA_A));
    expect(trustContext(CA_A)).not.toBe(none);
    expect(trustContext(CA_B)).not.toBe(trustContext(CA_A));
  });
});
