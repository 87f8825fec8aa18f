// Reads a request body with a cap. Past the cap it stops keeping bytes but keeps draining (so the client can
// read the 413) up to a hard limit, after which the connection is to be dropped. It never buffers more than
// the cap and never rejects: the outcome says what happened.
import type { IncomingMessage } from 'node:http';

export const MAX_BODY_BYTES = 1024 * 1024;
/** Past this many bytes an oversized body is no longer drained; the connection is closed after the 413. */
const MAX_DRAIN_BYTES = 16 * 1024 * 1024;

export type BodyOutcome =
  | { readonly kind: 'ok'; readonly body: Buffer }
  | { readonly kind: 'too-large'; readonly drained: boolean }
  | { readonly kind: 'aborted' };

export function readBody(req: IncomingMessage, cap = MAX_BODY_BYTES): Promise<BodyOutcome> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (Number.isFinite(declared) && declared > MAX_DRAIN_BYTES) {
    req.pause();
    return Promise.resolve({ kind: 'too-large', drained: false });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (outcome: BodyOutcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= cap) chunks.push(chunk);
      else if (size > MAX_DRAIN_BYTES) {
        req.pause();
        settle({ kind: 'too-large', drained: false });
      }
    });
    req.on('end', () => settle(size > cap ? { kind: 'too-large', drained: true } : { kind: 'ok', body: Buffer.concat(chunks) }));
    req.on('error', () => settle({ kind: 'aborted' }));
    req.on('aborted', () => settle({ kind: 'aborted' }));
  });
}
