// The whole of one or two history entries (history.get: the payload as sent, the result as shown), loaded
// when the ids change; an answer for ids no longer asked about is dropped.
import { useEffect, useState } from 'react';
import type { HistoryEntryView } from '../../../shared/contract/schemas/history';
import type { AirlockError } from '../../../shared/errors/airlock-error';
import { asAirlockError, unwrap } from '../../ipc/airlock-client';
import { useStepUp } from '../session/step-up';

export type EntriesState = { status: 'loading' } | { status: 'error'; error: AirlockError } | { status: 'ready'; entries: HistoryEntryView[] };

export function useHistoryEntries(ids: readonly string[]): EntriesState {
  const withStepUp = useStepUp();
  const key = ids.join(' ');
  const [answer, setAnswer] = useState<EntriesState & { key: string }>({ key: '', status: 'loading' });
  useEffect(() => {
    let live = true;
    Promise.all(key.split(' ').map((id) => unwrap(withStepUp(() => window.airlock.history.get({ id }))))).then(
      (entries) => live && setAnswer({ key, status: 'ready', entries }),
      (thrown: unknown) => live && setAnswer({ key, status: 'error', error: asAirlockError(thrown) }),
    );
    return () => {
      live = false;
    };
  }, [key, withStepUp]);
  return answer.key === key ? answer : { status: 'loading' };
}
