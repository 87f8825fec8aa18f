// "Offers to connect": shown where a call failed with E_ROUTE_DOWN. From the routes as main last said (the
// routes context: route.list, then every push), it offers "Connect <route>" for each one the environment and
// policy allow (the one main named first), brings it up with route.connect and then calls onUp (the screen
// retries what failed). It follows the routes live: a route brought up elsewhere (Connections, the other offer)
// turns its button into "<route> is up — try again", or, with `retryWhenUp` (a read, safe to repeat), retries at
// once. A jump host whose key is not known yet (E_HOST_KEY_UNKNOWN/CHANGED) is never trusted from here: the
// words send the user to Connections, which shows the fingerprint. Reusable by any screen that gets E_ROUTE_DOWN.
import { Button, makeStyles, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner, tokens } from '@fluentui/react-components';
import { PlugConnectedRegular } from '@fluentui/react-icons';
import { useEffect, useRef, useState } from 'react';
import type { RouteListEntry } from '../../../shared/contract/schemas/route';
import type { AirlockError } from '../../../shared/errors/airlock-error';
import { detailsOf } from '../../../shared/errors/details';
import { asAirlockError, unwrap } from '../../ipc/airlock-client';
import { viaWords } from '../connections/route-words';
import { useRoutes } from '../connections/routes-context';

type Via = RouteListEntry['via'];

const useStyles = makeStyles({ actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' } });

/** The allowed routes, the one the error named first. Exported for tests. */
export function offeredRoutes(routes: readonly RouteListEntry[], named: Via | undefined): RouteListEntry[] {
  return routes.filter((r) => r.allowed).sort((a, b) => Number(b.via === named) - Number(a.via === named));
}

function hostKeyWords(error: AirlockError): string | null {
  if (error.code === 'E_HOST_KEY_UNKNOWN') return "The jump host's key is not known yet, so Airlock did not connect. Open Connections (in the navigation rail): it shows the key's fingerprint to check and trust, then come back and send again.";
  if (error.code === 'E_HOST_KEY_CHANGED') return "The jump host's key changed, so Airlock stopped. Open Connections for the details and ask your administrator before going on.";
  return null;
}

export function ConnectOffer(props: {
  error: AirlockError;
  what: string;
  onUp: () => void;
  onOpenConnections?: () => void;
  /** The title; default: the error's own words. */
  title?: string;
  /** Call onUp by itself once a route is up (for a read: safe to repeat). */
  retryWhenUp?: boolean;
}) {
  const styles = useStyles();
  const { state, apply, reload } = useRoutes();
  // Fresh when it appears (the failure may be the first sign a route dropped), live from the pushes after that.
  useEffect(() => reload(), [reload]);
  const named = detailsOf('E_ROUTE_DOWN', props.error)?.via;
  const routes = state.status === 'ready' ? offeredRoutes(state.routes, named) : null;
  const listProblem = state.status === 'error' ? { error: state.error, words: state.error.message } : null;
  const [busy, setBusy] = useState<Via | null>(null);
  const [connectProblem, setProblem] = useState<{ error: AirlockError; words: string } | null>(null);
  const problem = connectProblem ?? listProblem;

  // A route that came up while this offer was shown, here or anywhere else: retry once if asked to. Only on a
  // change from none up to one up that this offer saw: a route main calls up that still failed the call must
  // not start a loop of retries.
  const anyUp = routes?.some((r) => r.state === 'up' || r.state === 'degraded') ?? false;
  const sawNoneUp = useRef(false);
  const retried = useRef(false);
  const onUp = props.onUp;
  useEffect(() => {
    if (routes !== null && !anyUp) sawNoneUp.current = true;
    if (!props.retryWhenUp || !anyUp || !sawNoneUp.current || retried.current) return;
    retried.current = true;
    onUp();
  }, [routes, anyUp, props.retryWhenUp, onUp]);

  const connect = (via: Via) => {
    setBusy(via);
    setProblem(null);
    unwrap(window.airlock.route.connect({ via }))
      .then(
        (status) => {
          apply(status);
          if (status.state !== 'up' && status.state !== 'degraded') setProblem({ error: props.error, words: `${viaWords(via)} is ${status.state}, not up; try again from Connections.` });
          // With retryWhenUp, the effect above retries as the route shows up.
          else if (!props.retryWhenUp) props.onUp();
        },
        (thrown: unknown) => {
          const error = asAirlockError(thrown);
          setProblem({ error, words: hostKeyWords(error) ?? `${error.message}${error.hint ? ` ${error.hint}` : ''}` });
        },
      )
      .finally(() => setBusy(null));
  };

  return (
    <MessageBar intent="warning" layout="multiline" data-connect-offer data-error-code={props.error.code}>
      <MessageBarBody>
        <MessageBarTitle>{props.title ?? props.error.message}</MessageBarTitle>
        <div>{`Airlock can connect a private route now and then ${props.what}.`}</div>
        {routes === null && !problem ? <Spinner size="tiny" label="Finding the routes you may use…" /> : null}
        {routes?.length === 0 ? <div>No route is allowed for this environment; ask your administrator.</div> : null}
        {problem ? (
          <div role="alert" data-connect-problem={problem.error.code}>
            {problem.words}
          </div>
        ) : null}
      </MessageBarBody>
      <MessageBarActions>
        <div className={styles.actions}>
          {routes?.map((r) =>
            r.state === 'up' ? (
              <Button key={r.via} onClick={props.onUp} data-connect-via={r.via}>
                {`${viaWords(r.via)} is up — try again`}
              </Button>
            ) : (
              <Button key={r.via} appearance="primary" icon={busy === r.via ? <Spinner size="extra-tiny" /> : <PlugConnectedRegular />} disabled={busy !== null} onClick={() => connect(r.via)} data-connect-via={r.via}>
                {`Connect ${viaWords(r.via)}`}
              </Button>
            ),
          )}
          {problem && props.onOpenConnections ? <Button onClick={props.onOpenConnections}>Open Connections</Button> : null}
        </div>
      </MessageBarActions>
    </MessageBar>
  );
}
