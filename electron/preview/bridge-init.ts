// Runs inside the page before any app script, standing in for the Electron preload. It builds
// `window.airlock` with the same builder the preload uses and mimics contextBridge + ipcRenderer.invoke:
// - arguments are structured-cloned with the clone captured now (a page script cannot swap it later), so
//   uncloneable values (functions, symbols) throw as they do in Electron;
// - values JSON cannot carry (Map, Set, Date, typed arrays, cycles, ...) would reach main intact in Electron
//   and fail its JSON-only schemas, but Playwright would flatten them (a Map becomes {}); the bridge answers
//   them as main would, with E_BAD_REQUEST, instead of letting a flattened value through;
// - a failure of the bridge itself carries Electron's "Error invoking remote method" prefix;
// - like a preload, it exposes the API in the main frame only;
// - main's pushes arrive through `__airlockPush(message)`, which the host calls in the main frame only; it is
//   fixed in place (a page script cannot swap it to read other listeners' events) and hands each listener its
//   own structured clone of the payload, as contextBridge does.
// The raw Playwright binding stays reachable to a determined page script (and it could push events to
// itself): the gateway's sender and schema checks, not this file, are the trust boundary.
import { buildAirlockApi } from '../../shared/contract/api-builder';
import { createEventDispatch } from '../../shared/contract/event-dispatch';
import { failed } from '../../shared/contract/result';
import { errorShape } from '../../shared/errors/airlock-error';

type Binding = (channel: string, payload: unknown) => Promise<unknown>;
const scope = window as unknown as Record<string, unknown>;
const binding = scope['__airlockIpc'] as Binding | undefined;
const clone = structuredClone;
const objectPrototype = Object.prototype;
const arrayIsArray = Array.isArray;
const getPrototypeOf = Object.getPrototypeOf;

/** True when JSON would carry the value unchanged: what Airlock's contract schemas are written for. */
function isJsonShaped(value: unknown, seen: Set<object>): boolean {
  if (value === null || value === undefined) return true;
  const kind = typeof value;
  if (kind === 'string' || kind === 'boolean') return true;
  if (kind === 'number') return Number.isFinite(value);
  if (kind !== 'object') return false;
  const object = value;
  if (seen.has(object)) return false;
  seen.add(object);
  if (arrayIsArray(object)) return object.every((item) => isJsonShaped(item, seen));
  const proto: unknown = getPrototypeOf(object);
  if (proto !== objectPrototype && proto !== null) return false;
  return Object.values(object).every((item) => isJsonShaped(item, seen));
}

if (window === window.top && typeof binding === 'function') {
  delete scope['__airlockIpc'];
  const invoke = async (channel: string, request: unknown): Promise<unknown> => {
    const cloned: unknown = clone(request);
    if (!isJsonShaped(cloned, new Set())) return failed(errorShape('E_BAD_REQUEST'));
    try {
      return await binding(channel, cloned);
    } catch (thrown) {
      throw new Error(`Error invoking remote method '${channel}': ${String(thrown)}`);
    }
  };
  const report = window.reportError.bind(window);
  const dispatch = createEventDispatch((payload) => clone(payload), report);
  Object.defineProperty(window, '__airlockPush', { value: (message: unknown) => dispatch.deliver(message), enumerable: false, writable: false, configurable: false });
  Object.defineProperty(window, 'airlock', { value: buildAirlockApi(invoke, undefined, dispatch.subscribe), enumerable: true, writable: false, configurable: false });
}
