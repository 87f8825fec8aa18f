// "Offers to connect": shown where a call failed with E_ROUTE_DOWN. It asks route.list which routes the
// environment and policy allow, offers "Connect <route>" for each (the one main named first), brings it up with
// route.connect and then calls onUp (the screen retries what failed). A jump host whose key is not known yet
// (E_HOST_KEY_UNKNOWN/CHANGED) is never trusted from here: the words send the user to Connections, which shows
// the fingerprint. Reusable by any screen that gets E_ROUTE_DOWN.
import { Button, makeStyles, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner, tokens } from '@fluentui/react-components';
import { PlugConnectedRegular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
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

export function ConnectOffer(props: { error: AirlockError; what: string; onUp: () => void; onOpenConnections?: () => void }) {
  const styles = useStyles();
  const { apply } = useRoutes();
  const named = detailsOf('E_ROUTE_DOWN', props.error)?.via;
  const [routes, setRoutes] = useState<RouteListEntry[] | null>(null);
  const [busy, setBusy] = useState<Via | null>(null);
  const [problem, setProblem] = useState<{ error: AirlockError; words: string } | null>(null);

  useEffect(() => {
    let live = true;
    unwrap(window.airlock.route.list()).then(
      (list) => live && setRoutes(offeredRoutes(list.routes, named)),
      (thrown: unknown) => live && setProblem({ error: asAirlockError(thrown), words: asAirlockError(thrown).message }),
    );
    return () => {
      live = false;
    };
  }, [named]);

  const connect = (via: Via) => {
    setBusy(via);
    setProblem(null);
    unwrap(window.airlock.route.connect({ via }))
      .then(
        (status) => {
          apply(status);
          if (status.state === 'up' || status.state === 'degraded') props.onUp();
          else setProblem({ error: props.error, words: `${viaWords(via)} is ${status.state}, not up; try again from Connections.` });
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
        <MessageBarTitle>{props.error.message}</MessageBarTitle>
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
