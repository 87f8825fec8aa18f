// The collector link over TLS (RFC 5425): verified against the trust given (never without verification),
// SNI set to the host name (not for an IP literal), TLS 1.2 at least, TCP keep-alive so a silent peer is
// noticed on an idle connection. A collector never sends anything in syslog over TLS, so incoming bytes are
// read and dropped, and a collector that keeps sending (over 64 KiB) is hung up on. Only ever connects to
// the address it is given.
import { isIP } from 'node:net';
import { connect } from 'node:tls';
import type { AirlockError } from '../../../../shared/errors/airlock-error';
import { collectorClosed, collectorFailure, collectorTalksBack } from './collector-errors';
import type { CollectorLink, ConnectCollector } from './collector-link';

const MAX_INCOMING = 64 * 1024;
const KEEP_ALIVE_MS = 60_000;

export const connectTlsCollector: ConnectCollector = (address, trust, signal) =>
  new Promise((resolve, reject) => {
    const socket = connect({
      host: address.host,
      port: address.port,
      ...(isIP(address.host) === 0 ? { servername: address.host } : {}),
      ...(trust.ca ? { ca: [...trust.ca] } : {}),
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
    });
    let ended = false;
    let finishing = false;
    let failure: AirlockError | null = null;
    const listeners: ((failure: AirlockError | null) => void)[] = [];
    const end = (why: AirlockError | null) => {
      if (ended) return;
      ended = true;
      failure = why;
      for (const listener of listeners) listener(why);
    };
    const abort = () => {
      socket.destroy();
      reject(collectorFailure(signal.reason, address, trust));
    };
    signal.addEventListener('abort', abort, { once: true });

    socket.once('secureConnect', () => {
      signal.removeEventListener('abort', abort);
      socket.setNoDelay(true);
      socket.setKeepAlive(true, KEEP_ALIVE_MS);
      let incoming = 0;
      socket.on('data', (chunk: Buffer) => {
        incoming += chunk.length;
        if (incoming <= MAX_INCOMING) return;
        end(collectorTalksBack(address));
        socket.destroy();
      });
      // While finishing, the collector's own end is the answer we wait for, not a failure.
      socket.once('end', () => end(finishing ? null : collectorClosed(address)));
      socket.once('close', () => end(collectorClosed(address)));
      const link: CollectorLink = {
        send: (data) =>
          new Promise<void>((done, failed) => {
            if (ended) {
              failed(failure ?? collectorClosed(address));
              return;
            }
            socket.write(data, (error) => (error ? failed(collectorFailure(error, address, trust)) : done()));
          }),
        isOpen: () => !ended && !socket.destroyed,
        onEnded(listener) {
          if (ended) listener(failure);
          else listeners.push(listener);
        },
        finish: () =>
          new Promise<boolean>((done) => {
            if (ended) return done(false);
            finishing = true;
            listeners.push((failure) => done(failure === null));
            socket.end();
          }),
        close() {
          end(null);
          socket.end();
          socket.destroySoon();
        },
      };
      resolve(link);
    });
    socket.on('error', (error) => {
      const why = collectorFailure(error, address, trust);
      end(why);
      signal.removeEventListener('abort', abort);
      reject(why); // ignored once connected: the promise has settled
    });
  });
