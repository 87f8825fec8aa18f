// One sign-in attempt (browser or device code), staged: it runs in an MSAL instance of its own with an empty
// cache, and its account and tokens are copied into the environment's cache only if the interactive gate
// still wants the attempt at that moment. An attempt the gate gave up on (cancelled, timed out) may still
// finish — a late token response, a device code approved afterwards — but then nothing is copied, and its
// instance, tokens and all, is dropped. The check and the copy run in one turn, so a cancel cannot slip in
// between. What an attempt leaves outside its instance (WAM keeps a broker sign-in's account) it registers
// an undo for, run whenever the attempt does not settle. Never logs tokens, codes or account names.
import type { AuthenticationResult, PublicClientApplication } from '@azure/msal-node';
import type { Logger } from '../ports';
import { signInCancelled, type InteractiveGate } from './interactive-gate';

export interface StagedSignIn {
  readonly gate: InteractiveGate;
  readonly logger: Logger;
  readonly environmentId: string;
  readonly method: 'browser' | 'device-code';
  /** A fresh instance for this attempt (empty cache). */
  staging(): Promise<PublicClientApplication>;
  /** The environment's own instance, fetched after the attempt (the idle lock may have replaced it). */
  target(): Promise<PublicClientApplication>;
  /** `undoIfUnsettled`: how to take back what the attempt left outside `app`, run if it does not settle. */
  acquire(app: PublicClientApplication, signal: AbortSignal, undoIfUnsettled: (undo: () => Promise<void>) => void): Promise<AuthenticationResult | null>;
}

/** Runs the attempt through the gate; resolves with the result once its tokens are in the environment's cache. */
export function runStagedSignIn(attempt: StagedSignIn): Promise<{ result: AuthenticationResult | null; app: PublicClientApplication }> {
  return attempt.gate.run(async (signal) => {
    let settled = false;
    const undos: Array<() => Promise<void>> = [];
    try {
      const staging = await attempt.staging();
      const result = await attempt.acquire(staging, signal, (undo) => void undos.push(undo));
      const app = await attempt.target();
      if (signal.aborted) throw signInCancelled();
      app.getTokenCache().deserialize(staging.getTokenCache().serialize()); // adds to what is there, same keys replaced
      settled = true;
      return { result, app };
    } finally {
      // Aborted before this attempt settled: the gate gave up on it, and whatever it brought is dropped.
      if (!settled && signal.aborted) attempt.logger.log('info', 'auth.sign_in_abandoned', { environmentId: attempt.environmentId, method: attempt.method });
      // Failed or abandoned: whatever the attempt put outside its own instance goes too (undos never throw).
      if (!settled) for (const undo of undos) await undo();
    }
  });
}
