// Under a list shown first-rows-first (renderer/ipc/use-rest-of-list.ts): says that only the first rows are
// shown while the rest is read (with Stop), that the user stopped it, that reading the rest failed (with the
// error's words and Try again), or that Azure has more than Airlock lists. Nothing when the list is whole, so a
// short list is never mistaken for all of it, and a partial one never for a whole one.
import { Button, makeStyles, MessageBar, MessageBarActions, MessageBarBody, Spinner, tokens } from '@fluentui/react-components';
import type { ErrorShape } from '../../shared/errors/airlock-error';

const useStyles = makeStyles({
  loading: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
});

export type RestStatus = { readonly status: 'none' | 'loading' | 'ready' | 'stopped' } | { readonly status: 'error'; readonly error: { toShape(): ErrorShape } };

export function RestOfListStatus(props: { rest: RestStatus; shown: number; complete: boolean; what: string; onStop: () => void; onRetry: () => void }) {
  const styles = useStyles();
  const { rest, what } = props;
  const shown = props.shown.toLocaleString();
  if (rest.status === 'loading') {
    return (
      <div className={styles.loading} data-rest-of-list="loading">
        <Spinner size="tiny" label={`Showing the first ${shown} ${what}; reading the rest from Azure Resource Manager…`} />
        <Button size="small" onClick={props.onStop}>
          Stop
        </Button>
      </div>
    );
  }
  if (rest.status === 'stopped' || rest.status === 'error') {
    const error = rest.status === 'error' ? rest.error.toShape() : null;
    return (
      <MessageBar intent="warning" layout="multiline" data-rest-of-list={rest.status}>
        <MessageBarBody>
          {error ? `Showing only the first ${shown} ${what}: reading the rest failed. ${error.message} (${error.code})` : `Showing only the first ${shown} ${what}: you stopped reading the rest.`}
        </MessageBarBody>
        <MessageBarActions>
          <Button onClick={props.onRetry}>{error ? 'Try again' : 'Read the rest'}</Button>
        </MessageBarActions>
      </MessageBar>
    );
  }
  if (!props.complete) {
    return (
      <MessageBar intent="info" data-rest-of-list="more-in-azure">
        <MessageBarBody>{`Azure has more ${what} than the ${shown} Airlock lists. Search narrows the ones shown.`}</MessageBarBody>
      </MessageBar>
    );
  }
  return null;
}
