// Looks for a planted secret in this process's V8 heap: takes a heap snapshot (V8 collects garbage first, so
// only what is still reachable is in it) and scans its bytes for the needle. The needle is a Buffer on
// purpose: its bytes live outside the JS heap, so the search itself never plants a copy of the secret.
// Strings are written to a snapshot cut at --heap-snapshot-string-limit (1024 by default); the limit is
// raised so a token deep inside a long serialized cache is still seen.
import { getHeapSnapshot, setFlagsFromString } from 'node:v8';

export async function heapContains(needle: Buffer): Promise<boolean> {
  if (needle.length < 8) throw new Error('heapContains: use a needle of at least 8 bytes');
  setFlagsFromString('--heap-snapshot-string-limit=1000000000');
  let carry = Buffer.alloc(0);
  let found = false;
  for await (const chunk of getHeapSnapshot()) {
    if (found) continue; // drain the stream so the snapshot finishes cleanly
    const bytes = Buffer.concat([carry, typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer)]);
    if (bytes.indexOf(needle) !== -1) found = true;
    carry = bytes.subarray(Math.max(0, bytes.length - needle.length + 1));
  }
  return found;
}
