// The bottom status bar: which environment, which account, and service health — live state only. It names
// the environment from the same source as the sign-in form (environment-choice.tsx), and shows nothing for
// features this version does not have. The route item is live (route.state pushes) and opens Connections.
import { Badge, makeStyles, tokens } from '@fluentui/react-components';
import type { AppHealth, AppInfo } from '../../shared/contract/schemas/app';
import { RouteStatusItem } from '../features/connections/RouteStatusItem';
import { AccountMenu } from '../features/session/AccountMenu';
import { useEnvironmentChoice } from '../features/session/environment-choice';
import type { QueryState } from '../ipc/use-airlock-query';

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    gap: tokens.spacingHorizontalXL,
    alignItems: 'center',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground3,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
  },
  spacer: { flexGrow: 1 },
});

function healthBadge(health: QueryState<AppHealth>) {
  if (health.status === 'loading') return <Badge appearance="outline">Checking…</Badge>;
  if (health.status === 'error') return <Badge color="danger">Services unavailable</Badge>;
  const color = health.value.status === 'ok' ? 'success' : health.value.status === 'degraded' ? 'warning' : 'danger';
  const label = health.value.status === 'ok' ? 'Healthy' : health.value.status === 'degraded' ? 'Degraded' : 'Failing';
  return <Badge color={color}>{label}</Badge>;
}

export function StatusBar(props: { info: QueryState<AppInfo>; health: QueryState<AppHealth>; onOpenConnections: () => void }) {
  const styles = useStyles();
  const { info } = props;
  const { current } = useEnvironmentChoice();
  let environment = info.status === 'loading' ? 'Loading…' : 'Unknown';
  if (info.status === 'ready') environment = current?.displayName ?? 'None configured';
  return (
    <footer className={styles.bar} aria-label="Status bar">
      <span data-status="environment">Environment: {environment}</span>
      <AccountMenu />
      <RouteStatusItem onOpen={props.onOpenConnections} />
      <span className={styles.spacer} />
      <span data-status="health">{healthBadge(props.health)}</span>
      {props.info.status === 'ready' ? <span data-status="version">v{props.info.value.version}</span> : null}
    </footer>
  );
}
