import type { AirlockApi } from '../../shared/contract/contract';

declare global {
  interface Window {
    /** Exposed by the preload (or the harness bridge). The renderer's only way out. */
    readonly airlock: AirlockApi;
  }
}
