import type { AirlockApi } from '../../shared/contract/contract';
import type { AirlockEventsApi } from '../../shared/contract/events';

declare global {
  interface Window {
    /** Exposed by the preload (or the harness bridge). The renderer's only way out, and main's only way in (on<Event>). */
    readonly airlock: AirlockApi & AirlockEventsApi;
  }
}
