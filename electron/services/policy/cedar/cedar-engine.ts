// Loads Cedar (@cedar-policy/cedar-wasm, the Node.js flavour) once, lazily, in the process that decides
// (Electron main, the CLI, tests) — never at import time and never in the renderer (its 4 MB of wasm
// belongs in main). Exposes only the calls the policy service (and its benchmark) use. Must never be handed a policy text it
// has not compiled itself.
import type * as CedarWasm from '@cedar-policy/cedar-wasm/nodejs';

/** What the service uses, plus one-shot isAuthorized (the benchmark's baseline). */
export type CedarApi = Pick<typeof CedarWasm, 'preparsePolicySet' | 'statefulIsAuthorized' | 'isAuthorized' | 'validate' | 'getCedarVersion'>;
export type { AuthorizationAnswer, CedarValueJson, Context as CedarContext, DetailedError } from '@cedar-policy/cedar-wasm/nodejs';

let loading: Promise<CedarApi> | undefined;

/** The engine, loaded on first use; a failed load is retried on the next call (and meanwhile fails closed). */
export function loadCedar(): Promise<CedarApi> {
  loading ??= import('@cedar-policy/cedar-wasm/nodejs').then(
    (loaded) => {
      // Under ESM the CommonJS flavour may arrive as a default export; take whichever holds the functions.
      const module = loaded as Partial<typeof CedarWasm> & { default?: typeof CedarWasm };
      const api = typeof module.statefulIsAuthorized === 'function' ? (module as typeof CedarWasm) : module.default;
      if (!api || typeof api.statefulIsAuthorized !== 'function') throw new Error('cedar-wasm loaded without its functions');
      return api;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
