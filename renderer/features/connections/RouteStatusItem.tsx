// The status bar's route item: the route that matters most now ("SSH jump host: up · 12 ms"), live from the routes
// context (route.state pushes); a button, so click and Enter open Connections.
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { statusBarWords } from './route-words';
import { useRoutes } from './routes-context';

const useStyles = makeStyles({
  item: { fontSize: tokens.fontSizeBase200, minWidth: 0, padding: `0 ${tokens.spacingHorizontalXS}`, fontWeight: tokens.fontWeightRegular },
});

export function RouteStatusItem(props: { onOpen: () => void }) {
  const styles = useStyles();
  const { state } = useRoutes();
  let words = 'Connection: …';
  if (state.status === 'ready') words = statusBarWords(state.routes.filter((r) => r.allowed));
  if (state.status === 'error') words = 'Connection: unknown';
  return (
    <Button appearance="transparent" size="small" className={styles.item} onClick={props.onOpen} data-status="route" title="Open Connections">
      {words}
    </Button>
  );
}
