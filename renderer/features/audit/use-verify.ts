// Runs audit.verify and, while it is pending, shows how far it got from main's pushes (the audit.verifyProgress
// event; nothing polls); Cancel asks main to stop (audit.cancelVerify) and the pending verify answers 'aborted'.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AirlockError } from '../../../shared/errors/airlock-error';
import { asAirlockError, unwrap } from '../../ipc/airlock-client';
import type { VerifyReportView } from './audit-types';

export type VerifyState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'running'; readonly checked: number; readonly total: number; readonly cancelling: boolean }
  | { readonly phase: 'done'; readonly report: VerifyReportView }
  | { readonly phase: 'error'; readonly error: AirlockError };

export interface Verify {
  readonly state: VerifyState;
  readonly start: () => void;
  readonly cancel: () => void;
}

export function useVerify(onFinished: () => void): Verify {
  const [state, setState] = useState<VerifyState>({ phase: 'idle' });
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);
  // Progress is a courtesy: the verify call itself reports the result and failures.
  useEffect(
    () =>
      window.airlock.audit.onVerifyProgress((p) => {
        if (p.state === 'running') setState((s) => (s.phase === 'running' ? { ...s, checked: p.checked, total: p.total } : s));
      }),
    [],
  );

  const start = useCallback(() => {
    setState({ phase: 'running', checked: 0, total: 0, cancelling: false });
    unwrap(window.airlock.audit.verify())
      .then(
        (report) => live.current && setState({ phase: 'done', report }),
        (thrown: unknown) => live.current && setState({ phase: 'error', error: asAirlockError(thrown) }),
      )
      .finally(() => {
        if (live.current) onFinished();
      });
  }, [onFinished]);

  const cancel = useCallback(() => {
    setState((s) => (s.phase === 'running' ? { ...s, cancelling: true } : s));
    unwrap(window.airlock.audit.cancelVerify()).catch((thrown: unknown) => live.current && setState({ phase: 'error', error: asAirlockError(thrown) }));
  }, []);

  return { state, start, cancel };
}
