// Re-run: the entry's request sent again as it was — same workspace, endpoint, deployment (or traffic split),
// payload and route kind — through endpoint.score, so main checks and audits it like any send (and keeps it in
// history as a new entry). Shows the new answer; no route up offers to connect one, then sends again.
import { Spinner } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { InvokeResultView } from '../../../shared/contract/schemas/endpoint';
import type { AirlockError } from '../../../shared/errors/airlock-error';
import { ErrorPanel } from '../../components/ErrorPanel';
import { asAirlockError, unwrap } from '../../ipc/airlock-client';
import { ConnectOffer } from '../invoke/ConnectOffer';
import { ResponseView } from '../invoke/ResponseView';
import { useStepUp } from '../session/step-up';
import { whenText } from './history-display';

type Run = { status: 'sending' } | { status: 'done'; result: InvokeResultView } | { status: 'error'; error: AirlockError };

export function RerunView(props: { id: string; onSaved: (historyId: string) => void }) {
  const withStepUp = useStepUp();
  const [attempt, setAttempt] = useState(0);
  const [run, setRun] = useState<Run & { attempt: number }>({ attempt: -1, status: 'sending' });
  const [sentAt, setSentAt] = useState<string | null>(null);
  const { id } = props;
  // Read through a ref: a new onSaved from a re-rendered parent must never send the request again.
  const onSaved = useRef(props.onSaved);
  useEffect(() => {
    onSaved.current = props.onSaved;
  });

  useEffect(() => {
    let live = true;
    unwrap(withStepUp(() => window.airlock.history.get({ id })))
      .then((entry) => {
        if (live) setSentAt(entry.summary.at);
        const { workspaceId, endpointName, deploymentName, via } = entry.summary;
        return unwrap(withStepUp(() => window.airlock.endpoint.score({ workspaceId, endpointName, payload: entry.payload, via, ...(deploymentName === null ? {} : { deploymentName }) })));
      })
      .then(
        (result) => {
          if (!live) return;
          setRun({ attempt, status: 'done', result });
          if (result.historyId !== null) onSaved.current(result.historyId);
        },
        (thrown: unknown) => live && setRun({ attempt, status: 'error', error: asAirlockError(thrown) }),
      );
    return () => {
      live = false;
    };
  }, [id, attempt, withStepUp]);

  const retry = () => setAttempt((a) => a + 1);
  const shown: Run = run.attempt === attempt ? run : { status: 'sending' };
  if (shown.status === 'sending') return <Spinner size="tiny" label="Sending the request again…" data-history-rerun="sending" />;
  if (shown.status === 'error') {
    if (shown.error.code === 'E_ROUTE_DOWN') return <ConnectOffer error={shown.error} what="send the request again" onUp={retry} />;
    return <ErrorPanel error={shown.error} onRetry={retry} />;
  }
  const label = `Response to the re-run of the request sent at ${sentAt ? whenText(sentAt) : 'an earlier time'}`;
  return (
    <div data-history-rerun="done">
      <div role="status" data-history-rerun-saved={shown.result.historyId === null ? 'no' : 'yes'}>
        {shown.result.historyId === null ? 'Sent again. This answer was not kept in history.' : 'Sent again. Saved to history as a new entry.'}
      </div>
      <ResponseView result={shown.result} label={label} />
    </div>
  );
}
