// The push half of the contract: every event main sends to the renderer, with the schema its payload must
// pass in main before it is sent (a payload that fails is dropped, never sent) — the same strict, bounded
// schemas the request channels answer with. Adding an event is a line here and in event-names.ts; the
// preload, the harness bridge and the renderer's types follow from them.
import type { z } from 'zod';
import type { EventName, ListenerMethodOf } from './event-names';
import { SignInProgress } from './schemas/auth';
import { VerifyProgressView } from './schemas/audit';
import { ForwardState, RoutePrompt, RouteStatusView } from './schemas/route';
import { TestRunProgress } from './schemas/test-run';
import { VaultLocked } from './schemas/vault';

export interface EventSpec {
  readonly summary: string;
  readonly payload: z.ZodType;
}

export const events = {
  'auth.signInProgress': {
    summary: 'What the sign-in in progress waits for now (the browser, or a device code to enter); idle when it ended. Same shape as auth.signInProgress.',
    payload: SignInProgress,
  },
  'vault.locked': {
    summary: "An environment's token vault locked (idle lock): its decrypted material is gone until auth.unlock.",
    payload: VaultLocked,
  },
  'route.state': {
    summary: 'A private route changed state (off, connecting, up, degraded, failed), with its counts, latency and last error in words.',
    payload: RouteStatusView,
  },
  'route.prompt': {
    summary: "Main asks the user for an encrypted SSH key's passphrase (the key's file name only); answered with route.answerPrompt.",
    payload: RoutePrompt,
  },
  'forward.state': {
    summary: 'A local forward opened, changed (a local connection came, went or failed; bytes alone do not push) or closed, with its view.',
    payload: ForwardState,
  },
  'audit.verifyProgress': {
    summary: 'How far the running audit verify is, then its finished report. Same shape as audit.verifyProgress.',
    payload: VerifyProgressView,
  },
  'testRun.progress': {
    summary: 'How far the running test run is (done, failed, percentiles so far), then its end state.',
    payload: TestRunProgress,
  },
} as const satisfies Record<EventName, EventSpec>; // also rejects names missing from event-names.ts

export type Events = typeof events;
export type EventPayload<N extends EventName> = z.output<Events[N]['payload']>;
export type EventInput<N extends EventName> = z.input<Events[N]['payload']>;

type EventServiceOf<N extends string> = N extends `${infer S}.${string}` ? S : never;

/** The renderer's view of the push channel: `window.airlock.<service>.on<Event>(listener)` → unsubscribe. */
export type AirlockEventsApi = {
  readonly [S in EventServiceOf<EventName>]: {
    readonly [N in EventName as EventServiceOf<N> extends S ? ListenerMethodOf<N> : never]: (listener: (payload: EventPayload<N>) => void) => () => void;
  };
};
