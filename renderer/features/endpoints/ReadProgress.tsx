// The states of a cancellable ARM read that are not its answer: reading (what, and for how long) with Cancel,
// stopped by the user (with Load again), or failed (ErrorPanel). Never an empty list in their place.
import { Button, makeStyles, MessageBar, MessageBarActions, MessageBarBody, Spinner, tokens } from '@fluentui/react-components';
import { ErrorPanel } from '../../components/ErrorPanel';
import type { CancellableQuery } from './use-cancellable-query';

const useStyles = makeStyles({
  loading: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
});

export function ReadProgress<T>(props: { query: CancellableQuery<T>; what: string }) {
  const styles = useStyles();
  const { query } = props;
  if (query.status === 'loading') {
    return (
      <div className={styles.loading} data-read-progress>
        <Spinner size="small" label={`Reading ${props.what} from Azure Resource Manager…${query.waitedSeconds >= 2 ? ` ${query.waitedSeconds} s` : ''}`} />
        <Button size="small" onClick={query.cancel}>
          Cancel
        </Button>
      </div>
    );
  }
  if (query.status === 'cancelled') {
    return (
      <MessageBar intent="warning" data-read-cancelled>
        <MessageBarBody>{`Stopped waiting for ${props.what}. Nothing was read.`}</MessageBarBody>
        <MessageBarActions>
          <Button onClick={query.reload}>Load again</Button>
        </MessageBarActions>
      </MessageBar>
    );
  }
  if (query.status === 'error') return <ErrorPanel error={query.error.toShape()} onRetry={query.reload} />;
  return null;
}
