// Shows a typed error in plain words: what happened, what to do, and the code for support.
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { ErrorShape } from '../../shared/errors/airlock-error';

export function ErrorPanel(props: { error: ErrorShape; onRetry?: () => void }) {
  const { error, onRetry } = props;
  return (
    <MessageBar intent="error" layout="multiline" role="alert" data-error-code={error.code}>
      <MessageBarBody>
        <MessageBarTitle>{error.message}</MessageBarTitle>
        {error.hint ? <div>{error.hint}</div> : null}
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
