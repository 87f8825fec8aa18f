// The SSH route's probe: one `keepalive@openssh.com` global request with want-reply, timed. It is what OpenSSH's
// ServerAliveInterval sends and what ssh2's own keepalive sends; any reply (success or failure) proves the
// server answered. ssh2 has no public call for it, so this uses the two internals its keepalive uses
// (`_protocol.ping()` and the ordered `_callbacks` of global requests) and fails typed if they are missing.
import type ssh2 from 'ssh2';
import { AirlockError } from '../../../../shared/errors/airlock-error';
import type { Clock } from '../../ports';
import { aborted } from './ssh-failures';

interface Ssh2Internals {
  readonly _protocol?: { ping?: () => void };
  readonly _callbacks?: Array<(failed: boolean | Error) => void>;
}

export function measureRoundTrip(client: ssh2.Client, clock: Clock, signal: AbortSignal | undefined, downError: () => AirlockError): Promise<number> {
  const internals = client as unknown as Ssh2Internals;
  const ping = internals._protocol?.ping?.bind(internals._protocol);
  const callbacks = internals._callbacks;
  if (!ping || !Array.isArray(callbacks)) return Promise.reject(new AirlockError('E_INTERNAL', { message: 'This version of the SSH library cannot measure round trips.' }));
  if (signal?.aborted) return Promise.reject(aborted(signal, 'measuring the route'));
  return new Promise((resolve, reject) => {
    const started = clock.monotonicMs();
    let done = false;
    const onAbort = () => {
      done = true;
      reject(aborted(signal as AbortSignal, 'measuring the route'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    // The reply comes in request order; ssh2 calls every pending callback with an Error when the connection closes.
    callbacks.push((failed) => {
      signal?.removeEventListener('abort', onAbort);
      if (done) return;
      done = true;
      if (failed instanceof Error) reject(downError());
      else resolve(clock.monotonicMs() - started);
    });
    try {
      ping();
    } catch {
      done = true;
      reject(downError());
    }
  });
}
