// Workspaces: until someone is signed in, the sign-in panel; afterwards the workspace list (next issue).
import { makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { BoxMultipleRegular } from '@fluentui/react-icons';
import type { AppInfo } from '../../../shared/contract/schemas/app';
import { EmptyState } from '../../components/EmptyState';
import { ErrorPanel } from '../../components/ErrorPanel';
import type { QueryState } from '../../ipc/use-airlock-query';
import { useSession } from '../session/session-context';
import { SignInPanel } from '../session/SignInPanel';

const useStyles = makeStyles({
  center: { display: 'flex', justifyContent: 'center', alignItems: 'flex-start', padding: tokens.spacingHorizontalXXL },
});

export function WorkspacesView(props: { info: QueryState<AppInfo> }) {
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
  return (
    <EmptyState icon={<BoxMultipleRegular />} title={`Signed in as ${active.username}`}>
      The private Azure Machine Learning workspaces this account can reach will be listed here, with their models and online endpoints.
    </EmptyState>
  );
}
