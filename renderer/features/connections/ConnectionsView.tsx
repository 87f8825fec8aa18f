// Connections: the active environment's private routes (VPN or direct, SSH jump host, Azure Bastion) live from
// route.state pushes, Connect / Disconnect with the host-key question on first use, Test connection and local
// forwards. Every action goes through window.airlock; errors are typed and shown in words.
import { Body1, makeStyles, Spinner, Subtitle1, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { RouteListEntry } from '../../../shared/contract/schemas/route';
import type { AirlockError } from '../../../shared/errors/airlock-error';
import { ErrorPanel } from '../../components/ErrorPanel';
import { SignInFirst } from '../../components/SignInFirst';
import { asAirlockError, unwrap } from '../../ipc/airlock-client';
import { useAirlockQuery } from '../../ipc/use-airlock-query';
import { useEnvironmentChoice } from '../session/environment-choice';
import { useSession } from '../session/session-context';
import { ForwardsPanel } from './ForwardsPanel';
import { hostKeyQuestionOf, type HostKeyQuestion } from './host-key-question';
import { HostKeyDialog } from './HostKeyDialogs';
import { RouteCard } from './RouteCard';
import { useRoutes } from './routes-context';
import { TestConnectionPanel } from './TestConnectionPanel';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}` },
  heading: { margin: 0 },
  intro: { margin: 0 },
  cards: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))', gap: tokens.spacingHorizontalM },
});

type Via = RouteListEntry['via'];

/** A clock for "since" and the reconnect countdown only: display, never a reason to ask main again. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** Routes need a signed-in account (Bastion's tunnel token, the guard's context): until then, say so and lead to sign-in. */
export function ConnectionsView(props: { onSignIn?: () => void }) {
  const { active } = useSession();
  if (!active) {
    return (
      <SignInFirst title="Sign in to use private routes" {...(props.onSignIn ? { onSignIn: props.onSignIn } : {})}>
        Sign in under Workspaces; the VPN, SSH jump host and Azure Bastion routes of the environment are shown and connected here.
      </SignInFirst>
    );
  }
  return <ConnectionsScreen />;
}

function ConnectionsScreen() {
  const styles = useStyles();
  const { state, reload, apply } = useRoutes();
  const workspaces = useAirlockQuery(() => window.airlock.workspace.list());
  const now = useNow();
  const { current } = useEnvironmentChoice();
  const [busy, setBusy] = useState<ReadonlySet<Via>>(new Set());
  const [disconnecting, setDisconnecting] = useState<ReadonlySet<Via>>(new Set());
  const [actionError, setActionError] = useState<AirlockError | null>(null);
  const [question, setQuestion] = useState<HostKeyQuestion | null>(null);
  const [trusting, setTrusting] = useState(false);
  const [trustError, setTrustError] = useState<string | null>(null);

  const setBusyFor = (via: Via, on: boolean) =>
    setBusy((b) => {
      const next = new Set(b);
      if (on) next.add(via);
      else next.delete(via);
      return next;
    });

  const connect = (via: Via) => {
    setActionError(null);
    setBusyFor(via, true);
    return unwrap(window.airlock.route.connect({ via }))
      .then(apply, (thrown: unknown) => {
        const error = asAirlockError(thrown);
        const asked = hostKeyQuestionOf(error, via);
        if (asked) setQuestion(asked);
        else setActionError(error);
      })
      .finally(() => setBusyFor(via, false));
  };
  const disconnect = (via: Via) => {
    setActionError(null);
    setDisconnecting((d) => new Set(d).add(via));
    unwrap(window.airlock.route.disconnect({ via }))
      .then(apply, (thrown: unknown) => setActionError(asAirlockError(thrown)))
      .finally(() =>
        setDisconnecting((d) => {
          const next = new Set(d);
          next.delete(via);
          return next;
        }),
      );
  };
  const trust = () => {
    if (question?.kind !== 'unknown') return;
    const { via, presented } = question;
    setTrusting(true);
    setTrustError(null);
    unwrap(window.airlock.route.trustHostKey({ via, fingerprint: presented }))
      .then(
        () => {
          setQuestion(null);
          return connect(via);
        },
        (thrown: unknown) => setTrustError(asAirlockError(thrown).message),
      )
      .finally(() => setTrusting(false));
  };
  const closeQuestion = () => {
    setQuestion(null);
    setTrustError(null);
  };

  const routes = state.status === 'ready' ? state.routes : [];
  const workspaceList = workspaces.status === 'ready' ? workspaces.value.workspaces : [];
  return (
    <div className={styles.root}>
      <Subtitle1 as="h2" className={styles.heading}>
        Connections
      </Subtitle1>
      {state.status === 'loading' ? <Spinner size="small" label="Loading routes…" /> : null}
      {state.status === 'error' ? <ErrorPanel error={state.error.toShape()} onRetry={reload} /> : null}
      {state.status === 'ready' ? (
        <Body1 as="p" className={styles.intro}>{`Private routes of ${current?.id === state.environmentId ? current.displayName : state.environmentId}. Data-plane requests use only a route that is up; none falls back to a public path.`}</Body1>
      ) : null}
      {state.status === 'ready' && routes.length === 0 ? <Body1 as="p" className={styles.intro}>This environment has no private routes.</Body1> : null}
      {actionError ? <ErrorPanel error={actionError.toShape()} /> : null}
      {routes.length > 0 ? (
        <div className={styles.cards}>
          {routes.map((route) => (
            <RouteCard key={route.via} route={route} now={now} busy={busy.has(route.via)} disconnecting={disconnecting.has(route.via)} onConnect={() => void connect(route.via)} onDisconnect={() => disconnect(route.via)} />
          ))}
        </div>
      ) : null}
      {workspaces.status === 'error' ? <ErrorPanel error={workspaces.error.toShape()} onRetry={workspaces.reload} /> : null}
      <TestConnectionPanel workspaces={workspaceList} routes={routes} />
      <ForwardsPanel workspaces={workspaceList} routes={routes} />
      <HostKeyDialog question={question} busy={trusting} error={trustError} onTrust={trust} onClose={closeQuestion} />
    </div>
  );
}
