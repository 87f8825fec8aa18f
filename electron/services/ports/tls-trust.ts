// The TLS trust of one environment as a secure context: the system roots plus, when the environment names one,
// its extra CA (the sandbox's), TLS 1.2 at least. Built once per CA and shared by whoever talks TLS for that
// environment (the control plane's HTTPS transport, the Bastion route): building one parses every root again
// (~30 ms here), which per connection or per transport was paid again and again. Bounded: few environments.
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';

const contexts = new Map<string, SecureContext>();
const MAX_CONTEXTS = 16;

export function trustContext(extraCaPem: string | undefined): SecureContext {
  const key = extraCaPem ?? '';
  let context = contexts.get(key);
  if (!context) {
    if (contexts.size >= MAX_CONTEXTS) contexts.clear();
    context = createSecureContext({ ca: extraCaPem ? [...rootCertificates, extraCaPem] : [...rootCertificates], minVersion: 'TLSv1.2' });
    contexts.set(key, context);
  }
  return context;
}
