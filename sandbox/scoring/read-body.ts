// Reads a request body up to a byte cap. It must never buffer more than the cap: past it, it stops keeping
// bytes and reports 'too-large' (the caller answers 413 and closes the connection).

import type { IncomingMessage } from 'node:http';

/** 1.5 MiB. Azure documents no payload cap for managed endpoints (only 5 MBps bandwidth); this is the sandbox's. */
export const MAX_BODY_BYTES = 1.5 * 1024 * 1024;

export type BodyResult = { ok: true; body: Buffer } | { ok: false; reason: 'too-large' | 'aborted' };

/** True when Content-Length alone already says the body is over the cap. */
export function declaredTooLarge(req: IncomingMessage, cap = MAX_BODY_BYTES): boolean {
  const declared = req.headers['content-length'];
  return declared !== undefined && /^\d+$/.test(declared) && Number(declared) > cap;
}

export function readBody(req: IncomingMessage, cap = MAX_BODY_BYTES): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: BodyResult) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > cap) {
        chunks.length = 0;
        finish({ ok: false, reason: 'too-large' });
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => finish({ ok: true, body: Buffer.concat(chunks) }));
    req.once('error', () => finish({ ok: false, reason: 'aborted' }));
    req.once('close', () => finish(req.complete ? { ok: true, body: Buffer.concat(chunks) } : { ok: false, reason: 'aborted' }));
  });
}

/** After a 413: discard what the client is still sending (up to a bound, never kept), then drop the connection. */
export function discardRest(req: IncomingMessage, bound = 8 * MAX_BODY_BYTES): void {
  let discarded = 0;
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > bound) req.socket.destroy();
  });
  req.resume();
}
