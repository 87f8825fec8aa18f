// Workspaces: until someone is signed in, the sign-in panel; afterwards the workspaces the active account
// can see (private ones marked), and the models of the one selected (a model's name opens its versions). Calls
// go through the step-up wrapper, so a workspace protected by an auth context asks for MFA in a dialog and
// loads once it is given. The workspace chosen here is also the one the Endpoints screen opens on.
import {
  Badge,
  Body1,
  Button,
  Caption1,
  makeStyles,
  Spinner,
  Subtitle1,
  tokens,
} from '@fluentui/react-components';
import { ArrowClockwiseRegular, BoxMultipleRegular, LockClosedRegular, PlugConnectedRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { AppInfo } from '../../../shared/contract/schemas/app';
import type { ModelSummary, WorkspaceSummary } from '../../../shared/contract/schemas/workspace';
import { EmptyState } from '../../components/EmptyState';
import { ErrorPanel } from '../../components/ErrorPanel';
import { RestOfListStatus } from '../../components/RestOfListStatus';
import { useAirlockQuery, type QueryState } from '../../ipc/use-airlock-query';
import { FIRST_ROWS, rowsOf, useRestOfList } from '../../ipc/use-rest-of-list';
import { rememberWorkspace } from '../endpoints/remembered-workspace';
import { useSession } from '../session/session-context';
import { SignInPanel } from '../session/SignInPanel';
import { useStepUp } from '../session/step-up';
import { ModelDetail } from './ModelDetail';
import { ModelsTable } from './ModelsTable';

const useStyles = makeStyles({
  center: { display: 'flex', justifyContent: 'center', alignItems: 'flex-start', padding: tokens.spacingHorizontalXXL },
  page: { display: 'grid', gridTemplateColumns: 'minmax(240px, 1fr) 3fr', gap: tokens.spacingHorizontalXL, padding: tokens.spacingHorizontalXL, minHeight: 0 },
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0, overflowX: 'auto' },
  heading: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, listStyleType: 'none', margin: 0, padding: 0 },
  item: { width: '100%', justifyContent: 'flex-start', textAlign: 'left', height: 'auto', padding: tokens.spacingVerticalS },
  itemText: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  itemTitle: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** `onOpenEndpoints`: the shell's way to the Endpoints screen (which opens on the workspace chosen here). */
export function WorkspacesView(props: { info: QueryState<AppInfo>; onOpenEndpoints?: () => void }) {
  const styles = useStyles();
  const { active } = useSession();
  if (props.info.status === 'loading') return <Spinner label="Loading…" />;
  if (props.info.status === 'error') return <ErrorPanel error={props.info.error.toShape()} />;
  if (!active) {
    return (
      <div className={styles.center}>
        <SignInPanel info={props.info.value} />
      </div>
    );
  }
  // Keyed by account: switching accounts starts the screen afresh.
  return <WorkspaceBrowser key={active.accountId} accountId={active.accountId} onOpenEndpoints={props.onOpenEndpoints} />;
}

function WorkspaceBrowser(props: { accountId: string; onOpenEndpoints?: (() => void) | undefined }) {
  const styles = useStyles();
  const withStepUp = useStepUp();
  const workspaces = useAirlockQuery(() => withStepUp(() => window.airlock.workspace.list()));
  const [selected, setSelected] = useState<WorkspaceSummary | null>(null);

  return (
    <div className={styles.page}>
      <section className={styles.column} aria-labelledby="workspaces-heading">
        <div className={styles.heading}>
          <Subtitle1 as="h2" id="workspaces-heading">
            Workspaces
          </Subtitle1>
          <Button icon={<ArrowClockwiseRegular />} appearance="subtle" onClick={workspaces.reload} aria-label="Refresh workspaces" />
        </div>
        {workspaces.status === 'loading' ? <Spinner size="small" label="Reading workspaces from Azure Resource Manager…" /> : null}
        {workspaces.status === 'error' ? <ErrorPanel error={workspaces.error.toShape()} onRetry={workspaces.reload} /> : null}
        {workspaces.status === 'ready' && workspaces.value.workspaces.length === 0 ? (
          <EmptyState icon={<BoxMultipleRegular />} title="No workspaces">
            This account cannot see any Azure Machine Learning workspace. Ask the workspace owner for access, or switch account.
          </EmptyState>
        ) : null}
        {workspaces.status === 'ready' ? (
          <ul className={styles.list} aria-label="Workspaces">
            {workspaces.value.workspaces.map((w) => (
              <li key={w.id}>
                <Button
                  className={styles.item}
                  appearance={selected?.id === w.id ? 'primary' : 'secondary'}
                  aria-pressed={selected?.id === w.id}
                  onClick={() => {
                    setSelected(w);
                    rememberWorkspace(props.accountId, w.id);
                  }}
                  data-workspace={w.name}
                >
                  <span className={styles.itemText}>
                    <span className={styles.itemTitle}>
                      {w.displayName}
                      {w.publicNetworkAccess === 'Disabled' ? (
                        <Badge appearance="tint" color="informative" icon={<LockClosedRegular />}>
                          Private
                        </Badge>
                      ) : null}
                    </span>
                    <Caption1>
                      {w.resourceGroup} · {w.location}
                    </Caption1>
                  </span>
                </Button>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <section className={styles.column} aria-labelledby="models-heading">
        {selected ? (
          <ModelsPanel key={selected.id} workspace={selected} onOpenEndpoints={props.onOpenEndpoints} />
        ) : (
          <EmptyState icon={<BoxMultipleRegular />} title="Choose a workspace">
            Its registered models are listed here.
          </EmptyState>
        )}
      </section>
    </div>
  );
}

function ModelsPanel(props: { workspace: WorkspaceSummary; onOpenEndpoints?: (() => void) | undefined }) {
  const styles = useStyles();
  const withStepUp = useStepUp();
  // The first rows at once, then the whole list (a 10k workspace is a hundred ARM pages).
  const models = useAirlockQuery(() => withStepUp(() => window.airlock.workspace.models({ workspaceId: props.workspace.id, first: FIRST_ROWS })));
  const rest = useRestOfList(models.status === 'ready' ? models.value : null, () => withStepUp(() => window.airlock.workspace.models({ workspaceId: props.workspace.id })));
  const shown = models.status === 'ready' ? rowsOf(models.value, rest) : null;
  const [open, setOpen] = useState<ModelSummary | null>(null);
  // Back where the user was: the model's row, selected and focused in the grid (which kept its search and sort while hidden).
  const [returnTo, setReturnTo] = useState<string | null>(null);
  const back = () => {
    setReturnTo(open?.name ?? null);
    setOpen(null);
  };

  return (
    <>
      {open ? <ModelDetail workspaceId={props.workspace.id} model={open} onBack={back} /> : null}
      <div className={styles.column} style={open ? { display: 'none' } : undefined}>
      <div className={styles.heading}>
        <Subtitle1 as="h2" id="models-heading">
          Models in {props.workspace.displayName}
        </Subtitle1>
        <span>
          {props.onOpenEndpoints ? (
            <Button icon={<PlugConnectedRegular />} appearance="subtle" onClick={props.onOpenEndpoints}>
              Online endpoints
            </Button>
          ) : null}
          <Button icon={<ArrowClockwiseRegular />} appearance="subtle" onClick={models.reload} aria-label="Refresh models" />
        </span>
      </div>
      {models.status === 'loading' ? <Spinner size="small" label="Reading models…" /> : null}
      {models.status === 'error' ? <ErrorPanel error={models.error.toShape()} onRetry={models.reload} /> : null}
      {shown && shown.models.length === 0 ? <Body1 className={styles.muted}>No models are registered in this workspace.</Body1> : null}
      {shown ? <RestOfListStatus rest={rest} shown={shown.models.length} complete={shown.complete} what="models" onStop={rest.stop} onRetry={rest.retry} /> : null}
      {shown && shown.models.length > 0 ? (
        <ModelsTable label={`Models in ${props.workspace.displayName}`} models={shown.models} onOpen={setOpen} focusKey={open ? null : returnTo} />
      ) : null}
      </div>
    </>
  );
}
