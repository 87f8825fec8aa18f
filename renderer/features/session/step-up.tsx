// Step-up: when a call fails with E_STEP_UP_REQUIRED, a dialog names the resource and the reason and asks
// the user to continue; Continue runs the sign-in prompt main recorded (MFA or an auth context) for that
// account, then the call is tried exactly once more. Not now hands the original error back to the screen.
import {
  Body1,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ShieldKeyholeRegular } from '@fluentui/react-icons';
import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';
import type { IpcResult } from '../../../shared/contract/result';
import { AirlockError, type ErrorShape } from '../../../shared/errors/airlock-error';
import { detailsOf } from '../../../shared/errors/details';
import { STEP_UP_REASON_WORDS } from '../../../shared/errors/step-up-words';
import { asAirlockError, unwrap } from '../../ipc/airlock-client';
import { useSession } from './session-context';

type WithStepUp = <T>(call: () => Promise<IpcResult<T>>) => Promise<IpcResult<T>>;

const StepUpContext = createContext<WithStepUp>((call) => call());

/** How the dialog ended: retry the call, the user said not now, or the prompt itself failed (shown instead). */
type Outcome = { readonly kind: 'retry' } | { readonly kind: 'declined' } | { readonly kind: 'failed'; readonly error: ErrorShape };

interface Pending {
  readonly error: AirlockError;
  readonly answer: (outcome: Outcome) => void;
}

const useStyles = makeStyles({
  facts: { display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalXS, marginTop: tokens.spacingVerticalM },
  term: { color: tokens.colorNeutralForeground3 },
  title: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  waiting: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalM },
});

/** The step-up id main attached to the error, when it is an answerable step-up (details as shared declares). */
function stepUpIdOf(error: AirlockError): string | null {
  return detailsOf('E_STEP_UP_REQUIRED', error)?.stepUpId ?? null;
}

export function StepUpProvider(props: { children: ReactNode }) {
  const styles = useStyles();
  const { active, refresh } = useSession();
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  // One dialog at a time: calls that hit a step-up while one is open wait for its answer and share it.
  const inFlight = useRef<Promise<Outcome> | null>(null);
  // Set before the first await: a second click on Continue before React re-renders must not start a second prompt.
  const answering = useRef(false);

  const ask = useCallback((error: AirlockError): Promise<Outcome> => {
    inFlight.current ??= new Promise<Outcome>((resolve) => setPending({ error, answer: resolve })).finally(() => {
      inFlight.current = null;
    });
    return inFlight.current;
  }, []);

  const withStepUp = useCallback<WithStepUp>(
    async (call) => {
      const first = await call();
      if (first.ok) return first;
      const error = AirlockError.fromShape(first.error);
      const stepUpId = stepUpIdOf(error);
      if (!stepUpId) return first;
      const outcome = await ask(error);
      if (outcome.kind === 'declined') return first;
      if (outcome.kind === 'failed') return { ok: false, error: outcome.error };
      return call(); // retried once; a second step-up error is shown as it is, never looped
    },
    [ask],
  );

  const answer = async (proceed: boolean) => {
    if (!pending || answering.current) return;
    answering.current = true;
    const stepUpId = stepUpIdOf(pending.error);
    if (!proceed || !stepUpId) {
      setPending(null);
      answering.current = false;
      pending.answer({ kind: 'declined' });
      return;
    }
    setBusy(true);
    try {
      await unwrap(window.airlock.auth.stepUp({ stepUpId }));
      await refresh();
      pending.answer({ kind: 'retry' });
    } catch (thrown) {
      // The prompt failed, timed out or was cancelled: the screen shows why, in place of the result.
      pending.answer({ kind: 'failed', error: asAirlockError(thrown).toShape() });
    } finally {
      answering.current = false;
      setBusy(false);
      setPending(null);
    }
  };

  // Parsed with the same schema main was held to; the dialog only opens for errors that pass it.
  const details = detailsOf('E_STEP_UP_REQUIRED', pending?.error);
  const resource = details?.resource ?? 'This resource';
  const reason = details ? STEP_UP_REASON_WORDS[details.reason].explanation : pending?.error.message;
  const authContext = details?.authContext ?? null;
  const account = details?.account || null;

  return (
    <StepUpContext.Provider value={withStepUp}>
      {props.children}
      {/* Escape answers like "Not now" (or cancels the browser prompt while one is open): every action works from
          the keyboard, and an alert dialog that ignored Escape would leave a keyboard user stuck in it. */}
      <Dialog
        open={pending !== null}
        modalType="alert"
        onOpenChange={(_, data) => {
          if (data.open) return;
          if (busy) void window.airlock.auth.cancelSignIn();
          else void answer(false);
        }}
      >
        <DialogSurface aria-describedby="step-up-reason" data-step-up-dialog>
          <DialogBody>
            <DialogTitle className={styles.title}>
              <ShieldKeyholeRegular aria-hidden /> Stronger sign-in needed
            </DialogTitle>
            <DialogContent>
              <Body1 id="step-up-reason">{reason}</Body1>
              <div className={styles.facts}>
                <span className={styles.term}>Resource</span>
                <span data-step-up-resource>{resource}</span>
                <span className={styles.term}>Account</span>
                <span>{account ?? active?.username ?? 'the signed-in account'}</span>
                {authContext ? (
                  <>
                    <span className={styles.term}>Requirement</span>
                    <span>Authentication context {authContext} (multi-factor authentication)</span>
                  </>
                ) : null}
              </div>
              {busy ? (
                <div className={styles.waiting} role="status" aria-live="polite">
                  <Spinner size="tiny" />
                  <Body1>Finish signing in in your browser. Airlock then tries the action once more.</Body1>
                </div>
              ) : null}
            </DialogContent>
            <DialogActions>
              {busy ? (
                <Button onClick={() => void window.airlock.auth.cancelSignIn()}>Cancel sign-in</Button>
              ) : (
                <>
                  <Button appearance="primary" onClick={() => void answer(true)}>
                    Continue
                  </Button>
                  <Button onClick={() => void answer(false)}>Not now</Button>
                </>
              )}
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </StepUpContext.Provider>
  );
}

/** Wraps a window.airlock call so a step-up is answered in the dialog and the call retried once. */
export function useStepUp(): WithStepUp {
  return useContext(StepUpContext);
}
