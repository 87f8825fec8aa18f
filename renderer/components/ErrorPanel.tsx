// Shows a typed error in plain words: what happened, what to do, and the code for support. Two refusals are
// told apart: Airlock's admin policy (E_POLICY_DENIED: the rule that decided, its reason in the words) and
// Azure's role check (E_AZURE_FORBIDDEN: what Azure answered) — a user asks a different person about each.
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { ErrorShape } from '../../shared/errors/airlock-error';
import { detailsOf } from '../../shared/errors/details';

function RefusalFacts(props: { error: ErrorShape }) {
  const policy = detailsOf('E_POLICY_DENIED', props.error);
  if (policy) return <div data-refusal-source="policy">{`Decided by: Airlock policy, ${policy.rule ? `rule ${policy.rule}` : 'no rule allows it'}`}</div>;
  const azure = detailsOf('E_AZURE_FORBIDDEN', props.error);
  if (azure) return <div data-refusal-source="azure">{`Decided by: Azure role check (HTTP ${azure.status ?? 403}${azure.armCode ? `, ${azure.armCode}` : ''})`}</div>;
  return null;
}

export function ErrorPanel(props: { error: ErrorShape; onRetry?: () => void }) {
  const { error, onRetry } = props;
  return (
    <MessageBar intent="error" layout="multiline" role="alert" data-error-code={error.code}>
      <MessageBarBody>
        <MessageBarTitle>{error.message}</MessageBarTitle>
        {error.hint ? <div>{error.hint}</div> : null}
        <RefusalFacts error={error} />
        <div>Code: {error.code}</div>
      </MessageBarBody>
      {onRetry && error.retryable ? (
        <MessageBarActions>
          <Button onClick={onRetry}>Try again</Button>
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}
