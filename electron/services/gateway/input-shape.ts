// A cheap first look at an IPC payload, before its schema: every channel's input is nothing (undefined) or a
// strict object of a few keys (contract.ts), and Electron's structured clone hands main plain objects. So an
// array, a typed array, a Map, a class instance, or an object of thousands of keys cannot be any channel's
// input; refusing it here spares zod a walk over every index of a 64 MB Uint8Array (a strict object reports
// each unknown key, and then words them all into one message), which a compromised renderer could repeat.
// Primitives and null pass: the schema refuses them at once.

/** The most top-level keys an input may have; the largest input today (testRun.start) has 8. */
export const MAX_INPUT_KEYS = 32;

export function inputShapeFits(payload: unknown): boolean {
  if (typeof payload !== 'object' || payload === null) return true;
  const proto: unknown = Object.getPrototypeOf(payload);
  if (proto !== Object.prototype && proto !== null) return false;
  let keys = 0;
  for (const key in payload) {
    if (Object.hasOwn(payload, key) && ++keys > MAX_INPUT_KEYS) return false;
  }
  return true;
}
