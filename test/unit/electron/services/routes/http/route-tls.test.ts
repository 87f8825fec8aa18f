// The TLS context over a route is built once per trust list, not per connection: building one from the
// system roots plus an environment's CA parses every certificate again (tens of milliseconds each time).
import { rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { secureContextFor } from '../../../../../../electron/services/routes/http/route-tls';

describe('secureContextFor', () => {
  it('gives the same context for the same trust list, every time', () => {
    const trust = [...rootCertificates];
    expect(secureContextFor(trust)).toBe(secureContextFor(trust));
  });

  it("never shares a context between two environments' trust lists, even with equal contents", () => {
    const one = [...rootCertificates];
    const other = [...rootCertificates];
    expect(secureContextFor(one)).not.toBe(secureContextFor(other));
  });

  it("uses one context with Node's default roots where the environment names no CA", () => {
    expect(secureContextFor(undefined)).toBe(secureContextFor(undefined));
    expect(secureContextFor(undefined)).not.toBe(secureContextFor([...rootCertificates]));
  });
});
