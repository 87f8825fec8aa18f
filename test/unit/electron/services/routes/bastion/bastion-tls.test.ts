// The Bastion route's TLS trust is built once per environment CA, not per connection: a route comes up over
// three connections (token exchange, WebSocket, DELETE), and each store of the system roots costs ~30 ms.
import { rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { bastionTrust } from '../../../../../../electron/services/routes/bastion/bastion-tls';

/** Two real certificates standing in for two environments' CAs. */
const [CA_A, CA_B] = rootCertificates as [string, string];

describe('bastionTrust', () => {
  it('gives the same context for the same CA, and another for another CA or none', () => {
    const none = bastionTrust(undefined);
    expect(bastionTrust(undefined)).toBe(none);
    expect(bastionTrust(CA_A)).toBe(bastionTrust(CA_A));
    expect(bastionTrust(CA_A)).not.toBe(none);
    expect(bastionTrust(CA_B)).not.toBe(bastionTrust(CA_A));
  });
});
