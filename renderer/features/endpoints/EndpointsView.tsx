// Endpoints: pick a workspace (remembered; Workspaces sets it too), see its online endpoints in a searchable,
// sortable, virtualized table, and open one for its deployments, log tail and test inference. Calls go through
// the step-up wrapper like Workspaces. "No online endpoints" is said only when ARM answered an empty list —
// never while loading, after a failure, or after the user stopped waiting.
import { Button, Field, makeStyles, Select, Subtitle1, tokens } from '@fluentui/react-components';
import { ArrowClockwiseRegular, PlugConnectedRegular, PlugDisconnectedRegular } from '@fluentui/react-icons';
import { useRef, useState } from 'react';
import type { EndpointSummary } from '../../../shared/contract/schemas/endpoint';
import type { WorkspaceSummary } from '../../../shared/contract/schemas/workspace';
import { EmptyState } from '../../components/EmptyState';
import { RestOfListStatus } from '../../components/RestOfListStatus';
import { SignInFirst } from '../../components/SignInFirst';
import { cleanLine } from '../../components/inert-text';
import { FIRST_ROWS, rowsOf, useRestOfList } from '../../ipc/use-rest-of-list';
import { useSession } from '../session/session-context';
import { useStepUp } from '../session/step-up';
import { EndpointDetailView } from './EndpointDetailView';
import { EndpointsTable } from './EndpointsTable';
import { ReadProgress } from './ReadProgress';
import { rememberedWorkspace, rememberWorkspace } from './remembered-workspace';
import { useCancellableQuery } from './use-cancellable-query';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}`, flex: 1, minHeight: 0 },
  heading: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalL, flexWrap: 'wrap' },
  title: { margin: 0, marginRight: 'auto' },
  picker: { minWidth: '280px', maxWidth: '100%' },
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, flex: 1, minHeight: 0 },
});

/** `onSignIn`: takes the user to where the sign-in is (Workspaces), so the empty screen is one click from it. */
export function EndpointsView(props: { onSignIn?: () => void }) {
  const { active } = useSession();
  if (!active) {
    return (
      <SignInFirst title="Sign in to see endpoints" {...(props.onSignIn ? { onSignIn: props.onSignIn } : {})}>
        Sign in under Workspaces; the online endpoints of the workspaces your account can see are listed here.
      </SignInFirst>
    );
  }
  // Keyed by account: switching accounts starts the screen afresh.
  return <EndpointsBrowser key={active.accountId} accountId={active.accountId} />;
}

function workspaceLabel(w: WorkspaceSummary): string {
  return `${cleanLine(w.displayName) || cleanLine(w.name)} (${cleanLine(w.resourceGroup)})`;
}

function EndpointsBrowser(props: { accountId: string }) {
  const styles = useStyles();
  const withStepUp = useStepUp();
  const workspaces = useCancellableQuery(() => withStepUp(() => window.airlock.workspace.list()));
  const [chosen, setChosen] = useState<string | null>(() => rememberedWorkspace(props.accountId));
  const list = workspaces.status === 'ready' ? workspaces.value.workspaces : [];
  // The remembered one if this account still sees it, else the first.
  const workspace = list.find((w) => w.id === chosen) ?? list[0] ?? null;
  const choose = (id: string) => {
    setChosen(id);
    rememberWorkspace(props.accountId, id);
  };

  return (
    <div className={styles.root}>
      <div className={styles.heading}>
        <Subtitle1 as="h2" className={styles.title}>
          Online endpoints
        </Subtitle1>
        {list.length > 0 && workspace ? (
          <Field label="Workspace" className={styles.picker}>
            <Select value={workspace.id} onChange={(_e, data) => choose(data.value)} data-endpoints-workspace>
              {list.map((w) => (
                <option key={w.id} value={w.id}>
                  {workspaceLabel(w)}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
      </div>
      <ReadProgress query={workspaces} what="your workspaces" />
      {workspaces.status === 'ready' && list.length === 0 ? (
        <EmptyState icon={<PlugDisconnectedRegular />} title="No workspaces">
          This account cannot see any Azure Machine Learning workspace, so it has no endpoints to show. Ask the workspace owner for access, or switch account.
        </EmptyState>
      ) : null}
      {workspace ? <WorkspaceEndpoints key={workspace.id} workspace={workspace} /> : null}
    </div>
  );
}

function WorkspaceEndpoints(props: { workspace: WorkspaceSummary }) {
  const styles = useStyles();
  const withStepUp = useStepUp();
  const { workspace } = props;
  // The first rows at once, then the whole list (a 10k workspace is a hundred ARM pages).
  const endpoints = useCancellableQuery(() => withStepUp(() => window.airlock.endpoint.list({ workspaceId: workspace.id, first: FIRST_ROWS })));
  const rest = useRestOfList(endpoints.status === 'ready' ? endpoints.value : null, () => withStepUp(() => window.airlock.endpoint.list({ workspaceId: workspace.id })));
  const shown = endpoints.status === 'ready' ? rowsOf(endpoints.value, rest) : null;
  const [selected, setSelected] = useState<string | null>(null);
  const [open, setOpen] = useState<EndpointSummary | null>(null);
  const listArea = useRef<HTMLDivElement>(null);
  const label = `Online endpoints in ${cleanLine(workspace.displayName) || cleanLine(workspace.name)}`;

  const back = () => {
    setOpen(null);
    // Back where the user was: the table, its row still selected.
    requestAnimationFrame(() => listArea.current?.querySelector<HTMLElement>('[role="grid"]')?.focus());
  };

  return (
    <>
      {/* Kept mounted (hidden) while an endpoint is open, so search, sort and selection are there on return. */}
      <div className={styles.panel} hidden={open !== null} ref={listArea} style={open ? { display: 'none' } : undefined}>
        <ReadProgress query={endpoints} what="online endpoints" />
        {shown && shown.endpoints.length === 0 ? (
          <EmptyState icon={<PlugConnectedRegular />} title="No online endpoints in this workspace">
            Azure Resource Manager lists no online endpoints in this workspace. Endpoints deployed from Azure ML studio, the CLI or the SDK appear here.
          </EmptyState>
        ) : null}
        {shown ? <RestOfListStatus rest={rest} shown={shown.endpoints.length} complete={shown.complete} what="endpoints" onStop={rest.stop} onRetry={rest.retry} /> : null}
        {shown && shown.endpoints.length > 0 ? (
          <EndpointsTable
            label={label}
            endpoints={shown.endpoints}
            selected={selected}
            onSelect={(e) => setSelected(e.id)}
            onOpen={setOpen}
            actions={
              <Button icon={<ArrowClockwiseRegular />} onClick={endpoints.reload}>
                Refresh
              </Button>
            }
          />
        ) : null}
      </div>
      {open ? <EndpointDetailView key={open.id} workspaceId={workspace.id} summary={open} onBack={back} /> : null}
    </>
  );
}
